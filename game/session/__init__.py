"""One game's whole state for every front end: new, decide, advance, save, load, replay,
finish, and read-only views of the week.

`session.py` holds the lifecycle (the `Session` class), built on its parts in one line:
`base` (errors, limits, the state's properties), `words` (numbers and costs in
words, for its messages), `plans` (the plan being made), `reading` (the views of the week),
`debriefing` (the finished game). `views` holds the views' dataclasses, `saves` the save
file, `resume` the scenario a save needs and a save played again, `review` the debrief's
analyses."""

from game.session.base import (
    CONTENT_LEVELS,
    DEFAULT_POLICY,
    ContentLevel,
    DecisionError,
    SessionError,
    replay_log,
)
from game.session.codes import code_seed, parse_seed
from game.session.listing import (
    SaveInfo,
    list_saves,
    open_scenario,
    save_files,
    scenario_choices,
)
from game.session.review import (
    Alternatives,
    AltMeasure,
    AnswerInfo,
    Distribution,
    QuestionInfo,
    TurningPoint,
)
from game.session.saves import (
    CURRENT_VERSION,
    FORMAT,
    MIGRATIONS,
    LogEntry,
    SaveError,
    SaveFile,
    default_save_dir,
    read_save,
    scenario_hash,
    write_atomic,
    write_text_atomic,
)
from game.session.session import Session
from game.session.views import (
    ActionInfo,
    ClaimInfo,
    Debrief,
    DilemmaInfo,
    DistrictInfo,
    EpilogueEntry,
    LedgerLine,
    NewsItem,
    OptionInfo,
    RecordMark,
    RecordResult,
    ResourceInfo,
    RoleInfo,
    RouteInfo,
    SourceInfo,
    TopicInfo,
    WeekInfo,
)
from game.session.words import fmt_number, save_text

__all__ = [
    "AltMeasure",
    "AnswerInfo",
    "Alternatives",
    "Distribution",
    "LedgerLine",
    "QuestionInfo",
    "TurningPoint",
    "CONTENT_LEVELS",
    "CURRENT_VERSION",
    "DEFAULT_POLICY",
    "FORMAT",
    "MIGRATIONS",
    "ActionInfo",
    "ClaimInfo",
    "ContentLevel",
    "Debrief",
    "DecisionError",
    "DilemmaInfo",
    "DistrictInfo",
    "EpilogueEntry",
    "LogEntry",
    "NewsItem",
    "OptionInfo",
    "RecordMark",
    "RecordResult",
    "ResourceInfo",
    "RoleInfo",
    "RouteInfo",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "Session",
    "SessionError",
    "SourceInfo",
    "TopicInfo",
    "WeekInfo",
    "default_save_dir",
    "code_seed",
    "fmt_number",
    "list_saves",
    "open_scenario",
    "parse_seed",
    "save_files",
    "save_text",
    "scenario_choices",
    "read_save",
    "replay_log",
    "scenario_hash",
    "write_atomic",
    "write_text_atomic",
]
