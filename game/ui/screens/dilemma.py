"""A dilemma card: the situation, its sources, the options numbered; digits choose."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.present import labels, notices
from game.present.keys import DILEMMA as KEYS
from game.present.keys import option
from game.present.plan import cost_text, not_possible
from game.present.turn import comes_words
from game.present.words import sources_text, topics
from game.session import DecisionError, DilemmaInfo, OptionInfo, Session
from game.ui.commands import Command
from game.ui.keys import bound
from game.ui.text import plain
from game.ui.widgets.claims import Topics
from game.ui.widgets.keybar import KeyBar


def option_prompt(n: int, o: OptionInfo, cost: str) -> Text:
    mark = "(•)" if o.chosen else "( )"
    tags = []
    if o.is_default:
        tags.append(labels.IF_NOTHING_CHOSEN)
    if not o.affordable:
        tags.append(labels.CANNOT_AFFORD)
    lines = plain((f"{n}. {mark} {o.label}", "bold"), f"\n   {o.text}")
    if cost:
        lines.append_text(plain(f"\n   {labels.COST}{cost}."))
    lines.append_text(plain(f"\n   {labels.HOW_SURE}{o.uncertainty}"))
    if tags:
        lines.append_text(plain(f"\n   [{'; '.join(tags)}]", style="italic"))
    return lines


class DilemmaScreen(ModalScreen[None]):
    """Choose an option for one dilemma put to `role`."""

    CSS_PATH = "dilemma.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(k), f"choose({k})", option(k), show=False) for k in range(2, 4)),
        bound("1", "choose(1)", "choose", KEYS, key_display="1-3"),
        bound("escape", "close", "close", KEYS),
    ]

    def __init__(self, session: Session, role: str, dilemma: DilemmaInfo) -> None:
        super().__init__()
        self.session = session
        self.role = role
        self.dilemma = dilemma

    def compose(self) -> ComposeResult:
        d = self.dilemma
        with Vertical(classes="modal", id="card"):
            with VerticalScroll(id="card-text"):
                yield Static(plain((labels.DILEMMA, "bold"), (d.title, "bold")), id="card-title")
                yield Static(plain(d.text))
                if d.comes is not None:
                    yield Static(plain((comes_words(d.comes), "italic")))
                if d.contested:
                    yield Static(plain((labels.CONTESTED, "bold"), d.contested))
                if d.claims:
                    yield Static(Topics(topics(d.claims)))
                yield Static(plain(sources_text(d.sources)), classes="note")
            yield OptionList(
                *(Option(option_prompt(i + 1, o, cost_text(self.session, o.cost)), id=o.id) for i, o in enumerate(d.options)),
                id="options",
            )
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index + 1)

    def action_choose(self, n: int) -> None:
        opts = self.dilemma.options
        if not 1 <= n <= len(opts):
            self.notify(notices.no_number(n, len(opts), "option"))
            return
        try:
            self.session.choose(self.role, self.dilemma.id, opts[n - 1].id)
        except DecisionError as e:
            self.notify(not_possible(self.session, e), severity="warning", timeout=6)
            return
        self.notify(notices.chosen(self.dilemma.title, opts[n - 1].label), timeout=3)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        return [
            (labels.choose_command(i + 1, o.label), o.text, partial(self.action_choose, i + 1))
            for i, o in enumerate(self.dilemma.options)
        ]
