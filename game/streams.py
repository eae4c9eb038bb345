"""The standard streams never fail on a character: odd bytes read and characters the
output's encoding cannot hold (LANG=C, PYTHONIOENCODING=ascii) are replaced, never an
error. Imported by the entry point before anything else opens, so it imports nothing
of the game."""

from __future__ import annotations

import sys


def safe_streams() -> None:
    """Make standard input, output and error replace what their encoding cannot hold."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
