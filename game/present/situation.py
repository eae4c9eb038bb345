"""The week's situation as one document for both front ends: the turn's heading and
phase, the news with its sources and claims, the role's resources, its actions with
what they cost and how sure they are, and the dilemmas still to answer. The full-screen
week lays it out in panels (game.ui.screens.week), the line mode as lines
(game.present.lines words those lines, game.plain shows them)."""

from __future__ import annotations

from dataclasses import dataclass

from game.present.doc import Topic
from game.present.plan import action_reason, cost_text
from game.present.turn import (
    brief,
    news_title,
    phase_line,
    summary_line,
    turn_count,
    turn_dates,
    turn_heading,
    turn_title,
)
from game.present.words import (
    certainty,
    day,
    resource_text,
    short_sources_text,
    short_span,
    sources_text,
    span,
    topics,
)
from game.session import ActionInfo, NewsItem, Session, WeekInfo

SIMULATED_EVENT = "[simulated: the model's own event]"
NO_NEWS = "No news this week."


@dataclass(frozen=True, slots=True)
class NewsEntry:
    """An event of the week in words."""

    title: str
    when: str  # " (7 July 2016)", or ""
    tags: tuple[str, ...]  # "[contested]", the simulated mark
    text: str
    sources: str  # "Sources: ...."
    contested: str  # the disputed topics' questions ("" if none)
    topics: tuple[Topic, ...]  # every topic of its claims
    disputed: tuple[Topic, ...]  # the disputed ones only


@dataclass(frozen=True, slots=True)
class ActionEntry:
    """An action of the role in words, with its state for the front end to mark."""

    id: str
    name: str
    planned: bool
    possible: bool  # its condition holds this week
    affordable: bool
    cost: str  # "Funds USD 1 million" ("" if free)
    points: int
    verdict: str  # "Likely" ("" if the note gives none)
    tag: str  # "not possible this week", "cannot afford", or ""
    summary: str
    uncertainty: str
    sources: str  # "Sources: ...." ("" if it cites none)
    reason: str  # why it cannot be added now ("" if it can)

    @property
    def open(self) -> bool:
        """Planned, or possible and affordable (drawn dim otherwise)."""
        return self.planned or (self.possible and self.affordable)


@dataclass(frozen=True, slots=True)
class Situation:
    """The week's situation for one role."""

    week: WeekInfo
    title: str  # the header's short form: "Week 3 of 20"
    dates: str  # "17 July to 23 July 2016"
    dates_short: str  # "17–23 Jul", for a narrow header
    heading: str  # "Week 3 of 20: 17 July to 23 July 2016."
    phase: str  # the phase line
    also: tuple[str, ...]  # other phases with days in this week, a line each
    phase_sources: str  # "Sources: ...." at the phase's first turn, else ""
    news: tuple[NewsEntry, ...]
    who: str  # "Turn of player 1 of 2: Household (fictional)"
    points: str  # " · 2 of 2 action points left"
    dilemmas: str  # " · 1 dilemma to answer (d)", or ""
    resources: tuple[str, ...]  # "Funds: USD 13.04 million", a line each
    card_resources: tuple[str, ...]  # the same as the role card words them (full labels)
    actions: tuple[ActionEntry, ...]
    # A brief turn (a lesson turn with the scenario's summary of its weeks): the summary
    # and its sources in place of the phase's, and the news as titles, the full texts a
    # key away (`brief` False: "" and none).
    brief: bool = False
    summary: str = ""  # "In these weeks: ..."
    summary_sources: str = ""  # "Sources: SOHR (monitor); ..."
    news_titles: tuple[str, ...] = ()


def news_entry(item: NewsItem) -> NewsEntry:
    tags = (("[contested]",) if item.is_contested else ()) + ((SIMULATED_EVENT,) if item.simulated else ())
    all_topics = topics(item.claims)
    return NewsEntry(
        title=item.title,
        when=f" ({day(item.date)})" if item.date else "",
        tags=tags,
        text=item.text,
        sources=sources_text(item.sources),
        contested=item.contested,
        topics=all_topics,
        disputed=tuple(t for t in all_topics if t.contested),
    )


