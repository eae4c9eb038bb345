"""The line mode's words: the week's situation (`game.present.situation`), the menu of
choices, a dilemma, the status and the commands, as lines of plain text for a screen
reader, a braille display or a script. `game.plain` prints them as they are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.present.doc import Topic
from game.present.labels import CONTESTED, COST, DILEMMA, HOW_SURE, NOW
from game.present.ledger import zone_summary
from game.present.notices import game_saved_to, resume_with
from game.present.plan import cost_text
from game.present.situation import NO_NEWS, ActionEntry, NewsEntry, Situation
from game.present.turn import (
    DISPUTE_KEY,
    FULL_NEWS_HEADING,
    NEWS_HEADING,
    comes_words,
    length_intro,
    option_brief,
    turn_word,
)
from game.present.words import short_sources_text, source_names, sources_text, span, topics
from game.session import DilemmaInfo, OptionInfo, Session, WeekInfo

HELP = """Commands:
  a number, or several (like: 1 3): put an action into your plan or take it out; pick a dilemma option
  menu: list this week's choices again
  info N: more about choice N (what it does, how sure it is, its sources)
  status: the ledger, your resources and your plan
  sources: the sources of this week's news, with their stance
  news: the news in full (a lesson turn shows its titles), with what each source says
  report: the last turn's report in full, what the computer's roles did too
  assumptions: what the model assumes where the record is silent
  role: your role card (who you are, what you can and cannot change, what to watch)
  save, or save FILE: save the game (to this game's save file, or to FILE)
  end: end your turn and play the week (it says first what is left undone)
  debrief: end the game here and see the debrief of the weeks played (the game stays saved)
  finish: once your role has left the game's story, play the remaining weeks and see the debrief
  quit: save the game and stop
  help: this list"""

HINT = "Type a number from the list, end to play the week, or help for the commands."
MENU_END = "Type a number to put it into your plan or take it out; end to play the week; help for more."


def _stop(text: str) -> str:
    """A question ends as it is; anything else gets a full stop."""
    return text if text.endswith("?") else text + "."


def title_lines(session: Session) -> list[str]:
    """The game's title and its content note, each followed by a blank line."""
    return [session.scenario.title, "", f"Content note: {session.content_note()}", ""]


def opening_lines(session: Session) -> list[str]:
    """After the role cards: who the computer plays, what is simulated, the seed, where
    the game is saved, the length's intro, any notice, and where a resumed game is."""
    s = session
    w = s.week_info()
    out = []
    if s.automated:
        names = ", ".join(s.role_info(r).name for r in s.automated)
        out.append(f"Played by the computer ({s.policy} policy): {names}.")
    from_code = f', from the class code "{s.code}"' if s.code else ""
    out += [
        "Numbers marked simulated come from the game's model, not from the record;"
        " facts from the record name their sources.",
        f"Game seed: {s.seed}{from_code} (a game with the same seed meets the same luck).",
        f"The game is saved after every {turn_word(w)} to {s.autosave_path}.",
        "Type help at any time for the commands.",
    ]
    intro = length_intro(w)
    if intro:
        out.append(intro)
    if s.notice:
        out.append(f"Note: {s.notice}")
    if s.week > 0 and not s.finished:
        out.append(f"Resuming at {turn_word(w)} {w.turn if w.length == 'lesson' else w.number} of {w.turns}.")
    return out


def deciding_line(session: Session, role: str) -> str:
    """Who decides now, in a game of several players."""
    return f"Now deciding: {session.role_info(role).name}."


def topic_lines(topics: Iterable[Topic]) -> list[str]:
    """Each topic's question (marked once if disputed), then what each source says."""
    out = []
    for t in topics:
        out.append(f"  {t.title} What each source says:")
        out += [f"    {cl.line()}" for cl in t.claims]
    return out


def news_lines(e: NewsEntry, *, lesson: bool) -> list[str]:
    """An item of news. A lesson shows the disputes side by side; an undisputed fact's
    claims are in the item's own text (sources shows them)."""
    tags = "".join(f" {t}" for t in e.tags)
    out = [f"- {e.title}{e.when}{tags}", f"  {e.text}", f"  {e.sources}"]
    if e.contested:
        out.append(f"  {CONTESTED}{_stop(e.contested)}")
    return out + topic_lines(e.disputed if lesson else e.topics)


def situation_lines(sit: Situation) -> list[str]:
    """The turn's heading, its phase, and the news (after a blank line)."""
    lesson = sit.week.length == "lesson"
    out = [sit.heading, *([sit.phase] if sit.phase else []), *sit.also]
    if sit.brief:  # a lesson turn: its summary, and the news as titles
        out += [sit.summary, sit.summary_sources]
    elif sit.phase_sources:  # the phase's summary and sources once, at its first turn
        out.append(sit.phase_sources)
    out.append("")
    if not sit.news:
        return [*out, NO_NEWS]
    if sit.brief:
        return [*out, f"{NEWS_HEADING}:", *(f"- {t}" for t in sit.news_titles)]
    out.append("News this week:")
    for e in sit.news:
        out += news_lines(e, lesson=lesson)
    return out


def ledger_lines(entry: dict[str, Any]) -> list[str]:
    return [
        "Civilian ledger (simulated by the model, not a record):",
        f"  East (simulated): {zone_summary(entry, 'east')}.",
        f"  West (simulated): {zone_summary(entry, 'west')}.",
    ]


def resources_line(sit: Situation, name: str, players: int = 1, as_card: bool = False) -> str:
    """The role's resources; a brief turn says whose only when several play. `as_card`:
    worded as the role card just shown words them (its full labels), not anew."""
    whose = f" ({name})" if players > 1 or not sit.brief else ""
    return f"Your resources{whose}: {'; '.join(sit.card_resources if as_card else sit.resources)}."


def action_line(a: ActionEntry) -> str:
    pts = f"{a.points} action point{'s' if a.points != 1 else ''}"
    parts = [a.name + ".", f"{COST}{a.cost}; {pts}." if a.cost else f"{COST}{pts}."]
    if a.verdict:
        parts.append(f"{a.verdict}.")
    if a.planned:
        parts.append("[in your plan]")
    elif a.tag:
        parts.append(f"[{a.tag}]")
    return " ".join(parts)


def option_line(session: Session, o: OptionInfo, *, short: bool = False) -> str:
    """A dilemma's option; `short` (a brief turn): as an action is shown, label, cost and
    how sure in a word (its text and reasons: info)."""
    if short:
        parts = [option_brief(o, cost_text(session, o.cost))]
    else:
        parts = [f"{o.label}: {o.text}"]
        cost = cost_text(session, o.cost)
        if cost:
            parts.append(f"{COST}{cost}.")
        parts.append(o.uncertainty)
    if o.is_default:
        parts.append("(If you choose nothing.)" if short else "(What happens if you choose nothing.)")
    if o.chosen:
        parts.append("[chosen]")
    elif not o.affordable:
        parts.append("[cannot afford]")
    return " ".join(parts)


def menu_heading(w: WeekInfo, left: int, budget: int) -> str:
    turn = "turn" if w.length == "lesson" else "week"
    return f"Your choices this {turn} ({left} of {budget} action points left):"


def dilemma_lines(d: DilemmaInfo, *, short: bool = False) -> list[str]:
    """A dilemma's card before its options: title, text, sources, when it comes, what
    is disputed and what each source says (`short`, a brief turn: the sources by their
    short names, and what each says a command away)."""
    mark = " [contested]" if d.contested else ""
    sources = short_sources_text(d.sources) if short else f"Sources: {source_names(d.sources)}."
    out = [f"{DILEMMA}{d.title}{mark}", f"  {d.text}", f"  {sources}"]
    if d.comes is not None:
        out.append(f"  {comes_words(d.comes)}")
    if d.contested:
        out.append(f"  {CONTESTED}{_stop(d.contested)}" + (f" {DISPUTE_KEY}" if short else ""))
    return out if short else out + topic_lines(topics(d.claims))


def full_news_lines(session: Session, role: str, news: Iterable[NewsEntry]) -> list[str]:
    """The full texts (the `news` command): the phase's summary with its sources, the
    news of the turn just played and of this one, each with what every source says, and
    the disputes of the dilemmas to answer."""
    w = session.week_info()
    out = [f"{FULL_NEWS_HEADING}:", f"Phase: {w.phase_name}. {w.phase_summary}", f"Sources: {source_names(w.phase_sources)}."]
    items = list(news)
    if not items:
        out.append(NO_NEWS)
    for e in items:
        out += news_lines(e, lesson=False)
    for d in session.dilemmas(role):
        if d.claims:
            out.append(f"{DILEMMA}{d.title}. {sources_text(d.sources)}")
            out += topic_lines(topics(d.claims))
    return out


def status_heading(w: WeekInfo) -> str:
    return f"Week {w.number} of {w.weeks}: {span(w.start, w.end)}. Phase: {w.phase_name}."


def answer_lines(session: Session, role: str) -> list[str]:
    out = []
    for d in session.dilemmas(role):
        chosen = next((o.label for o in d.options if o.chosen), None)
        default = next(o.label for o in d.options if o.is_default)
        said = f'you chose "{chosen}".' if chosen else f'no choice yet (default: "{default}").'
        out.append(f'Dilemma "{d.title}": {said}')
    return out


def plan_line(session: Session, role: str) -> str:
    plan = session.plan(role)
    names = {a.id: a.name for a in session.actions(role)}
    acts = ", ".join(names[a] for a in plan.actions) or "no actions"
    return f"Your plan: {acts}. Action points left: {session.points_left(role)}."


# -- the line mode's answers to a command ---------------------------------------------
END_OF_INPUT = "End of input."
LEAVING = "Leaving the game."
ASSUMES = "What the model assumes:"
NOT_YET_FINISH = "Not now: finish plays the remaining weeks once your role has left the game's story."
PLAYED_WITHOUT_YOU = "The remaining weeks are played without you."
THE_END = "The end."


def not_understood(line: str) -> str:
    shown = line if len(line) <= 40 else line[:40] + "..."
    return f'Not understood: "{shown}". {HINT}'


def no_choice(n: int, top: int | None = None) -> str:
    runs = f"; the choices run from 1 to {top}" if top is not None else ""
    return f"There is no choice {n}{runs}. Type menu to list them."


def taken_back(title: str, default: str) -> str:
    return f'Choice taken back for "{title}": if you choose nothing, "{default}" happens.'


def info_lines(n: int, name: str, text: str, how_sure: str) -> list[str]:
    return [f"{n}. {name}", f"  {text}", f"  {HOW_SURE}{how_sure}"]


def info_sources(sources: Any) -> str:
    return f"  Sources: {source_names(sources)}."


def info_now(reason: str) -> str:
    return f"  {NOW}{reason}."


def assumption_line(title: str, text: str) -> str:
    return f"- {title}: {text}"


def autosave_failed(problem: object) -> str:
    return f"Warning: the game could not be saved: {problem}"


def leave_unsaved(why: str, problem: object) -> str:
    return f"{why} Could not save the game: {problem}"


def leave_saved(why: str, where: object) -> list[str]:
    return [f"{why} {game_saved_to(where)}", resume_with(where)]


def comparing(n: int) -> str:
    return f"Comparing your game with {n:,} alternative histories of each kind (simulated); this takes a few seconds."


def done_percent(m: int) -> str:
    return f"  {m}% done."


def debrief_written(where: object) -> str:
    return f"The debrief is written to {where}."


def debrief_not_written(problem: object) -> str:
    return f"Could not write the debrief: {problem}"


def chosen(title: str, label: str) -> str:
    return f'Chosen for "{title}": {label}.'
