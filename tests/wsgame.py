"""A scripted browser tab for `corridors serve`: the websocket the page's script opens,
spoken the same way (["stdin", keys], ["resize", …], the screen coming back as bytes).
What the screen shows is read roughly, from the text between the terminal's escape
sequences: enough to know that a screen has come."""

from __future__ import annotations

import asyncio
import json
import re
import time
from typing import Any

import aiohttp

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")


def screen_text(data: bytes) -> str:
    return " ".join(ESCAPES.sub(b" ", data).decode("utf-8", "replace").split())


class WsGame:
    def __init__(self, port: int, width: int = 120, height: int = 40, host: str = "127.0.0.1") -> None:
        self.url = f"http://{host}:{port}/ws?width={width}&height={height}"
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.data = bytearray()
        self.arrived = asyncio.Event()
        self.closed = False
        self.reader: asyncio.Task[None] | None = None
        self.last = 0.0  # when the last bytes came

    @staticmethod
    async def page(url: str) -> str:
        async with aiohttp.ClientSession() as s, s.get(url) as r:
            return await r.text()

    async def __aenter__(self) -> WsGame:
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(self.url, max_msg_size=0)
        self.reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
            try:
                await self.reader
            except asyncio.CancelledError:
                pass
        if self.session is not None:
            await self.session.close()

    async def _read(self) -> None:
        assert self.ws is not None
        async for msg in self.ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.data.extend(msg.data)
                self.last = time.monotonic()
                self.arrived.set()
        self.closed = True
        self.arrived.set()

    async def keys(self, *texts: str, gap: float = 0.0) -> None:
        assert self.ws is not None
        for text in texts:
            await self.ws.send_str(json.dumps(["stdin", text]))
            if gap:
                await asyncio.sleep(gap)

    def text(self) -> str:
        return screen_text(bytes(self.data))

    async def wait_for(self, needle: str, timeout: float = 60) -> str:
        """Wait until the screen's text (since the last `clear`) holds `needle`."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text()
            if needle in text:
                return text
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                raise AssertionError(f"the game never showed {needle!r}; it showed: {text[-1500:]}")
            self.arrived.clear()
            try:
                await asyncio.wait_for(self.arrived.wait(), min(left, 1.0))
            except TimeoutError:
                pass

    def clear(self) -> None:
        self.data.clear()

    async def answer(self, key: str, timeout: float = 10.0) -> float:
        """Send one key and return the seconds until the game's first bytes after it
        (inf if none come within `timeout`)."""
        before = len(self.data)
        self.arrived.clear()
        start = time.monotonic()
        await self.keys(key)
        deadline = start + timeout
        while len(self.data) == before:
            left = deadline - time.monotonic()
            if left <= 0 or self.closed:
                return float("inf")
            self.arrived.clear()
            if len(self.data) != before:
                break
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except TimeoutError:
                return float("inf")
        return self.last - start
