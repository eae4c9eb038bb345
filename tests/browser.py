"""Headless Chromium for the tests, driven over its DevTools protocol (a websocket that
aiohttp's client speaks; aiohttp comes with textual-serve, so nothing more is installed).

    with Chromium() as browser:          # skips the test if there is no chromium
        page = browser.open(url)
        page.wait_for_text("Join your class")
        page.type("K7M-4QX"); page.key("Enter")
        page.screenshot(path)

Chromium only ever reaches loopback: every other host name resolves to nothing
(--host-resolver-rules) and its background services are off, so a test sends nothing
beyond this machine. Debian's package is `chromium` (.ci/chromium installs it).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import aiohttp

CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
KEYS = {  # DevTools key events: key, code, windowsVirtualKeyCode, text
    "Enter": ("Enter", "Enter", 13, "\r"),
    "Tab": ("Tab", "Tab", 9, ""),
    "Escape": ("Escape", "Escape", 27, ""),
    "Space": (" ", "Space", 32, " "),
    "ArrowDown": ("ArrowDown", "ArrowDown", 40, ""),
    "ArrowUp": ("ArrowUp", "ArrowUp", 38, ""),
}

# Catches the xterm.js terminal that textual-serve's script makes (it keeps it in a
# property named `terminal`, never on `window`), so that a test can read its rows.
HOOK = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) { window.__corridorsTerminal = value; }
  },
});
"""


def find_chromium() -> str | None:
    """Chromium's program: $CORRIDORS_TEST_CHROMIUM if set ("none": act as if there
    were none, for tests/test_ci.py), else the first of CANDIDATES found."""
    given = os.environ.get("CORRIDORS_TEST_CHROMIUM", "").strip()
    if given:
        return None if given == "none" else given
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(Exception):
    pass


class Chromium:
    """One headless Chromium with an empty profile, for one test."""

    def __init__(self, executable: str, width: int = 1280, height: int = 800) -> None:
        self.executable = executable
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="corridors-chromium-")
        self.proc: subprocess.Popen[str] | None = None
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.ids = itertools.count(1)
        self.waiting: dict[int, asyncio.Future[Any]] = {}
        self.reader: asyncio.Task[None] | None = None
        self.log: list[str] = []

    # -- lifetime ---------------------------------------------------------------
    def __enter__(self) -> Chromium:
        self.thread.start()
        self.proc = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={self.width},{self.height}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        endpoint = self._endpoint(deadline=time.monotonic() + 60)
        self._run(self._connect(endpoint))
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.ws is not None:
                self._run(self._close(), timeout=10)
        except Exception:
            pass
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _endpoint(self, deadline: float) -> str:
        """The DevTools address Chromium prints on standard error as it starts."""
        assert self.proc is not None and self.proc.stderr is not None
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.log.append(line.rstrip())
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                # keep reading its standard error, so Chromium never blocks on it
                threading.Thread(target=self._drain, daemon=True).start()
                return m.group(1)
        raise BrowserError("Chromium did not start: " + " | ".join(self.log[-5:]))

    def _drain(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line.rstrip())

    def _run(self, coro: Any, timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    async def _connect(self, endpoint: str) -> None:
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(endpoint, max_msg_size=0)
        self.reader = asyncio.create_task(self._read())

    async def _close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()

    async def _read(self) -> None:
        assert self.ws is not None
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            fut = self.waiting.pop(data.get("id", -1), None)
            if fut is not None and not fut.done():
                if "error" in data:
                    fut.set_exception(BrowserError(str(data["error"])))
                else:
                    fut.set_result(data.get("result", {}))

    async def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        assert self.ws is not None
        n = next(self.ids)
        fut: asyncio.Future[Any] = self.loop.create_future()
        self.waiting[n] = fut
        msg: dict[str, Any] = {"id": n, "method": method, "params": params or {}}
        if session is not None:
            msg["sessionId"] = session
        await self.ws.send_str(json.dumps(msg))
        return await fut

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 60) -> Any:
        return self._run(self._send(method, params, session), timeout)

    # -- pages ------------------------------------------------------------------
    def open(self, url: str) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})
        attached = self.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})
        page = Page(self, target["targetId"], attached["sessionId"])
        page.call("Page.enable")
        page.call("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        page.call("Runtime.enable")
        page.call("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})
        page.call("Page.navigate", {"url": url})
        return page


class Page:
    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser, self.target, self.session = browser, target, session

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> Any:
        return self.browser.call(method, params, self.session, timeout)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(str(result["exceptionDetails"]))
        return result.get("result", {}).get("value")

    def text(self) -> str:
        """The rows the game's terminal shows, as text (xterm.js draws them into a
        canvas; the terminal object is caught as the page's script makes it, by
        `HOOK`), then the page's own text."""
        value = self.evaluate(
            "(() => { const t = window.__corridorsTerminal; let rows = [];"
            " if (t) { const b = t.buffer.active;"
            " for (let i = 0; i < t.rows; i++) { const l = b.getLine(b.viewportY + i);"
            " rows.push(l ? l.translateToString(true) : ''); } }"
            " return rows.join('\\n') + '\\n' + (document.body ? document.body.innerText : ''); })()"
        )
        return str(value or "")

    def wait_for(self, predicate: Any, what: str, timeout: float = 60, every: float = 0.25) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if predicate(text):
                return text
            time.sleep(every)
        raise BrowserError(f"the page never showed {what} in {timeout:.0f} s; it showed: {' '.join(text.split())[:2000]}")

    def wait_for_text(self, needle: str, timeout: float = 60) -> str:
        return self.wait_for(lambda t: needle in " ".join(t.split()), repr(needle), timeout)

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def focus_terminal(self) -> None:
        self.evaluate("(() => { const t = document.querySelector('.xterm-helper-textarea'); if (t) t.focus(); return !!t; })()")

    def type(self, text: str) -> None:
        """Type text as a person does, one key at a time."""
        for ch in text:
            self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": ch, "unmodifiedText": ch, "key": ch})
            self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})
            time.sleep(0.03)

    def key(self, name: str) -> None:
        key, code, vk, text = KEYS[name]
        down: dict[str, Any] = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
        if text:
            down["text"] = text
            down["unmodifiedText"] = text
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk})

    def screenshot(self, path: str | os.PathLike[str]) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"})
        out = Path(path)
        out.write_bytes(base64.b64decode(data["data"]))
        return out

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})
