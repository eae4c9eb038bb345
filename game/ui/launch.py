"""The `corridors` command's entry point: with no arguments in a terminal, the title
screen opens before the game's core is imported (it loads after the first frame); any
other use goes to `game.cli.main`."""

from __future__ import annotations

import os
import sys


def main() -> int:
    if len(sys.argv) > 1 or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from game.cli import main as cli_main

        return cli_main()
    from game.ui import run_app

    try:
        return run_app()
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # one line, as the command line does; CORRIDORS_DEBUG=1 shows it
        if os.environ.get("CORRIDORS_DEBUG"):
            raise
        msg = " ".join(f"internal error: {type(e).__name__}: {e}".split())
        print(f"corridors: error: {msg} (please report it)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
