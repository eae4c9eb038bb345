"""The one sanitiser for text that comes from a scenario file (or names one).

Scenario text is shown as plain text, in a terminal, a file or a page. `plain_text`
removes whatever could act on the terminal or reorder what a reader sees: escape
sequences whole (CSI, OSC, DCS and the other ESC sequences, in their 7-bit and 8-bit
forms, so no ``[31m`` is left behind), every other control character (Unicode category
Cc) except the tab and the line feed, and the bidirectional embedding, override,
isolate and mark characters. Line breaks of other kinds (CR LF, CR, NEL, U+2028,
U+2029) become a line feed. Text with nothing to remove is returned as it is.

The loader cleans every string of a scenario (keys included) with `plain_data` before
it is checked, so every front end and every export gets clean text; messages that name
a file or quote scenario text are cleaned too (`ScenarioError`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

__all__ = ["BIDI_CONTROLS", "plain_data", "plain_text"]

#: The bidirectional formatting characters: ALM, LRM, RLM, the embeddings and
#: overrides (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_SEQUENCE = re.compile(
    # CSI: ESC [ or the 8-bit CSI, parameters, intermediates, a final byte
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    # OSC, DCS, SOS, PM, APC: up to their terminator (BEL or ST), or the end of the text
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)"
    # any other escape: ESC, intermediates, a final byte
    r"|\x1b[ -/]*[0-~]?",
    re.DOTALL,
)
_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")
_REMOVE = {
    i: None for i in range(0xA0) if unicodedata.category(chr(i)) == "Cc" and chr(i) not in "\t\n"
} | {ord(c): None for c in BIDI_CONTROLS}


def plain_text(text: str) -> str:
    """`text` without escape sequences, control characters (but tab and line feed) and
    bidirectional controls; other line breaks become line feeds."""
    if text.isprintable():  # the usual case: nothing of the kind (all of them are not)
        return text
    text = _LINE_BREAK.sub("\n", text)
    text = _SEQUENCE.sub("", text)
    return text.translate(_REMOVE)


def plain_data(value: Any) -> Any:
    """A copy of YAML-like data (dicts, lists, scalars) with every string, keys included,
    made plain. Depth is bounded by the YAML loader's."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {plain_data(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value
