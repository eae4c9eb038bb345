"""What a game cites, for every view that names its sources: the scenario's sources
and claims, the record's figures placed in the game's weeks (for charts), and the model's
assumptions. `SessionViews` (`reading`) builds on this part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from game.model.record import Claim, Topic, fill
from game.session.plans import SessionPlans
from game.session.views import ClaimInfo, SourceInfo

if TYPE_CHECKING:
    from game.session.endviews import RecordMark


class SessionSources(SessionPlans):
    """The sources, claims, record figures and assumptions of the game's scenario."""

    def record_marks(self) -> list[RecordMark]:
        """The record's figures for a single week of the game (kind "at"), for charts."""
        from game.session.endviews import RecordMark  # the debrief's views, when first charted

        sc = self.scenario
        out = []
        for m in sc.record:
            if m.kind != "at" or m.week is None or m.route is not None or m.line is not None:
                continue
            out.append(
                RecordMark(
                    m.label, m.metric, m.zone, sc.week_of(m.week) + 1,
                    (float(m.band[0]), float(m.band[1])), m.record, self._source_infos(m.sources),
                )
            )
        return out

    def chart_marks(self) -> tuple[RecordMark, ...]:
        """Every figure of the record placed in the weeks of the game, for charts: a
        measure of one week at the entry after that week, a change over weeks at the
        entry after its last week, counted from the entry before its first."""
        from game.session.endviews import RecordMark

        sc = self.scenario
        out = []
        for m in sc.record:
            if m.kind == "at" and m.week is not None:
                week, since = sc.week_of(m.week) + 1, None
            elif m.start is not None and m.end is not None:
                week, since = sc.week_of(m.end) + 1, sc.week_of(m.start)
            else:
                continue
            out.append(
                RecordMark(
                    m.label, m.metric, m.zone, week,
                    (float(m.band[0]), float(m.band[1])), m.record, self._source_infos(m.sources),
                    id=m.id, since=since, route=m.route, line=m.line,
                )
            )
        return tuple(out)

    def all_sources(self) -> list[SourceInfo]:
        """Every source of the scenario, in its order."""
        return list(self._source_infos(s.id for s in self.scenario.sources))

    def all_claims(self) -> list[ClaimInfo]:
        """Every claim of the scenario, by topic, then date."""
        return [
            self._claim_info(cl, t)
            for t in sorted(self.scenario.topics, key=lambda t: t.id)
            for cl in sorted(t.claims, key=lambda cl: cl.date)
        ]

    def source(self, source_id: str) -> SourceInfo | None:
        s = self._sources.get(source_id)
        return None if s is None else SourceInfo(s.id, s.name, s.stance, s.note, s.url, s.lean, s.short)

    def assumptions(self) -> list[tuple[str, str]]:
        """The model's assumptions: (title, text), their numbers filled from the
        scenario (placeholders, game.model.record.fill)."""
        values = self.scenario.placeholder_values()
        return [(a.title, fill(self._text(a.text, a.text_gentle), values)) for a in self.scenario.assumptions]

    def _source_infos(self, ids: Iterable[str]) -> tuple[SourceInfo, ...]:
        out = []
        for sid in ids:
            info = self.source(sid)
            out.append(info if info is not None else SourceInfo(sid, sid, "unknown"))
        return tuple(out)

    def _claims(self, claim_ids: Sequence[str], until: dt.date) -> tuple[ClaimInfo, ...]:
        """The event's claims, then the other claims on the same topics made by `until`."""
        topic_of = {cl.id: t for t in self.scenario.topics for cl in t.claims}
        cited = [i for i in claim_ids if i in topic_of]
        out: list[ClaimInfo] = []
        for tid in dict.fromkeys(topic_of[i].id for i in cited):
            t = next(x for x in self.scenario.topics if x.id == tid)
            own = [cl for cl in t.claims if cl.id in cited]
            more = sorted(
                (cl for cl in t.claims if cl.id not in cited and cl.date <= until),
                key=lambda cl: cl.date,
            )
            out += [self._claim_info(cl, t) for cl in [*own, *more]]
        return tuple(out)

    def _claim_info(self, cl: Claim, topic: Topic) -> ClaimInfo:
        return ClaimInfo(
            id=cl.id,
            topic=topic.id,
            date=cl.date,
            text=self._text(cl.text, cl.text_gentle),
            value=cl.value,
            unit=cl.unit,
            source=self._source_infos([cl.source])[0],
            contested=topic.contested,
            question=topic.question,
            precision=cl.precision,
        )
