"""The scenario's names for what the engine and the session report by id: roles,
actions, dilemmas and their options, routes, variables, events, and the notes of
decisions' effects, at the game's content level. Made from a session (`of_session`) or
from a finished game's debrief (`of_debrief`), which carries them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.core import Outcome
    from game.session import Debrief, Session


@dataclass(slots=True)
class Names:
    gentle: bool = False
    humans: tuple[str, ...] = ()
    policy: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    actions: dict[str, dict[str, str]] = field(default_factory=dict)
    dilemmas: dict[str, str] = field(default_factory=dict)  # dilemma -> title
    options: dict[str, dict[str, str]] = field(default_factory=dict)  # dilemma -> option -> label
    routes: dict[str, str] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # variable -> label
    shorts: dict[str, str] = field(default_factory=dict)  # variable -> short label (a session's)
    # variable -> (unit, highest value): how its amounts are said (a session's)
    units: dict[str, tuple[str, float | None]] = field(default_factory=dict)
    gentle_note: Callable[[int], str] = lambda idx: ""  # effect index -> its gentle note

    @classmethod
    def of_session(cls, session: Session) -> Names:
        sc = session.scenario
        gentle = session.content == "gentle"

        def pick(obj: object, name: str) -> str:
            full = str(getattr(obj, name, "") or "")
            soft = getattr(obj, f"{name}_gentle", None) if gentle else None
            return str(soft) if soft else full

        effects = session.compiled.effects

        def gentle_note(idx: int) -> str:
            if not gentle or not 0 <= idx < len(effects):
                return ""
            return str(getattr(effects[idx], "note_gentle", "") or "")

        return cls(
            gentle=gentle,
            humans=tuple(session.roles),
            policy=session.policy,
            roles={r.id: r.name for r in sc.roles},
            actions={r.id: {a.id: a.name for a in r.actions} for r in sc.roles},
            dilemmas={d.id: pick(d, "title") for d in sc.dilemmas},
            options={d.id: {o.id: pick(o, "label") for o in d.options} for d in sc.dilemmas},
            routes={r.id: r.name for r in sc.routes},
            events={e.id: pick(e, "title") for e in sc.events},
            labels={v.id: v.label for v in sc.variables},
            shorts={v.id: v.short for v in sc.variables if v.short},
            units={v.id: (v.unit or "", v.max) for v in sc.variables},
            gentle_note=gentle_note,
        )

    @classmethod
    def of_debrief(cls, d: Debrief) -> Names:
        return cls(
            gentle=d.content == "gentle",
            humans=tuple(d.roles),
            policy=d.policy,
            roles=dict(d.role_names),
            actions=d.action_names,
            dilemmas={did: title for did, (title, _) in d.choice_labels.items()}
            | {a.dilemma: a.title for a in d.answers},
            options=d.option_labels,
            routes=d.route_names,
            events=d.event_titles,
            labels=d.var_labels,
        )

    def role(self, rid: str) -> str:
        return self.roles.get(rid, rid)

    def action(self, role: str, aid: str) -> str:
        return self.actions.get(role, {}).get(aid, aid)

    def dilemma(self, did: str) -> str:
        return self.dilemmas.get(did, did)

    def option(self, did: str, opt: str) -> str:
        return self.options.get(did, {}).get(opt, opt)

    def route(self, rid: str) -> str:
        return self.routes.get(rid, rid)

    def event(self, eid: str) -> str:
        return self.events.get(eid, eid)

    def label(self, var: str) -> str:
        return self.labels.get(var, var)

    def short(self, var: str) -> str:
        """A variable's short label where the scenario gives one (a turn's report names
        a measure so, as its resources line does), else its label."""
        return self.shorts.get(var) or self.label(var)

    def unit(self, var: str) -> tuple[str, float | None]:
        """A variable's unit and highest value ("", None where not known)."""
        return self.units.get(var, ("", None))

    def credit(self, tag: str) -> str:
        """A decision that strengthened something: "role:action" (the action's name) or
        "role:dilemma=option" (the option's label)."""
        role, _, what = tag.partition(":")
        if "=" in what:
            did, _, opt = what.partition("=")
            return self.option(did, opt)
        return self.action(role, what)

    def note(self, outcome: Outcome) -> str:
        """The scenario's words for an effect whose outcome is reported."""
        return self.gentle_note(outcome.effect) or outcome.note

    def who(self, role: str) -> str:
        """Who played a role, for a week report: "You" (one player), the role's name (a
        role of several players), or the role's name and the computer's policy."""
        if role in self.humans:
            return "You" if len(self.humans) == 1 else self.role(role)
        return f"{self.role(role)} ({self.policy} policy)"
