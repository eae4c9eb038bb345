"""The `corridors` command's help (`corridors --help`, `corridors COMMAND --help`): what
each command and option is for, in the words argparse shows. The command line builds
its parser from these. It imports nothing: `corridors --help` reads it at start-up."""

from __future__ import annotations

DESCRIPTION = "Corridors: a decision simulation of the 2016 siege of eastern Aleppo."

# Shared by several commands.
CONTENT = "content level (default: standard)"
WRITE_TO = "write to FILE (default, or -: print)"
STORE = (
    "the results store: an SQLite file, or a postgresql:// address (default: a file in the"
    " user's data folder)"
)


def scenario(default: str) -> str:
    return f"scenario id or folder (default: {default})"


def alternatives(default: int) -> str:
    return f"alternative histories of each kind in the debrief (default: {default}; 0: none)"


def _format(formats: str, default: str) -> str:
    """--format, which -o's extension chooses when it is not given."""
    return f"{formats} (default: from -o's extension, else {default})"


# play
PLAY = "play a game, week by week"


def play_roles(most: int) -> str:
    return f"the role or roles people play, in turn each week (1 to {most}, comma-separated)"


PLAY_OTHERS = "who plays the other roles: historical (default), random, or a strategy"
PLAY_SEED = "the game's luck: a number, or a class code (any word; default: a random seed)"
PLAY_PLAIN = "plain line mode, for screen readers and scripts"
PLAY_LOAD = "resume a saved game"
PLAY_LENGTH = (
    "lesson (about eight turns, one lesson) or full (a turn a week, 20 weeks; the default)"
)
PLAY_EXPORT = "write the debrief to FILE when the game ends (.md, .html, .txt, .json)"
PLAY_CLASS = "play a class's game (the code the teacher gives)"
PLAY_NAME = "the player's or the team's name, for the class's results"
PLAY_JOIN = (
    "ask the class code and the player's name in the game before it starts (with --class: only that"
    " class); each browser tab of `corridors serve` runs this"
)

# debrief
DEBRIEF = "the debrief of a game, from its save (unfinished: of the weeks played)"
DEBRIEF_SAVE = "a game's save file"
DEBRIEF_FORMAT = _format("md, html, txt or json", "md")

# simulate, calibrate
SIMULATE = "run many seeded games with a policy playing every role"
SIMULATE_SEED = "seed of the first run: a number, or a class code (any word)"
SIMULATE_JSON = "print one JSON object"
SIMULATE_TRACE = "add every run week by week"
CALIBRATE = "the historical policy against the record's bands"
CALIBRATE_PROFILE = (
    "also draw the weekly profile against the record to FILE: an SVG chart (a table if FILE"
    " ends in .md)"
)

# validate, scenarios, handouts, saves
VALIDATE = "check scenario files or folders"
SCENARIOS = "list the scenarios found"
HANDOUTS = "printable pages: a role card for each role, a timeline, a map and a glossary"
HANDOUTS_OUTPUT = "the folder to write the pages to (made if missing)"
HANDOUTS_CONTENT = "content level: gentle uses the gentler wording (default: standard)"
SAVES = "list the saved games, the latest first"
SAVES_DIR = "the save folder (default: the game's own)"

# serve
SERVE = "the game in a room's browsers: one game per tab, after the class code and a name"
SERVE_HOST = (
    "the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0: every network"
    " it is on)"
)
SERVE_PORT = "the port (default: 8000; 0: any free port)"
SERVE_CLASS = "only this class plays here (default: any class of the store)"
SERVE_NO_WARM = (
    "do not play the classes' alternative histories in the background as the server starts"
)
SERVE_MAX_GAMES = "at most N games at once; a tab beyond that is asked to wait (default: 60, about 4 GiB of memory)"

# class
CLASS = "class sessions: make a class code, list and export its results"
CLASS_NEW = "make a class: a code that fixes the scenario, luck, roles, content and length"
CLASS_ROLES = "the role or roles the students play, in turn each week (default: the scenario's)"
CLASS_SEED = "the class's luck: a number, or a class code (any word; default: a random seed)"
CLASS_LENGTH = "lesson (about eight turns) or full (20 weeks)"
CLASS_RESULTS = "list a class's games"
CLASS_EXPORT = "a class's results as CSV or JSON"
CLASS_EXPORT_FORMAT = _format("csv or json", "csv")
CLASS_WATCH = (
    "a teacher's screen of a class: who is playing, who finished, the spread so far (refreshes)"
)
CLASS_REPORT = (
    "a class's report: every game side by side with the record and the alternative histories,"
    " for a projector"
)
CLASS_REPORT_FORMAT = _format("html, md or csv", "md")
CLASS_REPORT_NAMES = "show the players' names (default: Game 1, Game 2, ...)"


def class_report_alternatives(default: int) -> str:
    return (
        f"alternative histories with the historical policy to compare with (default: {default};"
        " 0: none)"
    )
