"""The words and pages of `corridors serve`: the page a student opens (the game's
terminal), the lines the teacher reads once the server listens, why it cannot start;
and, when it holds as many games as it may (--max-games), the page a student gets
instead of a game, the same words in the game's terminal for a tab that opened as the
last place was taken, and the line the teacher reads."""

from __future__ import annotations

import html

from game.present.join import JOIN_WORDS

FULL_TITLE = "Corridors: no place just now"


def full_words(max_games: int) -> str:
    games = "one game" if max_games == 1 else f"{max_games} games"
    return (
        f"This server is already running {games}, as many as it was started to hold at once."
        " Wait until a classmate's game has ended, then open the page again; or ask your teacher."
    )


def page_start(title: str) -> str:
    """The start of a served page, up to its head's end: the language, the characters,
    the width of a phone or a laptop, the title."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
    )


def full_page(max_games: int) -> str:
    """A page of its own (no script, nothing from elsewhere), with a button to try again."""
    e = html.escape
    return page_start(FULL_TITLE) + f"""<style>
html, body {{ margin: 0; height: 100%; background: #101418; color: #f0f0f0; font-family: system-ui, sans-serif; }}
main {{ display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1em;
  height: 100%; font-size: 1.2em; padding: 0 1em; text-align: center; }}
button {{ font-size: 1em; padding: 0.5em 1.5em; }}
</style>
</head>
<body>
<main><h1>{e(FULL_TITLE)}</h1><p id="full">{e(full_words(max_games))}</p>
<form method="get" action=""><button type="submit">Try again</button></form></main>
</body>
</html>
"""


def full_terminal(max_games: int) -> bytes:
    """The same words for the game's terminal in a page already open."""
    return f"\r\n  {FULL_TITLE}\r\n\r\n  {full_words(max_games)}\r\n".encode()


def max_games_line(max_games: int) -> str:
    games = "one game" if max_games == 1 else f"{max_games} games"
    return (
        f"At most {games} at once (--max-games): a student who opens the page beyond that is"
        " asked to wait until a game has ended."
    )


# -- the server's start ---------------------------------------------------------------
HOST_MISSING = "--host: give an address to listen on, such as 127.0.0.1 or 0.0.0.0"
PORT_IN_USE = "the port is in use (another server runs there; choose another with --port)"
NO_SUCH_ADDRESS = "this computer has no such address (give one of its own, or 0.0.0.0)"
NOT_ALLOWED = "not allowed (ports below 1024 need special rights; choose another with --port)"
LOG_FORMAT = "corridors serve: %(message)s"
CONNECTION_FAILED = "a game's connection failed: %s: %s"  # the error's kind and message
REACH_LOOPBACK = (
    "Who can reach it: this computer only (loopback). For a room, start it with"
    " --host 0.0.0.0, or with this computer's address on the school's network."
)
STOP = "Stop the server with ctrl+c (every open game keeps its result)."


def not_a_host(host: str) -> str:
    return f"--host {host!r}: not an IP address or a host name"


def host_not_found(problem: object) -> str:
    return f"the host name cannot be found ({problem})"


def cannot_listen(host: str, port: int, problem: str) -> str:
    return f"cannot listen on {host} port {port}: {problem}"


def students_open(urls: list[str]) -> str:
    return "Students open: " + " or ".join(urls)


def students_open_somewhere(port: int) -> str:
    return f"Students open http://THIS-COMPUTER'S-ADDRESS:{port}/ (its address on the school's network)"


def reach_every_network(host: str, own: str) -> str:
    return (
        f"Who can reach it: every computer that can reach this one on any of its networks (listening on {host});"
        f" this computer itself opens {own}"
    )


def open_here(url: str) -> str:
    return f"Open: {url} (in a browser on this computer)"


def reach_network(host: str) -> str:
    return f"Who can reach it: every computer that can reach {host} on its network"


def class_code_line(code: str) -> str:
    return f"Class code: {code} (students type it, and their name, before they play; no other class plays here)"


def class_codes_line(codes: list[str]) -> str:
    shown = ", ".join(codes[:8]) + (f" and {len(codes) - 8} more" if len(codes) > 8 else "")
    return f"Class codes: any class of the store ({shown}); students type one, and their name, before they play"


def results_kept(where: str) -> str:
    return f"Results are kept in {where}; see them with: corridors class results CODE"


def game_page(static: str, websocket: str, font_size: int) -> str:
    """The page a student opens: the game's terminal, drawn by textual-serve's script."""
    w = JOIN_WORDS
    e = html.escape
    return page_start(w.page_title) + f"""<link rel="stylesheet" href="{e(static)}css/xterm.css">
<script src="{e(static)}js/textual.js"></script>
<style>
@font-face {{ font-family: "Roboto Mono"; src: url("{e(static)}fonts/RobotoMono-VariableFont_wght.ttf"); font-weight: 100 700; }}
html, body {{ margin: 0; height: 100%; background: #101418; color: #f0f0f0;
  font-family: system-ui, sans-serif; }}
.panel {{ position: absolute; inset: 0; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 1em; font-size: 1.2em; z-index: 10; }}
body.-first-byte #opening {{ display: none; }}
#ended {{ display: none; background: #101418; }}
body.-closed #ended {{ display: flex; }}
.textual-terminal {{ opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
button {{ font-size: 1em; padding: 0.5em 1.5em; }}
</style>
</head>
<body>
<div id="opening" class="panel"><div>{e(w.page_opening)}</div></div>
<div id="ended" class="panel"><div>{e(w.page_ended)}</div>
<button type="button" onclick="window.location.reload()">{e(w.page_again)}</button></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{e(websocket)}"
 data-font-size="{font_size}"></div>
</body>
</html>
"""

