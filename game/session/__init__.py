"""One game's whole state for every front end: new, decide, advance, save, load, replay,
finish, and read-only views of the week.

`session.py` holds the lifecycle (the `Session` class), built on its parts in one line:
`base` (errors, limits, the state's properties), `reasons` (what a debrief question is
tied to), `plans` (the plan being made), `citing` (the sources, claims and record figures),
`reading` (the views of the week), `debriefing` (the finished game), `saving` (the save
and autosave), `turns` (playing the turns). `views` and `endviews` hold the views'
dataclasses, `saves` the save file (`safefile` writes files atomically, `savelock` holds a save's lock), `resume` the
scenario a save needs and a save played again, `review` the debrief's analyses, `records`
a game's result record for the classroom.

Importing this package is cheap: each name is imported from its module when it is first
used (a title screen can read `game.session.glance` before the engine is imported)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.session.lazy import lazy_names

if TYPE_CHECKING:
    from game.session.base import (
        ALTERNATIVE_RUNS,
        CONTENT_LEVELS,
        DEFAULT_POLICY,
        ContentLevel,
        DecisionError,
        SessionError,
        replay_log,
    )
    from game.session.codes import code_seed, parse_seed, seed_of
    from game.session.endviews import (
        Debrief,
        EpilogueEntry,
        LedgerLine,
        RecordMark,
        RecordResult,
    )
    from game.session.glance import (
        LengthGlance,
        RoleGlance,
        ScenarioGlance,
        scenario_glance,
        scenario_ids,
    )
    from game.session.listing import (
        SaveInfo,
        Scenario,
        latest_save,
        lesson_turns,
        list_saves,
        open_scenario,
        save_files,
        scenario_choices,
    )
    from game.session.records import ClassSettings, ResultRecord
    from game.session.review import (
        Alternatives,
        AltMeasure,
        AnswerInfo,
        Distribution,
        FamilyMeasure,
        HistoricalFamily,
        QuestionInfo,
        TurningPoint,
    )
    from game.session.safefile import SaveError, write_text_atomic
    from game.session.saves import (
        CURRENT_VERSION,
        FORMAT,
        MIGRATIONS,
        LogEntry,
        SaveFile,
        default_save_dir,
        read_save,
        scenario_hash,
        write_atomic,
    )
    from game.session.session import Session
    from game.session.views import (
        ActionInfo,
        ClaimInfo,
        DilemmaInfo,
        DistrictInfo,
        LeavingInfo,
        NewsItem,
        OptionInfo,
        ResourceInfo,
        RoleInfo,
        RouteInfo,
        SourceInfo,
        TopicInfo,
        WeekInfo,
    )

# Each name of the package and the module it comes from.
_WHERE: dict[str, str] = {
    "ALTERNATIVE_RUNS": "base",
    "ActionInfo": "views",
    "AltMeasure": "review",
    "Alternatives": "review",
    "AnswerInfo": "review",
    "CONTENT_LEVELS": "glance",
    "CURRENT_VERSION": "saves",
    "ClaimInfo": "views",
    "ClassSettings": "records",  # what a class code fixes (the results store keeps it)
    "ContentLevel": "base",
    "DEFAULT_POLICY": "base",
    "Debrief": "endviews",
    "DecisionError": "base",
    "DilemmaInfo": "views",
    "Distribution": "review",
    "DistrictInfo": "views",
    "EpilogueEntry": "endviews",
    "FamilyMeasure": "review",
    "FORMAT": "saves",
    "HistoricalFamily": "review",
    "LeavingInfo": "views",
    "LedgerLine": "endviews",
    "LengthGlance": "glance",
    "LogEntry": "saves",
    "MIGRATIONS": "saves",
    "NewsItem": "views",
    "OptionInfo": "views",
    "QuestionInfo": "review",
    "RecordMark": "endviews",
    "RecordResult": "endviews",
    "ResourceInfo": "views",
    "ResultRecord": "records",  # a game's result record (see records.record_of)
    "RoleGlance": "glance",
    "RoleInfo": "views",
    "RouteInfo": "views",
    "SaveError": "safefile",
    "SaveFile": "saves",
    "SaveInfo": "listing",
    "Scenario": "listing",  # the loaded scenario a new game is made from
    "ScenarioGlance": "glance",
    "Session": "session",
    "SessionError": "base",
    "SourceInfo": "views",
    "TopicInfo": "views",
    "TurningPoint": "review",
    "WeekInfo": "views",
    "code_seed": "codes",
    "default_save_dir": "saves",
    "latest_save": "listing",
    "lesson_turns": "listing",  # a lesson game's turns played and in all, from its weeks
    "list_saves": "listing",
    "open_scenario": "listing",
    "parse_seed": "codes",
    "read_save": "saves",
    "replay_log": "base",
    "save_files": "glance",
    "scenario_choices": "listing",
    "scenario_glance": "glance",
    "scenario_hash": "saves",
    "scenario_ids": "glance",
    "seed_of": "codes",
    "write_atomic": "saves",
    "write_text_atomic": "safefile",
}

__all__ = [
    "ALTERNATIVE_RUNS",
    "ActionInfo",
    "AltMeasure",
    "Alternatives",
    "AnswerInfo",
    "CONTENT_LEVELS",
    "CURRENT_VERSION",
    "ClaimInfo",
    "ClassSettings",
    "ContentLevel",
    "DEFAULT_POLICY",
    "Debrief",
    "DecisionError",
    "DilemmaInfo",
    "Distribution",
    "DistrictInfo",
    "EpilogueEntry",
    "FamilyMeasure",
    "FORMAT",
    "HistoricalFamily",
    "LeavingInfo",
    "LedgerLine",
    "LengthGlance",
    "LogEntry",
    "MIGRATIONS",
    "NewsItem",
    "OptionInfo",
    "QuestionInfo",
    "RecordMark",
    "RecordResult",
    "ResourceInfo",
    "ResultRecord",
    "RoleGlance",
    "RoleInfo",
    "RouteInfo",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "Scenario",
    "ScenarioGlance",
    "Session",
    "SessionError",
    "SourceInfo",
    "TopicInfo",
    "TurningPoint",
    "WeekInfo",
    "code_seed",
    "default_save_dir",
    "latest_save",
    "lesson_turns",
    "list_saves",
    "open_scenario",
    "parse_seed",
    "read_save",
    "replay_log",
    "save_files",
    "scenario_choices",
    "scenario_glance",
    "scenario_hash",
    "scenario_ids",
    "seed_of",
    "write_atomic",
    "write_text_atomic",
]

__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals())
