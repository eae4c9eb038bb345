"""Discussion questions picked from the scenario's bank for what the players did,
and how the game ended."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from game.engine.compiled import Compiled
from game.engine.core import (
    env_for,
    hospitals,
)
from game.model.lesson import Question
from game.model.state import GameState
from game.scenario.contract import known_names, param_name
from game.scenario.expr import canonical, parse_value
from game.session.review.common import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    Plans,
    QuestionInfo,
    Reason,
)
from game.session.review.replays import measure_value


def question_env(c: Compiled, s: GameState) -> dict[str, Any]:
    """The names an expression may read, on a finished game's final state."""
    env = env_for(c, s)
    env.setdefault("hospitals.east", hospitals(c, s, "east"))
    end = s.history[-1]
    for z in ("east", "west"):
        env.setdefault(f"killed.{z}", end[z]["killed"])
    for name, value in c.p.items():
        env.setdefault(canonical(param_name(name)), float(value))
    return env


def addresses_player(q: Question) -> bool:
    """Whether a question speaks to the player about what they did ("You ...", "Your
    family ...")."""
    return re.match(r"\s*(You|Your)\b", q.text) is not None


def select_questions(
    c: Compiled,
    s: GameState,
    plans: Plans,
    humans: Sequence[str],
    text: Callable[[Question], str],
    explain: Callable[[Question], tuple[Reason, ...]],
) -> tuple[QuestionInfo, ...]:
    """Three to five questions: those tied to this game whose conditions all hold (what
    the players actively did first, then the most specific, then in the bank's order),
    at most four, then general ones until there are three and at least one general."""
    used: dict[tuple[str, str], int] = {}
    for plan in plans:
        for role in humans:
            d = plan.get(role)
            if d is None:
                continue
            for aid in d.actions:
                used[(role, aid)] = used.get((role, aid), 0) + 1
    env: dict[str, Any] | None = None
    known: dict[str, str] = {}

    explicit = {did for plan in plans for d in plan.values() for did in d.choices}

    def holds(q: Question) -> bool:
        nonlocal env, known
        for cond in q.when:
            if cond.chose is not None:
                dl = c.dilemmas.get(cond.chose.dilemma)
                if dl is None or dl.role not in humans:
                    return False
                if s.choices.get(cond.chose.dilemma) != cond.chose.option:
                    return False
                # A question that says "You ..." is about what the player chose: a card
                # left to its default does not count.
                if cond.chose.dilemma not in explicit and addresses_player(q):
                    return False
            elif cond.used is not None:
                u = cond.used
                if u.role not in humans:
                    return False
                n = used.get((u.role, u.action), 0)
                if n < u.low or (u.at_most is not None and n > u.at_most):
                    return False
            elif cond.measure is not None:
                m = cond.measure
                v = measure_value(c, s, m.id)
                if (m.above is not None and not v > m.above) or (m.below is not None and not v < m.below):
                    return False
            elif cond.expr is not None:
                if env is None:
                    env = question_env(c, s)
                    known = known_names(c.sc)
                if not bool(parse_value(cond.expr, known, expect="bool")(env)):
                    return False
        return True


    def weight(q: Question) -> int:
        """What the players actively did counts most: an option they picked themselves
        or actions they took (3), then how the game ended (2), then a dilemma left to
        its default (1)."""
        best = 0
        for cond in q.when:
            if cond.chose is not None:
                best = max(best, 3 if cond.chose.dilemma in explicit else 1)
            elif cond.used is not None:
                best = max(best, 3)
            else:
                best = max(best, 2)
        return best

    tied = [q for q in c.sc.questions if q.when and holds(q)]
    tied.sort(key=lambda q: (-weight(q), -len(q.when)))  # stable: the bank's order among equals
    general = [q for q in c.sc.questions if not q.when]
    picked = tied[: MAX_QUESTIONS - 1] if general else tied[:MAX_QUESTIONS]
    for q in general:  # at least one general question, and at least three in all
        if len(picked) >= MAX_QUESTIONS or (
            len(picked) >= MIN_QUESTIONS and any(not p.when for p in picked)
        ):
            break
        picked.append(q)
    return tuple(
        QuestionInfo(id=q.id, text=text(q), tied=bool(q.when), why=explain(q) if q.when else ())
        for q in picked
    )


NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
LEDGER_NAMES = {
    "killed.east": "Civilians killed in the east",
    "killed.west": "Civilians killed in the west",
    "hospitals.east": "Hospitals working in the east",
}


def expr_reason(c: Compiled, s: GameState, expr: str) -> tuple[Reason, ...]:
    """The measures a condition on the end of a game reads, each with its label and its
    value in this game (a yes or no for a flag), never the scenario's internal names; ()
    if it reads none a player would know."""
    labels = {v.id: v.label for v in c.sc.variables} | LEDGER_NAMES
    env = question_env(c, s)
    parts: list[Reason] = []
    for name in dict.fromkeys(NAME.findall(expr)):
        key = canonical(name)
        label = labels.get(key) or labels.get(name)
        if label is None or key not in env:
            continue
        value = float(env[key])
        flag = label.endswith("(1 = yes)")
        if flag:
            label = label.removesuffix("(1 = yes)").rstrip()
        parts.append(Reason("reading", label=label, value=value, flag=flag))
    return tuple(parts)
