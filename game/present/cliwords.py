"""The `corridors` command's own words: its one-line errors, warnings and notes on
standard error, what a usage error says, and the lines its commands print around the
documents (a class made, a file written, the batch commands' headings). Its help is in
`clihelp`. It imports nothing: the command reads it at start-up."""

from __future__ import annotations

from collections.abc import Sequence

PROG = "corridors"
THE_FOLDER = "the folder"  # what settings' errors call a folder given on the command line


# ---------------------------------------------------------------------- lines on standard error


def error(message: str) -> str:
    return f"{PROG}: error: {message}"


def warning(message: str) -> str:
    return f"{PROG}: warning: {message}"


def note(message: str) -> str:
    return f"{PROG}: note: {message}"


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def internal(e: BaseException) -> str:
    """An error the game did not expect, named by its kind, in one line."""
    return one_line(f"internal error: {type(e).__name__}: {e}")


def please_report(e: BaseException) -> str:
    return f"internal error: {type(e).__name__}: {e} (please report it; CORRIDORS_DEBUG=1 shows details)"


def please_report_it(e: BaseException) -> str:
    """The full-screen game's internal error, after it has closed."""
    return error(f"{internal(e)} (please report it)")


def line_mode(dumb: bool) -> str:
    why = "the terminal is TERM=dumb" if dumb else "not a terminal"
    return f"{PROG}: {why}, so the game runs in line mode (--plain chooses it)."


# ---------------------------------------------------------------------- usage errors


def see_help(message: str, prog: str) -> str:
    return f"{message} (see: {prog} --help)"


def no_command(commands: Sequence[str]) -> str:
    return f"no command given (valid: {', '.join(commands)}; see: {PROG} --help)"


def not_whole(what: str, lo: int, hi: int, text: str) -> str:
    return f"{what} must be a whole number from {lo} to {hi}, not {text!r}"


THE_PORT = "the port"
THE_GAMES = "the number of games"
THE_RUNS = "the number of runs"
THE_ALTERNATIVES = "the number of alternative histories"


def unknown_scenario(ref: str) -> str:
    return f"{ref}: unknown scenario"


def unknown(what: str, name: str, valid: Sequence[str]) -> str:
    """`what` is "policy" or "role"."""
    return f'unknown {what} "{name}" (valid: {", ".join(valid)})'


def empty_role(value: str) -> str:
    return f"--role {value!r}: an empty role name"


def too_many_roles(most: int, n: int) -> str:
    return f"at most {most} roles can be played by people, not {n}"


def option_problem(option: str, path: str, problem: object) -> str:
    """An option's file or folder that cannot be used: "-o out.md: is a folder, not a file"."""
    return f"{option} {path}: {problem}"


NOT_A_FILE = "is a folder, not a file"


def not_regular(kind: str) -> str:
    return f"is {kind}, not a regular file"


def not_a_folder(kind: str) -> str:
    return f"is {kind}, not a folder"


def no_such_folder_in(folder: str) -> str:
    return f"no such folder {folder!r}"


def cannot_be(what: str, problem: object) -> str:
    """`what` is "written", "used" or "made"."""
    return f"cannot be {what}: {problem}"


def cannot_write(path: str, problem: object) -> str:
    return f"cannot write {path}: {problem}"


def no_such_save(path: str) -> str:
    return f"no such save file: {path}"


def no_such_folder(path: str) -> str:
    return f"no such folder: {path}"


def no_such_path(path: str) -> str:
    return f"no such file or folder: {path}"


def not_begun(path: object) -> str:
    return f"is a game not yet begun: play it with: {PROG} play --load {path}"


LOAD_FIXES = "--load resumes a saved game: its --role, --others, --seed and --length cannot be changed"
CLASS_NEEDS_NAME = "--class needs --name NAME (the player's or the team's name)"
JOIN_NEEDS_SCREEN = (
    f"--join needs the full-screen game (a terminal, or a browser tab of {PROG} serve);"
    " in line mode play a class with --class CODE --name NAME"
)
VALIDATE_NEEDS_PATHS = "validate needs at least one scenario file or folder"
CLASS_NEEDS_SUBCOMMAND = (
    f"class needs a subcommand (valid: new, results, export, watch, report; see: {PROG} class --help)"
)
WATCH_NEEDS_TERMINAL = f"class watch needs a terminal (its list of runs: {PROG} class results CODE)"


def class_fixes(option: str) -> str:
    return (
        "--class fixes the game's scenario, roles, seed, length and the other roles' players:"
        f" leave out {option}"
    )


def join_fixes(option: str) -> str:
    return f"--join asks the class code and the name in the game, which fixes the rest: leave out {option}"


# ---------------------------------------------------------------------- what the commands print


def not_kept(problem: str) -> str:
    return one_line(f"the result of this game was not kept: {problem}")


