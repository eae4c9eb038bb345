"""`corridors serve`: the game in a room's browsers, through textual-serve.

One server on the teacher's computer; every browser tab that opens its page gets a game
process of its own (`corridors play --join`), which asks the class code and the
student's name before anything else (game.ui.screens.join). The server listens on
loopback unless the teacher names another address. A game process gets only the
environment it needs (settings.GAME_PROCESS_VARIABLES, the store and textual-serve's
terminal variables), never the teacher's whole environment: no passwords, tokens or
paths of other programs reach it. Its page is the game's own (no font or script from
elsewhere), and its websocket address is the one the student typed, so a server on
0.0.0.0 works from every computer that can reach it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from textual_serve.server import Server, to_int

from game.classroom.errors import ClassroomError
from game.classroom.gameprocess import GameProcess
from game.present import serving
from game.present.join import JOIN_WORDS
from game.present.serving import full_page, full_terminal, game_page, max_games_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_GAMES = 60  # games at once: about 4 GiB of the machine's memory (docs/teachers.md)
STOP_WAIT = 10.0  # seconds a game has to keep its result when the server stops

_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")

log = logging.getLogger("corridors.serve")


class ServeError(ClassroomError):
    """The server cannot start: a bad host or port, a port in use, a bad store or code."""


# ------------------------------------------------------------------ host and addresses


def check_host(host: str) -> str:
    """An address to listen on: an IP address, or a host name that is well formed (it
    is looked up when the server binds). ServeError otherwise."""
    text = host.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if not text:
        raise ServeError(serving.HOST_MISSING)
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        pass
    labels = text.rstrip(".").split(".")
    if all(label.isdigit() for label in labels) or not all(_LABEL.match(label) for label in labels):
        raise ServeError(serving.not_a_host(host))
    return text


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::")


def own_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback: those of its network
    interfaces (Linux), else those its own name resolves to. Nothing is sent on the
    network. May be empty."""
    found = _interface_addresses()
    if not found:
        try:
            infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
        except OSError:
            infos = []
        found = [str(info[4][0]) for info in infos]
    out: list[str] = []
    for address in found:
        if not ipaddress.ip_address(address).is_loopback and address not in out:
            out.append(address)
    return out


def _interface_addresses() -> list[str]:
    """Each interface's IPv4 address, asked of the kernel (SIOCGIFADDR, Linux only)."""
    try:
        import fcntl
        import struct

        names = [name for _, name in socket.if_nameindex()]
    except (ImportError, OSError, AttributeError):
        return []
    out = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for name in names:
            try:
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))
            except OSError:
                continue
            out.append(socket.inet_ntoa(packed[20:24]))
    return out


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


# ------------------------------------------------------------------ the game processes


def game_command(only: str | None = None, python: str | None = None) -> str:
    """The shell command textual-serve runs for each tab: this interpreter running the
    game at its join screen (exec, so the game is the server's own child)."""
    argv = [python or sys.executable, "-m", "game", "play", "--join"]
    if only is not None:
        argv += ["--class", only]
    return shlex.join(["exec", *argv])


