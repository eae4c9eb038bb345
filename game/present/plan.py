"""The plan in words: what an action or an answer costs, why the rulebook refuses a
plan (`game.engine.rules.Problem`, as the session reports it), why an action cannot be
added now, and what ending a turn leaves undone."""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.rules import Problem
from game.present.words import and_list, number, plural, quantity
from game.session import ActionInfo, DecisionError, Session, SessionError


def amount(session: Session, var: str, x: float) -> str:
    """An amount of a variable: "Funds USD 2 million", "Food staged 3 million rations"."""
    v = session.variable(var)
    if v is None:
        return f"{var} {number(x)}"
    return f"{v.label} {quantity(x, v.unit or '', v.max)}"


def cost_text(session: Session, cost: Mapping[str, float]) -> str:
    """A cost in words ("" if free): "Funds USD 1 million; Trucks 4 trucks"."""
    return "; ".join(amount(session, k, v) for k, v in cost.items())


def _role_name(session: Session, role: str) -> str:
    r = session.compiled.role_by_id.get(role)
    return r.name if r is not None else f'"{role}"'


def problem_text(session: Session, p: Problem) -> str:
    """A problem the rulebook found with a plan, in words for the player: the message of
    a refused plan and an action's reason it cannot be added. Roles, actions, dilemmas and
    options are named as the player reads them, never by their ids (an id the scenario
    does not know is quoted, as it was asked for)."""
    c, k = session.compiled, p.kind
    role, action, dilemma, option = p.role, p.action, p.dilemma, p.option
    var, need, have = p.var, p.need, p.have
    if k == "over":
        return "the game is over: every week has been played"
    if k == "role":
        return f'this scenario has no role "{role}" (its roles: {and_list([r.name for r in c.role_by_id.values()])})'
    who = _role_name(session, role)
    if k == "dilemma":
        known = next((d.title for d in session.scenario.dilemmas if d.id == dilemma), dilemma)
        return f'no dilemma "{known}" is put to the {who} this week'
    if k == "action":
        names = [a.name for a in c.actions[role].values()]
        return f'the {who} has no action "{action}" (its actions: {and_list(names)})'
    if dilemma:  # an answer: "option" or its "cost"
        dl = next(d for d in session.scenario.dilemmas if d.id == dilemma)
        if k == "option":
            labels = [f'"{o.label}"' for o in dl.options]
            return f'"{dl.title}" has no option "{option}" (its options: {and_list(labels)})'
        label = next(o.label for o in dl.options if o.id == option)
        return f'"{label}" needs {amount(session, var, need)}; you have {number(have)}'
    name = c.actions[role][action].name
    if k == "repeated":
        return f'"{name}" can be taken once a week'
    if k == "unavailable":
        return f'"{name}" is not possible this week'
    if k == "points":
        need_points = f"{need:g} action point{'s' if need != 1 else ''}"
        return f'"{name}" needs {need_points}; {have:g} of {p.budget} left this week'
    return f'"{name}" needs {amount(session, var, need)}; {number(max(0.0, have))} left after the rest of your plan'


def refusal(session: Session, e: SessionError) -> str:
    """What the session refused, in words: the rulebook's problem if it names one, or
    that the computer plays the role (else the session's own one-line message)."""
    if isinstance(e, DecisionError) and e.policy:
        return f"the {_role_name(session, e.role)} is played by the computer in this game ({e.policy} policy)"
    problem = getattr(e, "problem", None)
    return " ".join(problem_text(session, problem).split()) if problem is not None else str(e)


def not_possible(session: Session, e: SessionError) -> str:
    return f"Not possible: {refusal(session, e)}."


def action_reason(session: Session, a: ActionInfo) -> str:
    """Why an action cannot be added to the plan now ("" if it can, or is planned)."""
    if a.planned:
        return ""
    if session.finished:
        return "the game is over"
    if not a.available:
        return "not possible this week"
    return problem_text(session, a.problem) if a.problem is not None else ""


def _undone(session: Session, role: str) -> str:
    """What ending the turn now leaves undone: action points left, dilemmas not
    answered, each with what then happens ("" if nothing)."""
    left = session.points_left(role)
    parts = []
    if left > 0:
        parts.append(f"{plural(left, 'action point')} left")
    for d in session.unanswered(role):
        default = next((o.label for o in d.options if o.is_default), "")
        then = f' (with no answer: "{default}")' if default else ""
        parts.append(f'no answer to the dilemma "{d.title}"{then}')
    if not parts:
        return ""
    return f"You have {and_list(parts)}."


def end_turn_warning(session: Session, role: str) -> str:
    """What ending the turn now leaves undone, as a question; "" if nothing."""
    undone = _undone(session, role)
    return f"{undone} End your turn anyway?" if undone else ""


def unanswered_said(session: Session, role: str) -> str:
    """The line mode's word as a turn ends with a dilemma unanswered ("" if none): what
    is left undone, and that the turn ends so."""
    return f"{_undone(session, role)} The turn ends so." if session.unanswered(role) else ""
