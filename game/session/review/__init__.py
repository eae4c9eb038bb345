"""The debrief's analyses of a finished game: replays of the players' decisions under
other luck (`replays`, `alternatives`), turning points found by counterfactual replays
(`turning`), the ledger measures, and the discussion questions tied to what the players
did (`questions`).

Everything here is a pure function of the compiled scenario, a seed and the decision
log (no I/O, no clock); `Session.finish` and `Session.alternatives` call it.

Importing this package is cheap: each name is imported from its module when it is first
used, so a game in play loads the dataclasses (`common`) and "your part" (`changed`), not
the batches of games behind the alternative histories. The function `alternatives` is
not one of the package's names: importing its module, of the same name, would hide it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.session.lazy import lazy_names

if TYPE_CHECKING:
    from game.session.review.alternatives import (
        distribution,
        family_of,
        histogram,
        historical_row,
        historical_rows,
        same_decisions_row,
    )
    from game.session.review.common import (
        MAX_CHANCE,
        MAX_QUESTIONS,
        MAX_TURNING_POINTS,
        MIN_QUESTIONS,
        MIN_TURNING_POINTS,
        RANK_MEASURE,
        Alternatives,
        AltMeasure,
        AnswerInfo,
        Distribution,
        FamilyMeasure,
        HistoricalFamily,
        Plans,
        Progress,
        QuestionInfo,
        Reason,
        TurningPoint,
    )
    from game.session.review.questions import expr_reason, question_env, select_questions
    from game.session.review.replays import (
        legalise,
        measure_ids,
        measure_label,
        measure_row,
        measure_value,
        other_seeds,
        replay,
        week_decisions,
    )
    from game.session.review.turning import turning_points

# Each name of the package and the module it comes from.
_WHERE: dict[str, str] = {
    "AltMeasure": "common",
    "Alternatives": "common",
    "AnswerInfo": "common",
    "Distribution": "common",
    "FamilyMeasure": "common",
    "HistoricalFamily": "common",
    "MAX_CHANCE": "common",
    "MAX_QUESTIONS": "common",
    "MAX_TURNING_POINTS": "common",
    "MIN_QUESTIONS": "common",
    "MIN_TURNING_POINTS": "common",
    "Plans": "common",
    "Progress": "common",
    "QuestionInfo": "common",
    "RANK_MEASURE": "common",
    "Reason": "common",
    "TurningPoint": "common",
    "distribution": "alternatives",
    "expr_reason": "questions",
    "family_of": "alternatives",
    "histogram": "alternatives",
    "historical_row": "alternatives",
    "historical_rows": "alternatives",
    "legalise": "replays",
    "measure_ids": "replays",
    "measure_label": "replays",
    "measure_row": "replays",
    "measure_value": "replays",
    "other_seeds": "replays",
    "question_env": "questions",
    "replay": "replays",
    "same_decisions_row": "alternatives",
    "select_questions": "questions",
    "turning_points": "turning",
    "week_decisions": "replays",
}

__all__ = [
    "MAX_CHANCE",
    "MAX_QUESTIONS",
    "MAX_TURNING_POINTS",
    "MIN_QUESTIONS",
    "MIN_TURNING_POINTS",
    "RANK_MEASURE",
    "AltMeasure",
    "AnswerInfo",
    "Alternatives",
    "Distribution",
    "FamilyMeasure",
    "HistoricalFamily",
    "Plans",
    "Progress",
    "QuestionInfo",
    "Reason",
    "TurningPoint",
    "distribution",
    "histogram",
    "family_of",
    "historical_row",
    "historical_rows",
    "legalise",
    "measure_ids",
    "measure_label",
    "measure_row",
    "measure_value",
    "other_seeds",
    "expr_reason",
    "question_env",
    "replay",
    "same_decisions_row",
    "select_questions",
    "turning_points",
    "week_decisions",
]

__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals())
