"""Keys, help and the command palette from one place: the bindings. Each binding with
an id says what it does twice: `description`, short (the key bar, the palette's name),
and `tooltip`, one sentence (the help screen, the palette's help, the README's table).
Both are worded in game/present/keys.py, by screen and id; `bound` makes the binding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from game.present.keys import KeyWords
from game.ui.commands import Command

NAMES = {"question_mark": "?", "escape": "escape", "enter": "enter"}


def bound(
    key: str,
    action: str,
    id: str,
    words: Mapping[str, KeyWords],
    *,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
) -> Binding:
    """The binding `id` of a screen whose keys `words` describes (a table of
    game/present/keys.py): its short name and sentence are `words[id]`."""
    description, tooltip = words[id]
    return Binding(key, action, description, show, key_display, priority, tooltip, id)


def key_name(b: Binding) -> str:
    """How the help and the palette name a binding's key."""
    if b.key_display:
        return b.key_display
    first = b.key.split(",")[0].strip()
    return NAMES.get(first, first)


def described(bindings: Iterable[BindingType]) -> list[Binding]:
    """The bindings that say what they do (an id and a tooltip), one per id, in order."""
    out: list[Binding] = []
    seen: set[str] = set()
    for b in bindings:
        if isinstance(b, Binding) and b.id and b.tooltip and b.id not in seen:
            seen.add(b.id)
            out.append(b)
    return out


def short_name(node: DOMNode, b: Binding) -> str:
    """A binding's short name as `node` (its screen or the app) says it now: a screen
    may name a key by the game it shows (`key_description`), as the week's end key is
    "End turn" in a lesson game."""
    now = getattr(node, "key_description", None)
    return str(now(b)) if callable(now) else b.description


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen and the README's table."""
    return [(key_name(b), b.tooltip) for b in described(bindings)]


def binding_commands(
    node: DOMNode, bindings: Iterable[BindingType], *, leave_out: Iterable[str] = ()
) -> list[Command]:
    """The palette's commands for the bindings of `node` (a screen or the app): the
    binding's short name (as `node` says it now), its sentence and key, and its action run on `node`. Bindings
    whose id is in `leave_out` are not offered."""
    skip = set(leave_out)
    return [
        (short_name(node, b), f"{b.tooltip} ({key_name(b)})", partial(node.app.run_action, b.action, node))
        for b in described(bindings)
        if b.id not in skip
    ]
