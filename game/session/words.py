"""The session's own wording of numbers, costs and the engine's explanations, at the
game's content level (standard or gentle)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.core import WeekReport
from game.engine.rules import Problem
from game.model.scenario import Effect, Question
from game.model.state import RoleDecision
from game.session import review
from game.session.base import SessionBase
from game.session.listing import SaveInfo

# The gentle content level's wording of the engine's explanations: the same figures,
# plainer words. Each pattern rewrites one phrase that `game.engine.core` writes.
GENTLE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"Strikes and fighting of this phase would be expected to kill about (\S+)",
         r"The attacks of this phase would be expected to cost about \1 lives"),
        (r"pulled (\S+) people alive from struck buildings", r"brought \1 people out alive after attacks"),
        (r"(\S+) injured died for lack of care", r"\1 wounded people could not be saved for lack of care"),
        (r"(\S+) died of hunger and unsafe water", r"\1 people died from lack of food and clean water"),
        (r"(\S+) were killed while trying to leave", r"\1 people lost their lives while trying to leave"),
        (r"the bombardment in the east was (heavier|lighter)", r"the attacks on the east were \1"),
        (r"Air strikes put", "Attacks put"),
        (r"(\S+) rescuers? (?:was|were) killed or badly hurt at struck sites",
         r"rescue teams lost \1 of their members at attacked sites"),
        (r"about (\S+) fewer killed", r"about \1 more lives spared"),
    )
)


def fmt_number(x: float) -> str:
    """A number for people: whole numbers with thousands separators, others with up to
    two decimals."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def save_text(info: SaveInfo) -> str:
    """One line about a save, for the list of saves: its file, scenario, roles, how far
    it is, when it was saved, and its class code if it has one."""
    if info.problem:
        return f"{info.path.name}: cannot be read ({info.problem})"
    if info.weeks is None:
        where = f"{info.week} week{'s' if info.week != 1 else ''} played"
    elif info.finished:
        where = f"finished ({info.weeks} weeks)"
    else:
        where = f"week {info.week + 1} of {info.weeks} next"
    when = info.saved_at or info.modified
    parts = [info.scenario, ", ".join(info.roles), where, f"saved {when:%Y-%m-%d %H:%M}"]
    if info.code:
        parts.append(f'class code "{info.code}"')
    return f"{info.path.name}: " + " · ".join(p for p in parts if p)


