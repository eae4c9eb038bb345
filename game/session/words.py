"""The session's own wording of numbers and costs, for its messages and views (the
engine's causes are worded by the presentation layer, game.present)."""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.rules import Problem
from game.model.lesson import Question
from game.model.state import RoleDecision
from game.session import review
from game.session.base import SessionBase


def fmt_number(x: float) -> str:
    """A number for people: whole numbers with thousands separators, others with up to
    two decimals."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def count(x: float, noun: str = "") -> str:
    """A large amount in words people read at a glance: "3 million rations", "2.5 million
    person-days", "290,000 people", "12 trucks" (whole below a million, one decimal at
    most above)."""
    x = float(x)
    text = f"{fmt_number(round(x / 1e6, 1))} million" if abs(x) >= 1e6 else fmt_number(round(x))
    return f"{text} {noun}" if noun else text


def quantity(value: float, unit: str = "", high: float | None = None) -> str:
    """A resource's value with its unit, as a person reads it: a unit counted in
    thousands or millions is said in full ("3 million rations", not "3,000 thousand
    rations"; "USD 13.04 million"), people in whole numbers, a 0-1 scale as "0.40 of 1",
    a 0-100 scale in whole numbers ("35 of 100")."""
    value = float(value)
    if unit.startswith("thousand "):
        return count(value * 1000, unit.removeprefix("thousand "))
    if unit.startswith("USD million"):
        return f"USD {fmt_number(round(value, 2))} million"
    if unit in WHOLE_UNITS:
        return count(value, unit)
    if not unit and high == 1:
        return ("1" if value >= 1 else "0" if value <= 0 else f"{value:.2f}") + " of 1"
    if not unit and high == 100:
        return f"{fmt_number(round(value))} of 100"
    text = count(value) if abs(value) >= 1e6 else fmt_number(round(value, 2))
    return f"{text} {unit}" if unit else text


WHOLE_UNITS = ("people", "person-days", "rations")


class SessionWords(SessionBase):
    """Numbers and costs in words, for the session's messages and views."""

    def cost_text(self, cost: Mapping[str, float]) -> str:
        return "; ".join(self._amount(k, v) for k, v in cost.items())

    def label(self, var: str) -> str:
        v = self._vars.get(var)
        return v.label if v is not None else var

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
        if v is None:
            return f"{var} {fmt_number(amount)}"
        return f"{v.label} {quantity(amount, v.unit or '', v.max)}"

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
                said = review.expr_reason(self.compiled, self._state, cond.expr)
                parts.append(f"at the end, {said} (simulated)" if said else "how your game ended")
        return "; ".join(parts)
