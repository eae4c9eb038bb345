"""Scenario text for the screen: always plain text (never markup), with control
characters replaced. Light on purpose: the title screen uses it before the game loads."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # as the line mode's `clean`


def plain(*parts: str | tuple[str, str], style: str = "") -> Text:
    """Text from strings (shown as written) or (string, style) pairs; `[b]` in a scenario
    string stays `[b]` on screen."""
    out = Text(style=style)
    for part in parts:
        if isinstance(part, tuple):
            out.append(_CONTROL.sub("?", part[0]), style=part[1])
        else:
            out.append(_CONTROL.sub("?", part))
    return out
