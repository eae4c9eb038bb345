"""The teacher's watch of a class (`corridors class watch CODE`): who is playing, who has
finished, and the class's spread so far, as a document.

The data (`ClassWatch`) is gathered from the results store by `game.classroom.watch`;
this module words it, and the Textual screen (game.ui.screens.watch) lays it out.
Every figure is simulated by the game's model, and the document says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from game.present import words
from game.present.doc import Cell, Document, Heading, Items, Paragraph, Table, spans

STALE_MINUTES = 10  # a game not heard from for this long is shown as stopped
# The measures whose spread the watch shows, as (measure id, label).
SPREAD_MEASURES = (
    ("final-east-killed", "civilians killed in the east"),
    ("final-east-left", "people who left the east"),
    ("final-east-present", "people still in the east"),
)

@dataclass(frozen=True, slots=True)
class WatchedGame:
    player: str  # "" when the game has no name
    finished: bool
    weeks_played: int
    weeks: int
    written_at: dt.datetime
    killed: float | None = None  # civilians killed in the east so far (simulated)
    left: float | None = None  # people who left the east so far (simulated)
    # a lesson game's (turns played, turns in all); None: a full game, or turns unknown
    lesson_turns: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Spread:
    label: str
    games: int  # finished games it is taken over
    median: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Split:
    """How the class answered one dilemma: each option and how many games took it."""

    title: str
    options: tuple[tuple[str, int], ...]  # option label, games (the most taken first)
    unanswered: int  # games where nobody chose and the default applied


@dataclass(frozen=True, slots=True)
class ClassWatch:
    code: str
    scenario: str  # its title
    seed: int
    roles: tuple[str, ...]  # role names
    length: str
    games: tuple[WatchedGame, ...]
    spread: tuple[Spread, ...]
    splits: tuple[Split, ...]
    at: dt.datetime  # when the store was read (UTC)


def _ago(at: dt.datetime, then: dt.datetime) -> str:
    minutes = max(0, int((at - then).total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{then:%H:%M} UTC"


def status(g: WatchedGame, at: dt.datetime) -> str:
    if g.finished:
        return "finished"
    unit, played, total = words.progress(g.lesson_turns, g.weeks_played, g.weeks)
    if at - g.written_at > dt.timedelta(minutes=STALE_MINUTES):
        return words.stopped_after(unit, played)
    return f"playing, {unit} {played + 1} of {total}" if played < total else "playing"


def _figure(x: float | None) -> Cell:
    if x is None:
        return Cell("-", "text")
    return Cell(words.number(round(x)), "number", float(x))


def watch_document(w: ClassWatch) -> Document:
    """The watch screen's document: the class, the games, the spread, the dilemmas."""
    playing = sum(1 for g in w.games if not g.finished and status(g, w.at).startswith("playing"))
    done = sum(1 for g in w.games if g.finished)
    blocks: list = [
        Heading(f"Class {w.code}", id="watch-class"),
        Paragraph(
            spans(
                f"{w.scenario}: {words.joined(w.roles, ', ')}, {w.length} game, seed {w.seed}."
                f" Read at {w.at:%H:%M:%S} UTC; it reads the results again every few seconds."
            )
        ),
        Paragraph(
            spans(
                (f"{words.plural(len(w.games), 'game')}: {playing} playing, {done} finished.", "strong"),
                " Every figure is simulated by the game's model, not the record.",
            ),
            id="watch-count",
        ),
    ]
    blocks.append(Heading("Games", id="watch-games"))
    if not w.games:
        blocks.append(
            Paragraph(spans(f"No game yet. Students join with the code {w.code}."), id="watch-none")
        )
    else:
        rows = tuple(
            (
                Cell(g.player or "(no name)"),
                Cell(status(g, w.at)),
                _figure(g.killed),
                _figure(g.left),
                Cell(_ago(w.at, g.written_at)),
            )
            for g in w.games
        )
        blocks.append(
            Table(
                header=("player", "status", "killed east", "left east", "last heard"),
                rows=rows,
                numeric=(False, False, True, True, False),
                id="watch-table",
            )
        )
    blocks.append(Heading("The class so far", id="watch-spread"))
    if not w.spread:
        blocks.append(Paragraph(spans("The spread appears when a game has finished."), note=True))
    else:
        blocks.append(
            Table(
                header=("measure", "median", "lowest", "highest"),
                rows=tuple(
                    (
                        Cell(s.label),
                        Cell(words.number(round(s.median)), "number", s.median),
                        Cell(words.number(round(s.low)), "number", s.low),
                        Cell(words.number(round(s.high)), "number", s.high),
                    )
                    for s in w.spread
                ),
                caption=f"Over {words.plural(w.spread[0].games, 'finished game')}.",
                numeric=(False, True, True, True),
                id="watch-spread-table",
            )
        )
    blocks.append(Heading("Dilemmas answered so far", id="watch-dilemmas"))
    if not w.splits:
        blocks.append(Paragraph(spans("No dilemma has come up yet."), note=True))
    else:
        items = []
        for sp in w.splits:
            parts = [f"{label} {n}" for label, n in sp.options]
            if sp.unanswered:
                parts.append(f"left unanswered {sp.unanswered}")
            items.append(spans((f"{sp.title}: ", "strong"), words.joined(parts, "; ")))
        blocks.append(Items(tuple(items), id="watch-split"))
    return Document(title=f"Class {w.code}", blocks=tuple(blocks), kind="watch")
