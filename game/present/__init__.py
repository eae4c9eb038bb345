"""The presentation layer: between the session and the front ends, the only place where
words, numbers, dates, signed changes and their gentle variants are made.

It turns the session's views into documents (`doc.Document`: plain data of headings,
paragraphs, lists, typed tables, claims side by side, chart series) that every front end
renders: the Textual screens (game.ui.widgets.document), the line mode and the text, Markdown,
HTML and JSON exports (`render`, `export`).

- `words`: numbers, dates, signed changes, sources.
- `causes`: the engine's causes and outcomes (data) in words, standard and gentle.
- `week`: the week report.
- `debrief`: the debrief, and `export` its text and JSON forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.core import WeekReport
    from game.present.doc import Document

__all__ = ["Document", "WeekReport"]


def __getattr__(name: str) -> object:
    """`Document` and `WeekReport`, imported when first asked for: the title screen reads
    `notices` before the game's core is loaded, and importing a module of the package
    must not load the engine with it."""
    if name == "WeekReport":
        from game.engine.core import WeekReport

        return WeekReport
    if name == "Document":
        from game.present.doc import Document

        return Document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