class SessionWords(SessionBase):
    """Numbers, costs and the engine's explanations in words (the part the
    presentation layer takes over)."""

    @property
    def seed_text(self) -> str:
        """The game's luck for people: the class code it came from, and its seed."""
        return f'class code "{self.code}" (seed {self.seed})' if self.code else f"seed {self.seed}"

    def cost_text(self, cost: Mapping[str, float]) -> str:
        return "; ".join(self._amount(k, v) for k, v in cost.items())

    def label(self, var: str) -> str:
        v = self._vars.get(var)
        return v.label if v is not None else var

    def gentle_words(self, text: str) -> str:
        """The engine's own wording (a week's causes) at the session's content level:
        at "gentle", the same facts and figures in plainer, less graphic words."""
        if self.content != "gentle":
            return text
        for note, gentle in self._gentle_notes():
            text = text.replace(note, gentle)
        for pattern, repl in GENTLE_WORDS:
            text = pattern.sub(repl, text)
        return text

    def _gentle_notes(self) -> list[tuple[str, str]]:
        """The scenario's chance notes that have a gentle twin (`note_gentle`), longest
        first: an outcome line names the note, and the gentle level shows its twin."""
        found: dict[str, str] = {}

        def walk(effects: Sequence[Effect]) -> None:
            for e in effects:
                if e.note and e.note_gentle:
                    found[e.note] = e.note_gentle
                walk(e.then or [])
                walk(e.else_ or [])

        sc = self.scenario
        walk([e for ev in sc.events for e in ev.effects])
        for r in sc.roles:
            walk(r.income)
            for a in r.actions:
                walk(a.effects)
        for d in sc.dilemmas:
            for o in d.options:
                walk(o.effects)
        return sorted(found.items(), key=lambda x: -len(x[0]))

    def explain(self, report: WeekReport) -> list[str]:
        """Why the week went as it did: the report's causes, largest first, in words at
        the session's content level (all simulated)."""
        return [self.gentle_words(cause.text) for cause in report.causes]

    def problem_text(self, p: Problem) -> str:
        """A problem the rulebook found with a plan (`rules.Problem`), in words for the
        player: the message of a refused plan and an action's reason it cannot be added."""
        c, k = self.compiled, p.kind
        if k == "over":
            return "the game is over: every week has been played"
        if k == "role":
            return f'unknown role "{p.role}" (valid: {", ".join(c.roles)})'
        if k == "dilemma":
            return f'no dilemma "{p.dilemma}" is put to {p.role} this week'
        if k == "action":
            return f'{p.role} has no action "{p.action}" (valid: {", ".join(c.actions[p.role])})'
        if p.dilemma:  # an answer: "option" or its "cost"
            dl = next(d for d in self.scenario.dilemmas if d.id == p.dilemma)
            if k == "option":
                return f'"{dl.title}" has no option "{p.option}" (valid: {", ".join(o.id for o in dl.options)})'
            label = next(o.label for o in dl.options if o.id == p.option)
            return f'"{label}" needs {self._amount(p.var, p.need)}; you have {fmt_number(p.have)}'
        name = c.actions[p.role][p.action].name
        if k == "repeated":
            return f'"{name}" can be taken once a week'
        if k == "unavailable":
            return f'"{name}" is not possible this week'
        if k == "points":
            need = f"{p.need:g} action point{'s' if p.need != 1 else ''}"
            return f'"{name}" needs {need}; {p.have:g} of {p.budget} left this week'
        return (
            f'"{name}" needs {self._amount(p.var, p.need)};'
            f" {fmt_number(max(0.0, p.have))} left after the rest of your plan"
        )

    def _amount(self, var: str, amount: float) -> str:
        v = self._vars.get(var)
        unit = f" {v.unit}" if v is not None and v.unit else ""
        return f"{self.label(var)} {fmt_number(amount)}{unit}"

    def _describe_turning_point(
        self, cand: Any, report: WeekReport, diffs: dict[str, float]
    ) -> tuple[str, list[str]]:
        c, sc = self.compiled, self.scenario
        role = c.role_by_id[cand.role]
        why: list[str] = []
        if cand.kind == "choice":
            dl = next(d for d in sc.dilemmas if d.id == cand.ref)
            opt = next(o for o in dl.options if o.id == cand.title)
            default = next(o for o in dl.options if o.id == dl.default)
            title = f'{role.name}: "{opt.label}" in "{dl.title}"'
            why.append(f'Compared with the default, "{default.label}".')
        else:
            names = {a.id: a.name for a in role.actions}
            done = [a for (r, a, _) in report.actions if r == cand.role]
            title = f"{role.name}: " + ", ".join(names.get(a, a) for a in done)
            why.append("Compared with taking no action that week.")
            for r, a, outcome in report.actions:
                if r == cand.role and outcome != "done":
                    why.append(f"{names.get(a, a)}: {outcome}.")
        ranked = sorted(
            diffs.items(),
            key=lambda kv: -abs(kv[1]) / max(1.0, abs(self._vars[kv[0]].initial) if kv[0] in self._vars else 1.0),
        )
        shown = [
            f"{self.label(k)} {'+' if v > 0 else '-'}{fmt_number(round(abs(v), 2))}"
            for k, v in ranked[:3]
            if k in self._vars
        ]
        if shown:
            why.append("By the end of the game, with it rather than without (simulated): " + "; ".join(shown) + ".")
        return title, why

    def _question_reason(self, q: Question) -> str:
        sc = self.scenario
        parts = []
        for cond in q.when:
            if cond.chose is not None:
                dl = next((d for d in sc.dilemmas if d.id == cond.chose.dilemma), None)
                if dl is not None:
                    label = next((o.label for o in dl.options if o.id == cond.chose.option), "")
                    parts.append(f'"{label}" in "{dl.title}"')
            elif cond.used is not None:
                role = self.compiled.role_by_id.get(cond.used.role)
                name = next((a.name for a in role.actions if a.id == cond.used.action), "") if role else ""
                n = sum(1 for e in self._log for a in e.decisions.get(cond.used.role, RoleDecision()).actions if a == cond.used.action)
                parts.append(f'"{name}" {n} time{"s" if n != 1 else ""}')
            elif cond.measure is not None:
                value = review.measure_value(self.compiled, self._state, cond.measure.id)
                parts.append(f"{review.measure_label(self.compiled, cond.measure.id)}: {fmt_number(round(value, 1))} (simulated)")
            elif cond.expr is not None:
                parts.append(f"at the end: {cond.expr}")
        return "; ".join(parts)
