"""The formats a debrief is written in, and the one a file name asks for (light to
import: the command line reads them before a game is played; `export` writes them)."""

from __future__ import annotations

import re

FORMATS = ("md", "html", "txt", "json")
_EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt", ".json": "json"}


def format_for(path: str) -> str:
    """The format a file name asks for by its extension (Markdown if none matches)."""
    m = re.search(r"\.[A-Za-z]+$", path)
    return _EXTENSIONS.get(m.group(0).lower(), "md") if m else "md"
