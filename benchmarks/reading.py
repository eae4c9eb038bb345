"""Reading time: the words a player reads in a whole game, for each length and role.

    .venv/bin/python benchmarks/reading.py [--seeds N] [--scenario ID|PATH]

Plays whole games in the line mode (the words every front end shows come from the same
presentation layer), as a careful reader who makes the historical decisions: each turn
the player's plan is the historical policy's, then `end`. It counts

- the game's new words: every word the line mode prints from the opening to the last
  turn's report, except text printed before in the same game: each line is split into
  its clauses (at semicolons and full stops), and a clause read before is not read again
  (a repeated menu line, label or unchanged resource is read once, with or without a
  list's bullet; a changed figure is new);
- the short debrief's words (what the line mode prints when the game ends), and the full
  debrief's (a key away: `full`);
- the decisions: one a turn (the plan) and one for each dilemma put to the player;

and estimates minutes as words / 200 plus a minute a decision (the game and the short
debrief; the full debrief apart). The table is the median over the seeds.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.policies import get_policy  # noqa: E402
from game.plain import line  # noqa: E402
from game.present.short import FULL_KEY_LINE  # noqa: E402
from game.session import Session  # noqa: E402

WORDS_PER_MINUTE = 200
MINUTES_PER_DECISION = 1.0
WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")
# The lesson budget (issue 11): a whole lesson game and its short debrief.
LESSON_GAME_WORDS = 2500
SHORT_DEBRIEF_WORDS = 600


def words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits (5,000 or 2.5 or it's is
    one word); marks, rules and bullets are none."""
    return len(WORD.findall(text))


CLAUSE = re.compile(r";\s+|(?<=[.!?])\s+")
BULLET = re.compile(r"^\s*[-•▸]\s+")


def new_words(text: str) -> int:
    """The words of `text` not printed before in it, clause by clause (see above)."""
    seen: set[str] = set()
    new = 0
    for ln in text.splitlines():
        # the prompt and a list's bullet are no text: a line read before with or
        # without a bullet is the same line
        ln = BULLET.sub("", ln.removeprefix("> "))
        for clause in CLAUSE.split(ln):
            key = " ".join(clause.split())
            if key and key not in seen:
                seen.add(key)
                new += words(key)
    return new


@dataclass(frozen=True)
class Reading:
    length: str
    role: str
    seed: int
    turns: int
    decisions: int
    game_words: int  # new words over the whole game (repeats not counted)
    short_words: int  # the short debrief
    full_words: int  # the full debrief (a key away)

    @property
    def minutes(self) -> float:
        """The game and its short debrief, read at 200 words a minute, plus a minute a
        decision."""
        return (self.game_words + self.short_words) / WORDS_PER_MINUTE + self.decisions * MINUTES_PER_DECISION


class HistoricalReader(io.TextIOBase):
    """The line mode's input: before each turn ends, the player's plan is the historical
    policy's (its answers to this turn's dilemmas included); then `end`. Once the game is
    over, `full` (the full debrief), then nothing."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.policy = get_policy(session.compiled, "historical")
        self.turns = 0
        self.decisions = 0
        self.done = False

    def readline(self, size: int | None = -1) -> str:  # noqa: ARG002
        s = self.session
        if s.finished:
            if self.done:
                return ""
            self.done = True
            return "full\n"
        role = s.player
        d = self.policy(s.compiled, s.state, role)
        s.decide(role, d.actions, d.choices)
        self.turns += 1
        self.decisions += 1 + len(s.dilemmas(role))
        return "end\n"


def read_game(length: str, role: str, seed: int, scenario: str | None = None) -> tuple[Reading, str, str]:
    """One game read through: its counts, the game's text and the debrief's."""
    kw = {"scenario": scenario} if scenario else {}
    s = Session.new(roles=role, seed=seed, length=length, autosave=False, **kw)
    reader = HistoricalReader(s)
    out = io.StringIO()
    game = line.LineGame(s, reader, out, alternatives=0)  # type: ignore[arg-type]
    game.run()
    text = out.getvalue()
    # The short debrief begins with its title; the full one comes after the line offering it.
    offer = text.find(FULL_KEY_LINE)
    end = offer if offer >= 0 else len(text)
    cut = text.rfind("\nDebrief: ", 0, end)
    cut = text.rfind("\nDebrief: ", 0, cut) if text.startswith("\nDebrief: your", cut) and cut > 0 else cut
    game_text = text[:cut] if cut >= 0 else text
    debrief_text = text[cut:] if cut >= 0 else ""
    short_text = text[cut:end] if cut >= 0 else ""
    full_text = text[end + len(FULL_KEY_LINE) :] if offer >= 0 else ""
    new = new_words(game_text)
    reading = Reading(
        length=length,
        role=role,
        seed=seed,
        turns=reader.turns,
        decisions=reader.decisions,
        game_words=new,
        short_words=words(short_text),
        full_words=words(full_text),
    )
    return reading, game_text, debrief_text


def table(seeds: int = 3, scenario: str | None = None) -> list[Reading]:
    """The median reading of each length and role over `seeds` games."""
    probe = Session.new(scenario, autosave=False) if scenario else Session.new(autosave=False)
    lengths = ["lesson", "full"] if probe.scenario.lesson else ["full"]
    rows = []
    for length in lengths:
        for role in probe.compiled.roles:
            runs = [read_game(length, role, seed, scenario)[0] for seed in range(1, seeds + 1)]
            rows.append(
                Reading(
                    length=length,
                    role=role,
                    seed=0,
                    turns=round(statistics.median(r.turns for r in runs)),
                    decisions=round(statistics.median(r.decisions for r in runs)),
                    game_words=round(statistics.median(r.game_words for r in runs)),
                    short_words=round(statistics.median(r.short_words for r in runs)),
                    full_words=round(statistics.median(r.full_words for r in runs)),
                )
            )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="games per length and role (median; default 3)")
    ap.add_argument("--scenario", metavar="ID|PATH")
    args = ap.parse_args()
    rows = table(args.seeds, args.scenario)
    print(f"Words read in a whole game (line mode, historical decisions, median of {args.seeds} seeds);")
    print(f"minutes = (game + short debrief) / {WORDS_PER_MINUTE} words a minute + a minute a decision.")
    print()
    print("| length | role | turns | decisions | game words (new) | short debrief | full debrief | minutes |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r.length} | {r.role} | {r.turns} | {r.decisions} | {r.game_words:,} | {r.short_words:,}"
            f" | {r.full_words:,} | {r.minutes:.0f} |"
        )
    print()
    print(f"Lesson budget: at most {LESSON_GAME_WORDS:,} new words a game and {SHORT_DEBRIEF_WORDS} for the short debrief.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
