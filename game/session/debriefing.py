"""The finished game's debrief: the ledger against the record, turning points,
discussion questions, and alternative histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.engine.core import new_game, step
from game.engine.environment import env_for
from game.engine.policies import Policy, get_policy
from game.model.state import RoleDecision
from game.session import histories, review
from game.session.base import (
    ALTERNATIVE_RUNS,
    MAX_SEED,
    TURNING_POINT_SAMPLES,
    SessionError,
    replay_log,
)
from game.session.reading import SessionViews
from game.session.review import (
    Alternatives,
    AnswerInfo,
    HistoricalFamily,
    QuestionInfo,
    TurningPoint,
    changed,
)
from game.session.review.changed import YourPart

if TYPE_CHECKING:
    from game.session.endviews import Debrief


class SessionDebrief(SessionViews):
    """The debrief of a finished game and its analyses (see `review`)."""

    def finish(self, samples: int = TURNING_POINT_SAMPLES) -> Debrief:
        """The finished game against the record, its turning points (their effects
        averaged over `samples` lucks; 0 leaves them out), discussion questions, and what
        happened next. Fast: no batch runs (see `alternatives` for those)."""
        # the batch engine and the debrief's views, imported only for a debrief
        from game.engine.batch import measure
        from game.session.endviews import Debrief, EpilogueEntry, LedgerLine, RecordResult

        self._require_finished()
        c, s, sc = self.compiled, self._state, self.scenario
        record = tuple(
            RecordResult(
                id=m.id,
                label=m.label,
                metric=m.metric,
                zone=m.zone,
                band=(float(m.band[0]), float(m.band[1])),
                record=m.record,
                sources=self._source_infos(m.sources),
                value=measure(c, s, m),
            )
            for m in sc.record
        )
        epilogue = tuple(
            EpilogueEntry(
                date=e.date,
                text=self._text(e.text, e.text_gentle),
                sources=self._source_infos(e.sources),
                claims=self._claims(e.claims, e.date),
            )
            for e in sc.epilogue
        )
        ledger = tuple(
            LedgerLine(
                id=r.id,
                label=r.label,
                value=r.value,
                record=r.record,
                band=r.band,
                sources=r.sources,
                claims=self._claims(m.claims, dt.date.max),
            )
            for r, m in zip(record, sc.record, strict=True)
        ) + tuple(
            LedgerLine(
                id=mid,
                label=review.measure_label(c, mid),
                value=review.measure_value(c, s, mid),
                record="",
                band=None,
                sources=(),
            )
            for mid in review.measure_ids(c)[len(record) :]
        )
        by_dilemma = {d.id: d for d in sc.dilemmas}
        choice_labels = {
            did: (by_dilemma[did].title, next(o.label for o in by_dilemma[did].options if o.id == opt))
            for did, opt in s.choices.items()
            if did in by_dilemma and any(o.id == opt for o in by_dilemma[did].options)
        }
        return Debrief(
            scenario=sc.id,
            title=sc.title,
            seed=self.seed,
            code=self.code,
            length=self.length,
            roles=self.roles,
            policy=self.policy,
            weeks=c.n_weeks,
            start=s.history[0],
            final=s.history[-1],
            record=record,
            epilogue=epilogue,
            choices=dict(s.choices),
            content=self.content,
            role_names={r.id: r.name for r in sc.roles},
            choice_labels=choice_labels,
            answers=self.answers(),
            action_names={r.id: {a.id: a.name for a in r.actions} for r in sc.roles},
            option_labels={d.id: {o.id: o.label for o in d.options} for d in sc.dilemmas},
            var_labels={v.id: v.label for v in sc.variables},
            event_titles={e.id: e.title for e in sc.events},
            route_names={r.id: r.name for r in sc.routes},
            ledger=ledger,
            turning_points=self.turning_points(samples) if samples > 0 else (),
            questions=self.questions(),
            history=tuple(s.history),
            marks=self.chart_marks(),
            start_date=sc.start,
            player=str(getattr(self, "player_name", "") or ""),
            made=dt.datetime.now(dt.UTC).date(),
            changed=self.what_you_changed(),
        )

    def answer_by(self, week: int, role: str, dilemma: str, option: str) -> str:
        """Whose answer `option`, applied to `dilemma` in `week` (0-based, played), was:
        "player" (a role people play chose it), "computer" (a role a policy plays chose
        it) or "default" (nobody chose it, or the option chosen could not be paid for)."""
        entry = next((e for e in self._log if e.week == week), None)
        d = entry.decisions.get(role) if entry is not None else None
        if d is None or d.choices.get(dilemma) != option:
            return "default"
        return "player" if role in self.roles else "computer"

    def answers(self) -> tuple[AnswerInfo, ...]:
        """Every dilemma put in the weeks played, in order: the option that applied and
        whose answer it was (see `answer_by`); "left" for one nobody answered put to a
        role whose life in the game ended that week (its `leaving` title in `left`)."""
        c = self.compiled
        by_dilemma = {d.id: d for d in self.scenario.dilemmas}
        s = new_game(c, self.seed)
        out: list[AnswerInfo] = []
        for entry in self._log:
            s, rep = step(c, s, dict(entry.decisions), check=False, explain=False)
            env = env_for(c, s) if c.gone else {}
            for role, did, opt in rep.choices:
                dl = by_dilemma.get(did)
                label = next((o.label for o in dl.options if o.id == opt), opt) if dl is not None else opt
                by = self.answer_by(entry.week, role, did, opt)
                r = c.role_by_id[role]
                gone = by == "default" and r.leaving is not None and role in c.gone and bool(c.gone[role](env))
                out.append(
                    AnswerInfo(
                        dilemma=did,
                        role=role,
                        week=entry.week,
                        option=opt,
                        title=dl.title if dl is not None else did,
                        label=label,
                        by="left" if gone else by,
                        left=r.leaving.title if gone and r.leaving is not None else "",
                    )
                )
        return tuple(out)

    def _human_plans(self) -> list[dict[str, RoleDecision]]:
        """The people's decisions, week by week, from the log."""
        return [
            {r: e.decisions[r] for r in self.roles if r in e.decisions} for e in self._log
        ]

    def turning_points(self, samples: int = TURNING_POINT_SAMPLES) -> tuple[TurningPoint, ...]:
        """The three to five decisions and chance events that changed the number killed
        most (see `review.turning_points`). A decision's effect is averaged over
        `samples` lucks (the game's own and the next seeds), each a pair of replays with
        and without it."""
        self._require_finished()
        c = self.compiled
        lucks = [self.seed, *review.other_seeds(self.seed, max(0, samples - 1), MAX_SEED)]
        return review.turning_points(
            c,
            self.seed,
            self._human_plans(),
            self.roles,
            self._policy,
            lucks,
            week_news=self._week_news,
            scale=lambda var: self._vars[var].initial if var in self._vars else 1.0,
        )

    def questions(self) -> tuple[QuestionInfo, ...]:
        """Three to five discussion questions picked from the scenario's bank for what
        the people in this game did, and how it ended."""
        self._require_finished()
        return review.select_questions(
            self.compiled,
            self._state,
            self._human_plans(),
            self.roles,
            text=lambda q: self._text(q.text, q.text_gentle),
            explain=self._question_reasons,
        )

    def alternatives(
        self,
        runs: int = ALTERNATIVE_RUNS,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> Alternatives:
        """This game against `runs` alternative histories of each of two kinds: the
        people's own decisions with other luck (seeds after this game's; a logged
        decision that is not legal under that luck is left out, and counted), and every
        role played by the historical policy on the same seeds. Slow (2 × runs games):
        `progress(done, total)` is called about a hundred times along the way. The
        historical family is the same for every game of this seed and scenario: it is
        played once and kept (`game.session.histories`), so a later game of the seed
        (a class's) plays only its own family."""
        from game.session.review.alternatives import alternatives

        self._require_finished()
        if runs < 1:
            raise SessionError("alternatives need at least one run")
        c = self.compiled
        seeds = review.other_seeds(self.seed, runs, MAX_SEED)
        return alternatives(
            c,
            self._state,
            self._human_plans(),
            self.roles,
            self.policy,
            seeds,
            progress,
            historical=lambda told: histories.historical_rows(c, seeds, told),
        )

    def historical_family(
        self,
        runs: int = ALTERNATIVE_RUNS,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> HistoricalFamily:
        """The `runs` alternative histories with every role played by the historical
        policy, on the seeds after this game's: the same games `alternatives` plays, and
        the same for every game of a seed (a class's), finished or not; kept like
        theirs (`game.session.histories`), so it is played once. Slow the first time
        (`runs` games)."""
        if runs < 1:
            raise SessionError("alternatives need at least one run")
        c = self.compiled
        seeds = review.other_seeds(self.seed, runs, MAX_SEED)
        return review.family_of(c, seeds, histories.historical_rows(c, seeds, progress))

    def your_part(self, first: int | None = None) -> YourPart | None:
        """What the people's decisions changed in the turn that began at week `first`
        (0-based; default: the last turn played), against the historical policy's
        decisions for their roles on the same luck, and each of their actions and
        answers against the turn without it: exact replays of the turn from the state
        before it (see `review.changed`). None if that turn has not been played. Worked
        out once per turn and kept."""
        c = self.compiled
        played = self._state.week
        if first is None:
            if self._turn_start is not None:
                first = self._turn_start[0]
            elif played:
                first = self._span_of_week(played - 1)
            else:
                return None
        if not 0 <= first < played:
            return None
        stop = min(self._span_at(first)[1], played)
        key = (first, len(self._log))
        if key not in self._parts:
            if self._turn_start is not None and self._turn_start[0] == first:
                start = self._turn_start[1]
            else:
                start = replay_log(c, self.seed, self._log[:first])
            logged = [e.decisions for e in self._log[first:stop]]
            plans = changed.turn_plans(logged, self.roles)
            end = self._state if stop == played else replay_log(c, self.seed, self._log[:stop])
            self._parts[key] = changed.your_part(c, start, end, plans, self.roles, self._policy, self._historical())
        return self._parts[key]

    def what_you_changed(self) -> tuple[changed.WhatYouChanged, changed.WhatYouChanged]:
        """The game so far against the same luck with the historical policy's decisions
        for the people's roles, and with none at all, measure by measure (exact)."""
        c = self.compiled
        return changed.game_changed(c, new_game(c, self.seed), self._state, self.roles, self._policy, self._historical())

    def _historical(self) -> Policy:
        return get_policy(self.compiled, "historical")

    def _span_of_week(self, week: int) -> int:
        """The first week of the turn that holds `week`."""
        for a, b in self._spans:
            if a <= week < b:
                return a
        return week

    def _require_finished(self) -> None:
        if not self.finished:
            raise SessionError(
                f"the game is not over: week {self.week + 1} of {self.n_weeks} is next"
            )

    def _week_news(self, week: int) -> list[str]:
        """The dated events of a week that fired in this game (ids)."""
        fired = self._state.fired
        return [e for e in self.compiled.weeks[week].events if e in fired]
