"""The results store's words: why a store cannot be opened or used, and what failed in
it (`what`: the work that failed, "reading the class"). Every one is a line the
command line prints, beginning with the store's name. It imports nothing."""

from __future__ import annotations

LEFT_AS_IT_IS = "it is left as it is"
ANOTHER_FILE = "(give another file with --store)"

# What the store was doing when it failed.
OPENING = "opening the store"
KEEPING_CLASS = "keeping the class"
READING_CLASS = "reading the class"
READING_CLASSES = "reading the classes"
KEEPING_RESULT = "keeping the result"
KEEPING_FAMILY = "keeping the alternative histories"
READING_FAMILY = "reading the alternative histories"
READING_RESULT = "reading a result"
READING_RESULTS = "reading the results"


def a_class(code: str) -> str:
    return f"class {code}"


def result_of(game: str) -> str:
    return f"the result of {game}"


def failed(where: str, what: str, problem: str) -> str:
    return f"{where}: {what} failed: {problem}"


def no_free_code(where: str, tries: int) -> str:
    return f"{where}: no free class code found in {tries} tries"


def not_ours(where: str) -> str:
    return f"{where}: is not a Corridors results store (its corridors_meta table belongs to something else); {LEFT_AS_IT_IS}"


def no_schema(where: str) -> str:
    return f"{where}: is a corrupt results store (no schema version); {LEFT_AS_IT_IS}"


def newer_store(where: str, layout: int, known: int) -> str:
    return (
        f"{where}: was made by a newer version of Corridors (store layout {layout}; this"
        f" version reads layout {known}); {LEFT_AS_IT_IS}"
    )


def newer_record(where: str, what: str, version: int, known: int) -> str:
    return f"{where}: {what} was written by a newer version of Corridors (version {version}; this one reads {known})"


def corrupt(where: str, what: str, problem: str) -> str:
    return f"{where}: {what} is corrupt ({problem})"


def no_folder_made(folder: object, problem: object) -> str:
    return f"{folder}: cannot create the folder: {problem}"


def unknown_kind(scheme: str) -> str:
    return f"{scheme}://…: not a kind of store this game uses (give a file path, or a postgresql:// address)"


def a_folder(path: object) -> str:
    return f"{path}: is a folder, not a results store file"


def no_such_folder(path: object, folder: str) -> str:
    return f"{path}: no such folder {folder!r}"


def unreadable(path: object, problem: object) -> str:
    return f"{path}: cannot be read: {problem}"


def not_sqlite(path: object) -> str:
    return f"{path}: is not a Corridors results store (not an SQLite database); {LEFT_AS_IT_IS} {ANOTHER_FILE}"


def other_sqlite(path: object) -> str:
    return f"{path}: is an SQLite database of something else, not a Corridors results store; {LEFT_AS_IT_IS} {ANOTHER_FILE}"


def corrupt_store(path: object, problem: str) -> str:
    return f"{path}: is a corrupt results store or not one ({problem}); {LEFT_AS_IT_IS}"


def bad_address(problem: str) -> str:
    return f"the store address is not a valid address ({problem})"


def no_driver(where: str, problem: str) -> str:
    return f"{where}: the PostgreSQL driver is not installed ({problem}; install it with: pip install 'corridors[postgresql]')"


def unusable(where: str, problem: str) -> str:
    return f"{where}: cannot be used ({problem})"
