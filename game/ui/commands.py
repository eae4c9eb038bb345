"""The command palette's game commands: the app's, then those of the screen it was
opened from (each screen lists its own in `palette_commands`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], Any]]  # (name, help, callback)


class GameCommands(Provider):
    def commands(self) -> list[Command]:
        own: Callable[[], list[Command]] | None = getattr(self.screen, "palette_commands", None)
        shared: Callable[[], list[Command]] | None = getattr(self.app, "palette_commands", None)
        return [*(own() if own else []), *(shared() if shared else [])]

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, partial(callback), help=help_text)

    async def search(self, query: str) -> AsyncGenerator[Hit, None]:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)
