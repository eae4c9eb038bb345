"""The `corridors` command's entry point: with no arguments in a terminal, the title
screen opens before the game's core is imported (it loads after the first frame); any
other use goes to `game.cli.main`. A terminal that is TERM=dumb counts as none (the line
mode serves it). The folders the game saves to are checked before anything opens."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from game import settings
from game.streams import safe_streams

if TYPE_CHECKING:
    from game.session import Session


def main() -> int:
    argv = sys.argv[1:]
    terminal = settings.full_screen()
    if terminal and argv[:1] == ["play"] and not {"--plain", "-h", "--help", "--join"} & set(argv):
        return play(argv)
    if argv or not terminal:
        from game.cli import main as cli_main

        return cli_main()
    safe_streams()
    try:
        settings.check(saves=True)
    except settings.SettingsError as e:
        return _report(e)
    from game.ui import run_app

    try:
        return run_app()
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # one line, as the command line does; CORRIDORS_DEBUG=1 shows it
        if settings.debug():
            raise
        return _report(e, internal=True)


def play(argv: list[str]) -> int:
    """`corridors play ARGS` in a terminal: the app's first frame comes first; the command
    line is parsed and the game made after it, and any error is reported as the command
    line reports it once the app has closed."""
    safe_streams()
    try:
        settings.check(saves=True)
    except settings.SettingsError as e:
        return _report(e)
    from game.ui import run_app

    export: dict[str, str | None] = {}

    def loader() -> Session:
        from game.cli import play_in_app

        return play_in_app(argv, export)

    try:
        code = run_app(loader=loader, export=lambda: export.get("path"))
    except (Exception, KeyboardInterrupt) as e:
        from game.cli import failure

        code = failure(e)
    from game.cli import keep_results  # the game's result record, once it has ended

    kept = keep_results()
    return code or kept


def _report(e: BaseException, internal: bool = False) -> int:
    """One line on standard error for an error before or after the full-screen game;
    the words are imported only then, so a start that goes well never loads them."""
    from game.present import cliwords as words

    print(words.please_report_it(e) if internal else words.error(str(e)), file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
