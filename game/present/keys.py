"""What each key of the full-screen game does, in words: for each screen, a table by
the binding's id of its short name (the key bar, the palette's name) and its sentence
(the help screen, the palette's help, the README's key table; "" for a key the help does
not list). The screens' bindings take their words from here (game/ui/keys.py `bound`),
so each key is described once. It imports nothing: the title screen reads it at
start-up."""

from __future__ import annotations

KeyWords = tuple[str, str]  # (short name, sentence)

BACK: KeyWords = ("Back", "")
CLOSE: KeyWords = ("Close", "")
SOURCES: KeyWords = ("Sources", "every source with its stance and claims")
ASSUMPTIONS: KeyWords = ("Assumptions", "the model's assumptions")

# The app's keys, on every screen.
APP: dict[str, KeyWords] = {
    "help": ("Help", "this help; escape goes back"),
    "save": ("Save", "save the game"),
    "theme": ("Theme", "next theme: dark, light, high contrast (or CORRIDORS_THEME=light etc.)"),
    "quit": ("Quit", "save and quit, as ctrl+q does (continue later from the title screen)"),
    "palette": ("Commands", "the command palette: every command of the screen you are on"),
}

WEEK: dict[str, KeyWords] = {
    "pick": ("Pick 1-9", "put action 1 to 9 into your plan, or take it out (0: action 10; or click it)"),
    "end_week": (
        "End week",
        "end your turn (it asks first if action points are left or a dilemma is unanswered); in"
        " a shared game the next player takes the keyboard, and the last player's turn plays"
        " the week (in a lesson game, the turn's weeks)",
    ),
    "dilemma": ("Dilemma", "the week's dilemma card; in the card 1 to 3 choose an option"),
    "city": ("City", "the city: the map and the ledger"),
    "news": ("News", "the news: the situation report"),
    "more_news": (
        "More news",
        "in a lesson turn, the news in full (its titles are shown), with what each source says;"
        " again for the titles",
    ),
    "report": ("Last report", "the last week's report: what changed and why, biggest causes first"),
    "charts": ("Charts", "charts of the ledger over time, with the record's figures marked"),
    "card": (
        "Who you are",
        "your role card: who you are, what you can and cannot change, your resources, what to watch",
    ),
    "sources": SOURCES,
    "assumptions": ASSUMPTIONS,
    "debrief_now": (
        "Debrief now",
        "end the game here and see the debrief of the weeks played (it asks first; the game"
        " stays saved, to go on with later)",
    ),
}


END_LESSON_TURN = "End turn"  # the end_week key's short name in a lesson game


def pick(n: int) -> str:
    """The short name of the key that picks action `n` (not on the key bar)."""
    return f"Pick {n}"


DEBRIEF: dict[str, KeyWords] = {
    "full": ("Full/short", "the full debrief, or back to the short one"),
    "alternatives": (
        "Alternative histories",
        "play other games: your decisions with other luck, and the historical policy",
    ),
    "export": ("Export", "write the debrief (Markdown) beside the save"),
    "charts": ("Charts", "charts of the ledger over time"),
    "sources": SOURCES,
    "assumptions": ASSUMPTIONS,
}

TITLE: dict[str, KeyWords] = {
    "new": ("New game", "start a game with these settings (enter does too)"),
    "continue": ("Continue", "resume your latest game: of the name given, or with none, the latest saved without a name"),
    "load": ("Load", "choose a saved game"),
}
CHOOSE_SAVE: dict[str, KeyWords] = {"cancel": ("Cancel", "")}  # the title's list of saves

WATCH: dict[str, KeyWords] = {"watch-refresh": ("Refresh", "read the class's results again now")}

DILEMMA: dict[str, KeyWords] = {
    "choose": ("Choose 1-3", ""),
    "close": ("Close (keep default)", ""),
}


def option(n: int) -> str:
    """The short name of the key that chooses a dilemma's option `n` (not on the key bar)."""
    return f"Option {n}"


# A reading screen (a report, the sources, the charts), the role card, the help.
READING: dict[str, KeyWords] = {"back": BACK}
CARD: dict[str, KeyWords] = {"close": CLOSE, "finish": ("To the debrief", "")}
HELP: dict[str, KeyWords] = {"close": CLOSE}

# A question (yes or no), and the note before a lesson turn.
QUESTION: dict[str, KeyWords] = {"yes": ("Yes", ""), "no": ("No", "")}
TURN_NOTE: dict[str, KeyWords] = {"go": ("Start the turn", "")}

# The title's list of roles (keys not on the key bar).
TICK = "Tick"
START = "Start"
