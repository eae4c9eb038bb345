"""The game in a browser, end to end: `corridors serve` on a free loopback port, its page
opened in headless Chromium (Debian's `chromium`, which .ci/chromium installs), driven
over Chromium's DevTools protocol (tests/browser.py) as a student would: a mistyped
class code refused on the game's own screen, the right code and a name, enter to begin,
one action ticked and the week ended, the week's report read, then the tab closed. The
screen is read from the page's terminal at each step and kept as screenshots (in
$CORRIDORS_TEST_SHOTS if it is set, else in the test's folder); the result is then found
in the class's store under the student's name, with the week played.

Skipped, with the reason, when no Chromium is installed; in CI it fails instead
(tests/conftest.py), so the browser is always part of what CI tests."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from browser import Chromium, Page, find_chromium
from test_serve import Serving, mistyped

from game.classroom.classes import new_class
from game.classroom.storeopen import open_store
from game.present.join import JOIN_WORDS

CHROMIUM = find_chromium()
NAME = "Browser Bea"


def press(page: Page, key: str) -> None:
    """A key of the game (a letter or a digit), or a named one (Enter)."""
    if len(key) == 1:
        page.type(key)
    else:
        page.key(key)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: `bash .ci/chromium` installs Debian's package (as root)")
def test_a_student_plays_in_the_browser(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    shots = Path(os.environ.get("CORRIDORS_TEST_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    store = str(tmp_path / "class.sqlite")
    klass, _ = new_class(store, "aleppo-2016", ["coordinator"], seed=21)
    code = klass.code
    serving = Serving(tmp_path / "h", "--class", code, "--store", store)
    try:
        with Chromium(CHROMIUM, width=1280, height=800) as browser:
            page = browser.open(serving.url)
            text = page.wait_for_text(JOIN_WORDS.heading, timeout=90)
            assert JOIN_WORDS.code_label in text and JOIN_WORDS.name_label in text
            page.screenshot(shots / "browser-1-join.png")

            page.focus_terminal()
            page.type(mistyped(code))
            press(page, "Enter")  # to the name box
            time.sleep(1.0)  # as a person types: the focus has moved
            page.type(NAME)
            press(page, "Enter")
            text = page.wait_for_text("mistyped", timeout=60)
            assert JOIN_WORDS.begin_button not in text  # no game without a valid code
            page.screenshot(shots / "browser-2-refused.png")

            page.type(code)  # replaces the refused code, which is selected
            press(page, "Enter")
            text = page.wait_for_text(JOIN_WORDS.begin_button, timeout=60)
            assert f"Class {code}" in text and f'"{NAME}"' in text and "Content note." in text
            page.screenshot(shots / "browser-3-welcome.png")

            press(page, "Enter")
            page.wait_for_text("Week 1 of 20", timeout=60)
            page.wait_for_text("Who you are", timeout=30)  # the role card opens the game
            press(page, "Enter")  # play
            page.wait_for_text("2 of 2 action points left", timeout=30)
            press(page, "1")  # stage food at the border
            text = page.wait_for_text("1 of 2 action points left", timeout=30)
            assert "[x] Stage food at the border" in " ".join(text.split())
            page.screenshot(shots / "browser-4-week.png")

            press(page, "e")  # end the week, with a point left: the game asks first
            page.wait_for_text("End your turn anyway?", timeout=30)
            press(page, "y")
            text = page.wait_for_text("Week 1 played", timeout=120)
            assert "Stage food at the border: done." in " ".join(text.split())
            assert "Week 2 of 20" in text
            page.screenshot(shots / "browser-5-report.png")
            page.close()

        deadline = time.monotonic() + 60
        records = []
        while time.monotonic() < deadline and not records:
            with open_store(store) as s:
                records = [r for r in s.results(code) if r.player == NAME]
            time.sleep(0.5)
        assert records, "the closed tab's game kept no result"
        record = records[0]
        assert record.weeks_played == 1 and not record.finished and record.seed == 21
        mine = [d for d in record.decisions if d.by == "player"]
        assert [(d.week, d.role) for d in mine] == [(1, "coordinator")] and mine[0].action
    finally:
        out, err = serving.stop()
    assert "Traceback" not in out + err
