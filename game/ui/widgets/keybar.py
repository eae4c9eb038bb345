"""The key bar: every key the screen answers to, with what it does, in one widget.

A light stand-in for Textual's Footer (which builds one widget per key, and costs a
large part of a screen change): the keys wrap onto a second line on narrow terminals, so
none is hidden, and a click on a key runs its action."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from game.ui.keys import short_name

PALETTE = "palette"


class KeyBar(Widget):
    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 3;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--disabled { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # (line, first column, last column + 1, binding or None for the palette)
        self._hits: list[tuple[int, int, int, ActiveBinding | None]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen: Screen[Any]) -> None:
        self.refresh(layout=True)

    def _items(self) -> list[tuple[str, str, ActiveBinding | None]]:
        """(key, description, binding) for every shown key, one entry per action."""
        items: list[tuple[str, str, ActiveBinding | None]] = []
        seen: set[tuple[int, str]] = set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.show or not b.description:
                continue
            mark = (id(active.node), b.action)
            if mark in seen:
                continue
            seen.add(mark)
            items.append((self.app.get_key_display(b), short_name(active.node, b), active))
        if self.app.ENABLE_COMMAND_PALETTE:
            items.append(("ctrl+p", PALETTE, None))
        return items

    def _layout(self, width: int) -> Text:
        width = max(width, 10)
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        off_style = self.get_component_rich_style("keybar--disabled", partial=True)
        out = Text(no_wrap=True, overflow="ellipsis")
        hits: list[tuple[int, int, int, ActiveBinding | None]] = []
        line, col = 0, 0
        for key, desc, active in self._items():
            cell = len(key) + len(desc) + 3
            if col and col + cell > width:
                out.append("\n")
                line, col = line + 1, 0
            enabled = active is None or active.enabled
            out.append(f" {key} ", style=key_style if enabled else off_style)
            out.append(f"{desc} ", style="" if enabled else off_style)
            hits.append((line, col, col + cell, active))
            col += cell
        self._hits = hits
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width).split("\n"))

    def render(self) -> Text:
        return self._layout(self.size.width)

    async def _on_click(self, event: events.Click) -> None:
        for line, first, last, active in self._hits:
            if event.y == line and first <= event.x < last:
                event.stop()
                if active is None:
                    self.app.action_command_palette()
                else:
                    await self.app.run_action(active.binding.action, active.node)
                return
