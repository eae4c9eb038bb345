"""What the session still words itself: the reasons a debrief question is tied to this
game (`_question_reason`, handed to the review as its `explain`). Every other word a
player reads is made in `game.present` from the session's views; `variable` gives the
presentation a variable's label, unit and bounds."""

from __future__ import annotations

from game.model.scenario import Question
from game.model.state import RoleDecision
from game.model.world import Variable
from game.session import review
from game.session.base import SessionBase


def _number(x: float) -> str:
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


class SessionWords(SessionBase):
    """A variable of the scenario, and the reasons of a debrief question."""

    def variable(self, var: str) -> Variable | None:
        """The scenario's variable `var` (its label, unit and bounds), or None."""
        return self._vars.get(var)

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
                parts.append(f"{review.measure_label(self.compiled, cond.measure.id)}: {_number(round(value, 1))} (simulated)")
            elif cond.expr is not None:
                said = review.expr_reason(self.compiled, self._state, cond.expr)
                parts.append(f"at the end, {said} (simulated)" if said else "how your game ended")
        return "; ".join(parts)