def kept(state: str, code: str, player: str | None, where: object) -> str:
    who = f", {player}," if player else ""
    return f"The result ({state}) is kept for class {code}{who} in {where}."


def weeks_played(finished: bool, played: int, weeks: int) -> str:
    return "finished" if finished else f"{played} of {weeks} weeks played"


def from_word(code: str) -> str:
    """After a seed: the word it was given as, if it was ("" for a number)."""
    return f', from the word "{code}"' if code else ""


def debrief_written(where: object) -> str:
    return f"The debrief is written to {where}."


def class_made(
    code: str,
    where: object,
    scenario: str,
    seed: int,
    seed_code: str,
    roles: Sequence[str],
    content: str,
    length: str,
) -> str:
    """`seed_code`: the word the seed was given as ("" for a number or none)."""
    return (
        f"Class {code} is kept in {where}: scenario {scenario}, seed {seed}{from_word(seed_code)},"
        f" roles {', '.join(roles)},"
        f" content {content}, length {length}."
    )


def class_commands(code: str, store: str | None) -> list[str]:
    """How students play a class and where its results are; `store` as it was typed."""
    given = f" --store {store}" if store else ""
    return [
        f"Students play it with: {PROG} play --class {code} --name NAME{given}",
        f"Its results: {PROG} class results {code}{given}",
    ]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def results_written(n: int, code: str, where: object) -> str:
    return f"{_plural(n, 'result')} of class {code} written to {where}."


def report_written(code: str, games: int, where: object) -> str:
    return f"The report on class {code} ({_plural(games, 'game')}) is written to {where}."


def serving(address: str) -> str:
    return f"Corridors is being served (listening on {address})."


def handouts_written(n: int, folder: object, names: Sequence[str]) -> str:
    return f"{n} handouts written to {folder}: {', '.join(names)}."


# validate, scenarios, saves


def cannot_be_read(path: str, e: BaseException) -> str:
    return f"{path}: cannot be read: {type(e).__name__}: {one_line(e)}"


def valid(path: str, scenario: str, weeks: int) -> str:
    return f"{path}: ok ({scenario}, {weeks} weeks)"


def no_scenarios(looked: Sequence[str]) -> str:
    return f"no scenarios found (looked in: {', '.join(looked) or 'nowhere'})"


def cannot_be_loaded(scenario: str, problems: int, where: object) -> str:
    return f"{scenario}: cannot be loaded ({_plural(problems, 'problem')}; run: {PROG} validate {where})"


def scenario_line(scenario: str, title: str, weeks: int, start: str, roles: Sequence[str]) -> str:
    return f"{scenario}: {title}. {weeks} weeks from {start}; roles: {', '.join(roles)}."


def no_saves(folder: object) -> str:
    return f"No saved games in {folder}."


def saves_in(folder: object) -> str:
    return f"Saved games in {folder}, the latest first:"


RESUME_ONE = f"Resume one with: {PROG} play --load FILE"


# ---------------------------------------------------------------------- simulate, calibrate


def measure(name: str) -> str:
    """A ledger's measure or a role's line by its name: "food_days" is "food days"."""
    return name.replace("_", " ")


def simulated(runs: int, scenario: str, title: str, policy: str, first: int, last: int, code: str = "") -> list[str]:
    """`code`: the word the first seed was given as ("" for a number)."""
    return [
        f"{runs} simulated games of {scenario} ({title}), every role played by the {policy} policy,"
        f" seeds {first} to {last}{from_word(code)}.",
        "All numbers are simulated by the model, not a record: median, 10th and 90th percentile"
        " at the end of the game.",
    ]


SIMULATE_HEADER = ["zone", "measure", "median", "p10", "p90"]
TRACE_HEADER = ["week", "date", "zone", "present", "killed", "injured", "left", "food days", "hospitals"]


def killed_by(cause: str) -> str:
    return f"  killed: {measure(cause)}"


def run_heading(n: int, seed: int) -> str:
    return f"Run {n} (seed {seed}), week by week (simulated):"


def no_bands(scenario: str) -> str:
    return f"{scenario} has no record bands to calibrate against."


def calibrated(scenario: str, runs: int, first: int, last: int, code: str = "") -> list[str]:
    return [
        f"{scenario}: the historical policy over {runs} games (seeds {first} to {last}{from_word(code)}).",
        "Model figures are simulated; the band is the record's range (see the scenario's record).",
    ]


CALIBRATE_HEADER = ["record measure", "band", "model median (p10-p90)", "inside?"]


def band(lo: str, hi: str) -> str:
    return f"{lo} to {hi}"


def median_between(median: str, p10: str, p90: str) -> str:
    return f"{median} ({p10} to {p90})"


def inside(yes: bool) -> str:
    return "yes" if yes else "NO"


def medians_outside(outside: int, of: int) -> str:
    return f"{outside} of {of} medians fall outside the record's band."


def medians_inside(n: int) -> str:
    return f"All {n} medians fall inside the record's bands."
