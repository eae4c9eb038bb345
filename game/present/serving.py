"""The words of `corridors serve` when it holds as many games as it may (--max-games):
the page a student gets instead of a game, the same words in the game's terminal for a
tab that opened as the last place was taken, and the line the teacher reads."""

from __future__ import annotations

import html

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
