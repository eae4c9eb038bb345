"""What in a game a debrief question is tied to (`_question_reasons`, handed to the review
as its `explain`), as data the presentation words (`game.present.questions`); and a
variable of the scenario (`variable`: its label, unit and bounds), for the presentation."""

from __future__ import annotations

from game.model.lesson import Question
from game.model.state import RoleDecision
from game.model.world import Variable
from game.session import review
from game.session.base import SessionBase
from game.session.review import Reason


class SessionReasons(SessionBase):
    """A variable of the scenario, and the reasons of a debrief question."""

    def variable(self, var: str) -> Variable | None:
        """The scenario's variable `var` (its label, unit and bounds), or None."""
        return self._vars.get(var)

    def _question_reasons(self, q: Question) -> tuple[Reason, ...]:
        sc = self.scenario
        parts: list[Reason] = []
        for cond in q.when:
            if cond.chose is not None:
                dl = next((d for d in sc.dilemmas if d.id == cond.chose.dilemma), None)
                if dl is not None:
                    label = next((o.label for o in dl.options if o.id == cond.chose.option), "")
                    parts.append(Reason("chose", label=label, of=dl.title))
            elif cond.used is not None:
                role = self.compiled.role_by_id.get(cond.used.role)
                name = next((a.name for a in role.actions if a.id == cond.used.action), "") if role else ""
                n = sum(
                    1
                    for e in self._log
                    for a in e.decisions.get(cond.used.role, RoleDecision()).actions
                    if a == cond.used.action
                )
                parts.append(Reason("used", label=name, count=n))
            elif cond.measure is not None:
                value = review.measure_value(self.compiled, self._state, cond.measure.id)
                label = review.measure_label(self.compiled, cond.measure.id)
                parts.append(Reason("measure", label=label, value=round(value, 1)))
            elif cond.expr is not None:
                read = review.expr_reason(self.compiled, self._state, cond.expr)
                parts.extend(read or (Reason("ending"),))
        return tuple(parts)
