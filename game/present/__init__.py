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

from game.engine.core import WeekReport
from game.present.doc import Document

__all__ = ["Document", "WeekReport"]