def action_entry(session: Session, a: ActionInfo) -> ActionEntry:
    tag = "" if a.planned else "not possible this week" if not a.available else "" if a.affordable else "cannot afford"
    return ActionEntry(
        id=a.id,
        name=a.name,
        planned=a.planned,
        possible=a.available,
        affordable=a.affordable,
        cost=cost_text(session, a.cost),
        points=a.points,
        verdict=certainty(a.uncertainty),
        tag=tag,
        summary=a.summary,
        uncertainty=a.uncertainty,
        sources=sources_text(a.sources) if a.sources else "",
        reason=action_reason(session, a),
    )


def dilemma_status(session: Session, role: str) -> str:
    ds = session.dilemmas(role)
    if not ds:
        return ""
    open_ = sum(1 for d in ds if d.chosen is None)
    if open_:
        return f" · {open_} dilemma{'s' if open_ != 1 else ''} to answer (d)"
    return " · dilemma answered (d to change)"


def week_line(session: Session, role: str) -> tuple[str, str, str]:
    """Whose turn it is, the points left and the dilemmas to answer (what a change to
    the plan changes)."""
    s = session
    info = s.role_info(role)
    turn = f"Turn of player {s.turn + 1} of {len(s.roles)}: " if len(s.roles) > 1 else ""
    return (
        f"{turn}{info.name}{' (fictional)' if info.fictional else ''}",
        f" · {s.points_left(role)} of {info.budget} action points left",
        dilemma_status(s, role),
    )


def action_entries(session: Session, role: str) -> tuple[ActionEntry, ...]:
    return tuple(action_entry(session, a) for a in session.actions(role))


def situation(session: Session, role: str) -> Situation:
    """The week's situation for `role` (the player whose turn it is)."""
    s = session
    w = s.week_info()
    who, points, dilemmas = week_line(s, role)
    short = brief(w)
    news = s.news()
    return Situation(
        week=w,
        title=turn_title(w),
        dates=turn_dates(w),
        dates_short=short_span(w.start, w.span_end or w.end),
        heading=turn_heading(w),
        phase=phase_line(w),
        also=() if short else tuple(f"Also this week: {name} ({span(first, last)})." for name, first, last in w.also),
        phase_sources=sources_text(w.phase_sources) if w.phase_new and not short else "",
        news=tuple(news_entry(n) for n in news),
        who=who,
        points=points,
        dilemmas=dilemmas,
        # a brief turn names the resources by their short labels (the role card has the full
        # ones), and after the first gives a scale's value without it ("0.40", not "0.40 of 1")
        resources=tuple(
            resource_text((r.short if short else "") or r.label, r.value, r.unit, r.high, not short or w.turn == 1)
            for r in s.resources(role)
        ),
        card_resources=tuple(resource_text(r.label, r.value, r.unit, r.high) for r in s.resources(role)),
        actions=action_entries(s, role),
        brief=short,
        summary=summary_line(w),
        summary_sources=short_sources_text(w.turn_sources) if short else "",
        news_titles=tuple(news_title(n) for n in news) if short else (),
    )


def header_line(sit: Situation, room: int) -> str:
    """The week screen's header: the turn, its days and its phase, in the longest form
    that fits in `room` characters: in full ("Turn 7 of 8: The push west and the November
    pause · 30 October to 19 November 2016 · The rebel push west"), with the days short
    ("30 Oct–19 Nov"), without the lesson turn's name (the week's heading has it), and
    last the turn and its phase alone. The phase is in every form."""
    w = sit.week
    count = turn_count(w)
    forms = (
        (sit.title, sit.dates, w.phase_name),
        (sit.title, sit.dates_short, w.phase_name),
        (count, sit.dates_short, w.phase_name),
        (count, w.phase_name),
    )
    lines = [" · ".join(f) for f in forms]
    return next((line for line in lines if len(line) <= room), lines[-1])
