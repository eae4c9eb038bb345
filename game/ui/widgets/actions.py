"""The week screen's right-hand panel: the role's resources, its actions (digits or a
click put one into the plan), and what the highlighted action does, how sure that is,
its sources and why it cannot be added now (all worded by `game.present.situation`)."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.present import labels
from game.present.situation import ActionEntry
from game.ui.text import plain


def action_prompt(n: int, a: ActionEntry) -> Text:
    """An action in the list: its number, whether it is planned, its name; under it, its
    cost and points, the verdict on it and why it cannot be added."""
    mark = "[x]" if a.planned else "[ ]"
    pts = labels.points_short(a.points)
    cost = f"{a.cost}; {pts}" if a.cost else pts
    line2 = f"\n    {cost}" + (f" · {a.verdict}" if a.verdict else "") + (f" · {a.tag}" if a.tag else "")
    return plain((f"{n:>2} {mark} {a.name}", "bold" if a.planned else ""), line2, style="" if a.open else "dim")


class ActionPanel(Vertical):
    """The resources, the list of actions (`#actions`) and the highlighted one's detail.
    Each part scrolls by itself (tab to it, then the arrows), so that at 80x24 every
    resource and every action can be reached."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.actions: tuple[ActionEntry, ...] = ()  # the actions as shown
        self._detail_said: tuple[object, ...] | None = None  # what the detail shows now

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="resources-scroll"):
            yield Static(id="resources")
        yield OptionList(id="actions")
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail")

    def show_resources(self, resources: tuple[str, ...]) -> None:
        res = "\n".join(f"• {line}" for line in resources)
        self.query_one("#resources", Static).update(plain((labels.YOUR_RESOURCES + "\n", "bold"), res))

    def show_actions(self, acts: tuple[ActionEntry, ...], *, in_place: bool = False) -> None:
        """The list of actions; `in_place`: the same actions as shown, so only the lines
        that changed are drawn again (the whole list is laid out again otherwise)."""
        ol = self.query_one("#actions", OptionList)
        keep = ol.highlighted
        self.actions = acts
        prompts = [action_prompt(i + 1, a) for i, a in enumerate(acts)]
        shown = [ol.get_option_at_index(i) for i in range(ol.option_count)]
        if in_place and [o.id for o in shown] == [a.id for a in acts]:
            resized = False
            for i, (o, prompt) in enumerate(zip(shown, prompts, strict=True)):
                if o.prompt != prompt:
                    old = o.prompt.plain if isinstance(o.prompt, Text) else str(o.prompt)
                    resized |= [len(x) for x in old.split("\n")] != [len(x) for x in prompt.plain.split("\n")]
                    ol.replace_option_prompt_at_index(i, prompt)
            if resized:  # a line of another length may wrap otherwise: the list's height
                ol.refresh(layout=True)
        else:
            ol.clear_options()
            ol.add_options([Option(p, id=a.id) for p, a in zip(prompts, acts, strict=True)])
        if acts:
            ol.highlighted = min(keep or 0, len(acts) - 1)
        self.show_detail()

    def highlight(self, n: int) -> None:
        """Highlight action `n` (1 for the first)."""
        self.query_one("#actions", OptionList).highlighted = n - 1

    def show_detail(self) -> None:
        i = self.query_one("#actions", OptionList).highlighted
        if i is None or not self.actions:
            self._detail_said = None
            self.query_one("#detail", Static).update("")
            return
        a = self.actions[i]
        said = (a.summary, a.uncertainty, a.sources, a.reason)
        if said == self._detail_said:  # the same words: nothing to lay out again
            return
        self._detail_said = said
        parts = [plain(a.summary), plain((labels.HOW_SURE, "bold"), a.uncertainty)]
        if a.sources:
            parts.append(plain(a.sources, style="italic"))
        if a.reason:
            parts.append(plain((labels.NOW, "bold"), a.reason))
        self.query_one("#detail", Static).update(Group(*parts))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()
