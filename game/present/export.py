"""The debrief as files: plain text, Markdown, a self-contained HTML page (all three
rendered from one document, `game.present.debrief`, so every format says the same
things) or JSON. Pure functions of a `Debrief` (and, if run, its `Alternatives`).

    render(debrief, alternatives, "md") -> str

JSON (`to_json`) is a stable structure, version 1:

    {
      "format": "corridors-debrief", "version": 1,
      "scenario": {"id": str, "title": str},
      "seed": int, "weeks": int, "content": "standard"|"gentle",
      "roles": [{"id": str, "name": str, "played_by": "people"|"<policy>"}],
      "ledger": [{"id", "label", "value", "simulated": true,
                  "record": null | {"text", "band": [lo, hi], "position", "sources": [source],
                              "claims": [claim]}}],
      "final": {"east": {...}, "west": {...}, "total": {...}},     # simulated ledger
      "choices": [{"dilemma", "title", "option", "label", "role", "week",
                   "by": "player"|"computer"|"default"|"left"}],  # left: the role had left that week
      "turning_points": [{"kind", "week", "role", "title", "samples", "why": [str],
                          "effect": {"killed", "injured", "left", "food_days"}}],
      "turning_points_ranked_by": str,
      "questions": [{"id", "text", "tied", "why"}],
      "epilogue": [{"date", "text", "sources": [source], "claims": [claim]}],
      "alternatives": null | {"runs", "seeds": [first, last], "dropped_decisions",
                              "dropped_runs", "measures": [{"id", "label", "value",
                              "same_decisions": dist, "historical": dist}]}
    }

where source = {"id", "name", "stance", "lean", "url"}, claim = {"date", "text", "value",
"unit", "contested" (its topic is disputed: the same for every claim of the topic),
"topic", "question", "source": source} and dist = {"runs", "median", "p10",
"p90", "rank"} (rank: percent of runs below this game's value, ties counting half).
Version 1 has grown without breaking: "choices" gained "role", "week" and "by" (whose
answer it was: the player's, the computer's for a role a policy played, or the default
when nobody answered). Week numbers are 1-based. Every number in "ledger" values, "final", "turning_points" and
"alternatives" is simulated by the model.
"""

from __future__ import annotations

import json
from typing import Any

from game.present.changed import changed_json
from game.present.debrief import debrief_document, turning_point_words
from game.present.formats import FORMATS as FORMATS
from game.present.formats import format_for as format_for
from game.present.names import Names
from game.present.questions import because
from game.present.render import to_html, to_markdown, to_text
from game.session import Alternatives, ClaimInfo, Debrief, Distribution, SourceInfo

# The other formats' commands in the full-screen debrief's palette: (name, what it does).
EXPORT_COMMANDS = {
    "html": ("Export (HTML)", "write the debrief as a web page beside the save"),
    "txt": ("Export (plain text)", "write the debrief as text beside the save"),
    "json": ("Export (JSON)", "write the debrief as data beside the save"),
}
JSON_VERSION = 1


def render(debrief: Debrief, alternatives: Alternatives | None, fmt: str) -> str:
    """The debrief in `fmt` (md, html, txt or json)."""
    if fmt == "json":
        return json.dumps(to_json(debrief, alternatives), ensure_ascii=False, indent=1) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f'unknown format "{fmt}" (valid: {", ".join(FORMATS)})')
    if fmt == "html":
        # the page: a one-page summary, then the full debrief with its charts
        return to_html(debrief_document(debrief, alternatives, pictures=True))
    doc = debrief_document(debrief, alternatives)
    if fmt == "md":
        return to_markdown(doc)
    return to_text(doc)


# ---------------------------------------------------------------------------- JSON


def _source(s: SourceInfo) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "stance": s.stance, "lean": s.lean, "url": s.url}


def _claim(cl: ClaimInfo) -> dict[str, Any]:
    return {
        "date": cl.date.isoformat(),
        "text": cl.text,
        "value": cl.value,
        "unit": cl.unit,
        "contested": cl.contested,
        "topic": cl.topic,
        "question": cl.question,
        "source": _source(cl.source),
    }


def _dist(d: Distribution) -> dict[str, Any]:
    return {"runs": d.runs, "median": d.median, "p10": d.p10, "p90": d.p90, "rank": d.rank}


def to_json(d: Debrief, alt: Alternatives | None) -> dict[str, Any]:
    names = Names.of_debrief(d)
    return {
        "format": "corridors-debrief",
        "version": JSON_VERSION,
        "scenario": {"id": d.scenario, "title": d.title},
        "seed": d.seed,
        "weeks": d.weeks,
        "content": d.content,
        "roles": [
            {"id": r, "name": name, "played_by": "people" if r in d.roles else d.policy}
            for r, name in d.role_names.items()
        ],
        "ledger": [
            {
                "id": line.id,
                "label": line.label,
                "value": line.value,
                "simulated": True,
                "record": None
                if line.band is None
                else {
                    "text": line.record,
                    "band": list(line.band),
                    "position": line.position,
                    "sources": [_source(s) for s in line.sources],
                    "claims": [_claim(cl) for cl in line.claims],
                },
            }
            for line in d.ledger
        ],
        "changed": changed_json(d.changed, names),
        "final": {z: d.final[z] for z in ("east", "west", "total")},
        "choices": [
            {"dilemma": a.dilemma, "title": a.title, "option": a.option, "label": a.label,
             "role": a.role, "week": a.week + 1, "by": a.by}
            for a in d.answers
        ],
        "turning_points": [
            {
                "kind": tp.kind,
                "week": tp.week + 1,
                "role": tp.role,
                "title": turning_point_words(tp, names)[0],
                "samples": tp.samples,
                "why": list(turning_point_words(tp, names)[1]),
                "effect": {
                    "killed": tp.effect_killed,
                    "injured": tp.effect_injured,
                    "left": tp.effect_left,
                    "food_days": tp.effect_food_days,
                },
            }
            for tp in d.turning_points
        ],
        "turning_points_ranked_by": d.rank_measure,
        "questions": [{"id": q.id, "text": q.text, "tied": q.tied, "why": because(q.why)} for q in d.questions],
        "epilogue": [
            {
                "date": e.date.isoformat(),
                "text": e.text,
                "sources": [_source(s) for s in e.sources],
                "claims": [_claim(cl) for cl in e.claims],
            }
            for e in d.epilogue
        ],
        "alternatives": None
        if alt is None
        else {
            "runs": alt.runs,
            "seeds": list(alt.seeds),
            "dropped_decisions": alt.dropped_decisions,
            "dropped_runs": alt.dropped_runs,
            "measures": [
                {
                    "id": m.id,
                    "label": m.label,
                    "value": m.value,
                    "same_decisions": _dist(m.same_decisions),
                    "historical": _dist(m.historical),
                }
                for m in alt.measures
            ],
        },
    }
