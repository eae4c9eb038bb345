"""The debrief's analyses of a finished game: replays of the players' decisions under
other luck (`replays`, `alternatives`), turning points found by counterfactual replays
(`turning`), the ledger measures, and the discussion questions tied to what the players
did (`questions`).

Everything here is a pure function of the compiled scenario, a seed and the decision
log (no I/O, no clock); `Session.finish` and `Session.alternatives` call it.
"""

from game.session.review.alternatives import (
    alternatives,
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
    "alternatives",
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
