"""Numbers as people read them (game.present.words) and the terminal charts' content
(game.present.plot): units said in full, whole numbers where fractions mean nothing,
yes and no as words, 0-1 scales said as such, each zone on its own axis."""

from __future__ import annotations

from game.present.ledger import ledger_table
from game.present.plot import ledger_plot, y_axis
from game.present.words import quantity, resource_text
from game.session import Session


def test_units_in_full() -> None:
    assert quantity(3000, "thousand rations") == "3 million rations"
    assert quantity(2500, "thousand rations") == "2.5 million rations"
    assert quantity(20, "thousand litres") == "20,000 litres"
    assert quantity(13.04, "USD million") == "USD 13.04 million"
    assert quantity(10_000_000, "person-days") == "10 million person-days"


def test_whole_numbers_and_scales() -> None:
    assert quantity(3.6, "people") == "4 people"
    assert quantity(35.27, "", 100) == "35 of 100"
    assert quantity(0.4, "", 1) == "0.40 of 1"
    assert quantity(1, "", 1) == "1 of 1"
    # once the scale has been said (a lesson turn after the first), the value alone
    assert quantity(0.4, "", 1, scale=False) == "0.40" and quantity(35.27, "", 100, scale=False) == "35"
    assert quantity(20, "thousand litres", scale=False) == "20,000 litres"
    assert resource_text("The family has left the east (1 = yes)", 0) == "The family has left the east: no"
    assert resource_text("Left by a pause exit route (1 = yes)", 1) == "Left by a pause exit route: yes"


def test_every_resource_reads_in_words() -> None:
    s = Session.new(seed=7, autosave=False)
    for role in s.scenario.roles:
        for r in s.resources(role.id):
            text = resource_text(r.label, r.value, r.unit, r.high)
            assert "thousand rations" not in text and "(1 = yes)" not in text, text
            if r.high == 1 and not r.unit and "(1 = yes)" not in r.label:
                assert text.endswith(" of 1"), text


def test_the_role_card_words_resources_as_the_week_does() -> None:
    from game.present.card import role_card

    s = Session.new(seed=7, autosave=False)
    for role in s.scenario.roles:
        card = role_card(s, role.id)
        lines = next(sec.lines for sec in card.sections if sec.title == "Your resources")
        week = [resource_text(r.label, r.value, r.unit, r.high) for r in s.resources(role.id)]
        assert list(lines[1:]) == week, role.id
    coordinator = role_card(s, "coordinator")
    text = " ".join(line for sec in coordinator.sections for line in sec.lines)
    assert "3 million rations" in text and "USD 6.9 million" in text and "thousand rations" not in text


def test_y_axis() -> None:
    ticks, top = y_axis([0, 0, 0])
    assert [t for t, _ in ticks] == [0, 1] and top == 1  # not -1 to 1
    ticks, top = y_axis([0, 290_000])
    assert all(float(t).is_integer() for t, _ in ticks) and top >= 290_000
    ticks, _ = y_axis([0, 1_200_000])
    assert ticks[-1][1].endswith("million")


def test_zones_on_their_own_axes() -> None:
    s = Session.new(seed=7, autosave=False)
    for _ in range(3):
        s.advance()
    plot = ledger_plot(s.history(), s.n_weeks, s.record_marks(), "present")
    east, west = plot.panels
    assert east.y_max < 400_000 < west.y_max
    assert [t for t, _ in east.x_ticks] == list(range(s.n_weeks + 1))  # whole weeks
    food = ledger_plot(s.history(), s.n_weeks, s.record_marks(), "food_days")
    assert len(food.panels) == 1


def test_the_ledger_s_total_says_it_is_the_whole_city() -> None:
    """The total counts the Kurdish-held district too, so it is more than east and west
    together: the caption says so, and food (counted in the east only) has no total."""
    s = Session.new(seed=3, autosave=False)
    s.advance()
    entry = s.ledger()
    table = ledger_table(entry)
    rows = {row[0].text: row for row in table.rows}
    east, west, total = (float(c.value) for c in rows["present"][1:])  # type: ignore[arg-type]
    assert total == float(entry["total"]["present"]) > east + west
    assert "Kurdish-held district included" in table.caption
    assert rows["food (days)"][3].text == "–" and rows["food (days)"][1].text != "–"
