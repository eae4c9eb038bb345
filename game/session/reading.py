"""The read-only views a front end shows of a game: the week, its news and
dilemmas, the actions and resources of a role, the districts, routes and the sources
cited this week (the sources, claims and record figures themselves are `citing`'s)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from game.engine.core import env_for
from game.engine.rules import affordable
from game.model.state import GameState, RoleDecision
from game.scenario.expr import parse_value
from game.session.base import SessionError, replay_log
from game.session.citing import SessionSources
from game.session.views import (
    ActionInfo,
    DilemmaInfo,
    DistrictInfo,
    LeavingInfo,
    NewsItem,
    OptionInfo,
    ResourceInfo,
    RoleInfo,
    RouteInfo,
    SourceInfo,
    WeekInfo,
    disputes,
)


class SessionViews(SessionSources):
    """The read-only views of the game at its current decision point."""

    def content_note(self) -> str:
        sc = self.scenario
        return self._text(sc.content_note, sc.content_note_gentle)

    def role_info(self, role: str) -> RoleInfo:
        r = self.compiled.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(self.compiled.roles)})')
        card = r.card
        return RoleInfo(
            r.id,
            r.name,
            r.summary,
            r.fictional,
            r.budget,
            role in self.roles,
            line=r.line or r.summary,
            can=tuple(card.can) if card else (),
            cannot=tuple(card.cannot) if card else (),
            watch=tuple(card.watch) if card else (),
        )

    def leaving(self, role: str) -> LeavingInfo | None:
        """The role's epilogue if its life in the game has ended (its `leaving`
        condition holds), else None."""
        r = self.compiled.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(self.compiled.roles)})')
        if r.leaving is None:
            return None
        env = env_for(self.compiled, self._state)
        if not self._holds(r.leaving.when, env):
            return None
        says = tuple(self._text(x.text, x.text_gentle) for x in r.leaving.says if self._holds(x.when, env))
        return LeavingInfo(role=role, title=r.leaving.title, says=says)

    @property
    def players_gone(self) -> bool:
        """Whether every role people play has left the game's story (see `leaving`)."""
        return not self.finished and all(self.leaving(r) is not None for r in self.roles)

    def _holds(self, text: str, env: dict[str, Any]) -> bool:
        cache: dict[str, Any] = self.__dict__.setdefault("_conditions", {})
        e = cache.get(text)
        if e is None:
            e = cache[text] = parse_value(text, self.compiled.known, expect="bool")
        try:
            return bool(e(env))
        except (KeyError, ArithmeticError, TypeError, ValueError):  # a name not there this week
            return False

    def week_info(self) -> WeekInfo:
        """This week's dates and phase (the last week's once the game is over)."""
        c = self.compiled
        k = min(self._state.week, c.n_weeks - 1)
        wk = c.weeks[k]
        phase = next(ph for ph in self.scenario.phases if ph.id == wk.phase)
        end = wk.start + dt.timedelta(days=6)
        also = tuple(
            (ph.name, max(ph.start, wk.start), min(ph.end, end))
            for ph in self.scenario.phases
            if ph.id in wk.phases and ph.id != wk.phase
        )
        first, stop = self._span_at(k)
        number = self.turn_number
        turn_name, summary = "", ""
        sources: tuple[SourceInfo, ...] = ()
        if self.length == "lesson" and 0 < number <= len(self.scenario.lesson):
            lt = self.scenario.lesson[number - 1]
            turn_name = lt.name
            if lt.summary is not None:
                summary = self._text(lt.summary, lt.summary_gentle)
                sources = self._source_infos(lt.sources)
        return WeekInfo(
            index=k,
            number=k + 1,
            weeks=c.n_weeks,
            start=wk.start,
            end=wk.start + dt.timedelta(days=6),
            phase=phase.id,
            phase_name=phase.name,
            phase_summary=self._text(phase.summary, phase.summary_gentle),
            phase_sources=self._source_infos(phase.sources),
            also=also,
            length=self.length,
            turn=number,
            turns=self.n_turns,
            turn_name=turn_name,
            turn_summary=summary,
            turn_sources=sources,
            last=stop - 1,
            span_end=c.weeks[stop - 1].start + dt.timedelta(days=6),
            phase_new=self._phase_new(k),
        )

    def _phase_new(self, week: int) -> bool:
        """Whether the turn starting at `week` is the first turn of its phase that the
        player sees: no turn before it started in the same phase."""
        c = self.compiled
        phase = c.weeks[week].phase
        return not any(c.weeks[first].phase == phase for first, _ in self._spans if first < week)

    def news(self) -> list[NewsItem]:
        """The events that opened this week, with their sources and claims."""
        return self.news_of(self._state.news)

    def news_of(self, events: Iterable[str]) -> list[NewsItem]:
        """Events as news items, with their sources and claims (the claims known by the
        end of this week); an unknown id is left out."""
        by_id = {e.id: e for e in self.scenario.events}
        week_end = self.week_info().end
        items = []
        for eid in events:
            e = by_id.get(eid)
            if e is None:
                continue
            claims = self._claims(e.claims, week_end)
            items.append(
                NewsItem(
                    id=e.id,
                    title=self._text(e.title, e.title_gentle),
                    text=self._text(e.text, e.text_gentle),
                    date=e.date,
                    sources=self._source_infos(e.sources),
                    contested=disputes(claims),
                    claims=claims,
                    simulated="corridors-model" in e.sources,
                )
            )
        return items

    def dilemmas(self, role: str) -> list[DilemmaInfo]:
        """The dilemmas put to a role this week, with the plan's choice; in a lesson
        turn, then the ones coming later in the turn (`comes`: the week they come)."""
        by_id = {d.id: d for d in self.scenario.dilemmas}
        chosen = self._plans.get(role, RoleDecision()).choices
        out = []
        later = self.coming(role) if role in self.roles else []
        weeks = {did: None for did in self._state.dilemmas} | {did: w for did, w in later}
        for did, week in weeks.items():
            d = by_id.get(did)
            if d is None or d.role != role:
                continue
            opts = tuple(
                OptionInfo(
                    id=o.id,
                    label=self._text(o.label, o.label_gentle),
                    text=self._text(o.text, o.text_gentle),
                    cost=dict(o.cost),
                    affordable=affordable(self._state, o.cost),
                    uncertainty=self._text(o.uncertainty, o.uncertainty_gentle),
                    is_default=o.id == d.default,
                    chosen=chosen.get(did) == o.id,
                )
                for o in d.options
            )
            claims = self._claims(d.claims, self.week_info().end)
            out.append(
                DilemmaInfo(
                    id=d.id,
                    role=d.role,
                    title=self._text(d.title, d.title_gentle),
                    text=self._text(d.text, d.text_gentle),
                    sources=self._source_infos(d.sources),
                    contested=disputes(claims),
                    options=opts,
                    default=d.default,
                    chosen=chosen.get(did),
                    claims=claims,
                    comes=None if week is None else self.compiled.weeks[week].start,
                )
            )
        return out

    def unanswered(self, role: str) -> list[DilemmaInfo]:
        """The dilemmas put to a role this week that its plan has not answered (their
        default is taken if the turn ends so)."""
        return [d for d in self.dilemmas(role) if not any(o.chosen for o in d.options)]

    def actions(self, role: str) -> list[ActionInfo]:
        """Every action of a role, in the scenario's order, with whether it is possible
        this week, affordable, planned, and if it cannot be added, why."""
        c, s = self.compiled, self._state
        r = c.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(c.roles)})')
        env = env_for(c, s) if not self.finished else None
        plan = self._plans.get(role, RoleDecision())
        out = []
        for a in r.actions:
            ca = c.actions[role][a.id]
            available = env is not None and (ca.when is None or bool(ca.when(env)))
            planned = a.id in plan.actions
            problem = None
            if available and not planned:
                problem = self._problem(role, RoleDecision(actions=(*plan.actions, a.id), choices=plan.choices))
            out.append(
                ActionInfo(
                    id=a.id,
                    name=a.name,
                    summary=a.summary,
                    cost=dict(a.cost),
                    points=a.points,
                    available=available,
                    affordable=affordable(s, a.cost),
                    planned=planned,
                    problem=problem,
                    uncertainty=a.uncertainty,
                    sources=self._source_infos(a.sources),
                )
            )
        if not self.finished and self.leaving(role) is not None:
            # a life the role has left is no longer offered: only what is still possible
            out = [a for a in out if a.available or a.planned]
        return out

    def resources(self, role: str) -> list[ResourceInfo]:
        """A role's resources (what it spends and builds up), then its own tallies."""
        r = self.compiled.role_by_id.get(role)
        if r is None:
            raise SessionError(f'unknown role "{role}" (valid: {", ".join(self.compiled.roles)})')
        return [self._resource(v) for v in [*r.resources, *r.ledger] if v in self._vars]

    def ledger(self) -> dict[str, Any]:
        """The civilian ledger now (simulated): zones east, west, kurdish and total."""
        return self._state.history[-1]

    def history(self) -> list[dict[str, Any]]:
        """The ledger at the start and after each week played (simulated)."""
        return list(self._state.history)

    def districts(self) -> list[DistrictInfo]:
        """Every district now (simulated), with the harm of the week last played."""
        c, s = self.compiled, self._state
        prev = self._previous_state()
        out = []
        for i, d in enumerate(self.scenario.districts):
            killed = sum(k[i] for k in s.killed.values())
            injured = s.injured[i]
            if prev is not None:
                wk = killed - sum(k[i] for k in prev.killed.values())
                wi = injured - prev.injured[i]
            else:
                wk = wi = 0
            working = max(0, c.hospitals_base[i] - s.hosp_damaged[i] - s.hosp_lost[i])
            out.append(
                DistrictInfo(
                    d.id, d.name, d.zone, s.holder[i], d.front, s.present[i],
                    killed, injured, wk, wi, working,
                )
            )
        return out

    def _previous_state(self) -> GameState | None:
        """The state before the week last played (replayed from the log; cached)."""
        if not self._log:
            return None
        key = len(self._log)
        if self._prev_cache is None or self._prev_cache[0] != key:
            self._prev_cache = (key, replay_log(self.compiled, self.seed, self._log[:-1]))
        return self._prev_cache[1]

    def routes(self) -> list[RouteInfo]:
        """The routes this week: open days (0 to 7) as the phases and events leave them."""
        c, s = self.compiled, self._state
        wk = c.weeks[min(s.week, c.n_weeks - 1)]
        out = []
        for r in self.scenario.routes:
            factor = s.vars.get(f"route.{r.id}", 1.0)
            days = 0.0 if self.finished else wk.route_days.get(r.id, 0.0) * factor
            out.append(RouteInfo(r.id, r.name, r.kind, round(days, 2), r.text))
        return out

    def sources(self) -> list[SourceInfo]:
        """Every source cited by this week's phase, news, claims and the dilemmas put to
        the people playing, in order of first mention."""
        ids: list[str] = [x.id for x in self.week_info().phase_sources]
        for item in self.news():
            ids += [x.id for x in item.sources]
            ids += [cl.source.id for cl in item.claims]
        for role in self.roles:
            for d in self.dilemmas(role):
                ids += [x.id for x in d.sources]
                ids += [cl.source.id for cl in d.claims]
        return list(self._source_infos(list(dict.fromkeys(ids))))

    def _resource(self, var: str) -> ResourceInfo:
        v = self._vars[var]
        value = float(self._state.vars.get(var, v.initial))
        return ResourceInfo(var, v.label, value, v.unit, v.min, v.max, v.short)