@dataclass
class Served:
    """What the teacher asked for: where to listen, which class, which store."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    only: str | None = None
    store: str | None = None
    python: str | None = None
    max_games: int = DEFAULT_MAX_GAMES
    games: set[GameProcess] = field(default_factory=set)

    def full(self) -> bool:
        """As many games run as the server may hold (a tab's game counts from the moment
        it is let in, before its process has started)."""
        return len(self.games) >= self.max_games


class GameServer(Server):
    """textual-serve's server with the game's page, environment and address."""

    def __init__(self, served: Served, announce: Callable[[str, int], None] | None = None) -> None:
        super().__init__(game_command(served.only, served.python), host=served.host, port=served.port, title=JOIN_WORDS.page_title)
        self.served = served
        self.announce = announce
        extra = {"PYTHONIOENCODING": "utf-8"}
        if served.store is not None:
            extra["CORRIDORS_STORE"] = served.store
        self.extra = extra
        self.bound_port = served.port

    def initialize_logging(self) -> None:
        """Warnings only, on standard error: the teacher's window shows the address and
        what went wrong, not every request."""
        logging.basicConfig(level=logging.WARNING, format=serving.LOG_FORMAT, stream=sys.stderr)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here; the game prints its own once bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        games = list(self.served.games)
        if games:
            await asyncio.gather(*(game.end(STOP_WAIT) for game in games), return_exceptions=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The page, with addresses made from the one the student typed (the host the
        browser asked for), so they work on every computer that can reach the server."""
        scheme = "wss" if request.scheme == "https" else "ws"
        base = f"{request.scheme}://{request.host}"
        ws = f"{scheme}://{request.host}{request.app.router['websocket'].url_for()}"
        font = max(8, min(40, to_int(request.query.get("fontsize", "16"), 16)))
        if self.served.full():  # no game would start: say so instead of a page that waits
            text = full_page(self.served.max_games)
            return web.Response(text=text, status=503, content_type="text/html", charset="utf-8")
        return web.Response(text=game_page(base + "/static/", ws, font), content_type="text/html", charset="utf-8")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: a game process of its own for as long as the tab is open."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = max(20, min(400, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(200, to_int(request.query.get("height", "24"), 24)))
        game: GameProcess | None = None
        try:
            await websocket.prepare(request)
            if self.served.full():  # a tab opened as the last place was taken
                await websocket.send_bytes(full_terminal(self.served.max_games))
                await websocket.close()
                return websocket
            game = GameProcess(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                extra=self.extra,
            )
            self.served.games.add(game)
            await game.start(width, height)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a tab's trouble never stops the server
            log.warning(serving.CONNECTION_FAILED, type(error).__name__, error)
        finally:
            if game is not None:
                await game.end(STOP_WAIT)
                self.served.games.discard(game)
        return websocket

    async def run(self, stop: asyncio.Event) -> None:
        """Listen until `stop` is set. ServeError if the address cannot be used."""
        app = await self._make_app()
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as e:
            await runner.cleanup()
            raise ServeError(serving.cannot_listen(self.host, self.port, bind_problem(e))) from None
        ports = [int(address[1]) for address in runner.addresses if isinstance(address, tuple)]
        self.bound_port = ports[0] if ports else self.port
        if self.announce is not None:
            self.announce(self.host, self.bound_port)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()


def bind_problem(e: OSError) -> str:
    import errno

    if e.errno == errno.EADDRINUSE:
        return serving.PORT_IN_USE
    if e.errno == errno.EADDRNOTAVAIL:
        return serving.NO_SUCH_ADDRESS
    if e.errno in (errno.EACCES, errno.EPERM):
        return serving.NOT_ALLOWED
    if isinstance(e, socket.gaierror):
        return serving.host_not_found(e.strerror or e)
    return e.strerror or str(e)


def serve(served: Served, announce: Callable[[str, int], None]) -> int:
    """Run the server until ctrl+c or SIGTERM; every game still open keeps its result."""
    server = GameServer(served, announce)
    server.initialize_logging()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    try:
        loop.run_until_complete(server.run(stop))
    finally:
        loop.close()
    return 0


# ------------------------------------------------------------------ what is printed


def reach_lines(
    host: str, port: int, only: str | None, codes: list[str], where: str, max_games: int = DEFAULT_MAX_GAMES
) -> list[str]:
    """What the teacher reads once the server listens: the address students type, the
    class code, who can reach the page, how to stop."""
    lines: list[str] = []
    if is_wildcard(host):
        mine = own_addresses()
        if mine:
            lines.append(serving.students_open([url(a, port) for a in mine]))
        else:
            lines.append(serving.students_open_somewhere(port))
        lines.append(serving.reach_every_network(host, url("127.0.0.1" if host == "0.0.0.0" else "::1", port)))
    elif is_loopback(host):
        lines.append(serving.open_here(url(host, port)))
        lines.append(serving.REACH_LOOPBACK)
    else:
        lines.append(serving.students_open([url(host, port)]))
        lines.append(serving.reach_network(host))
    if only is not None:
        lines.append(serving.class_code_line(only))
    else:
        lines.append(serving.class_codes_line(codes))
    lines.append(max_games_line(max_games))
    lines.append(serving.results_kept(where))
    lines.append(serving.STOP)
    return lines
