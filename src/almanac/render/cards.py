"""Cards on a colour terminal, drawn with Rich. The only module that imports Rich.

Corpus text always reaches Rich as ``Text`` objects, never as markup, and is cleaned of control
characters first (``view.card``).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from ..env import Env
from ..text import plural
from .view import Card, Page

ACCENT = "bold cyan"


def _console(env: Env) -> Console:
    return Console(file=env.stdout, width=min(env.width, 88), force_terminal=True, color_system="auto",
                   highlight=False, markup=False, emoji=False, soft_wrap=False)


def _panel(c: Card) -> Panel:
    parts = [Text(c.title, style="bold"), Text(c.countries, style="magenta"), Text(""), Text(c.summary)]
    for heading, body in c.sections:
        parts += [Text(""), Text(heading, style=ACCENT), Text(body)]
    if c.fun_fact:
        parts += [Text(""), Panel(Text(c.fun_fact, style="italic"), title="Fun fact", title_align="left",
                                  border_style="yellow", padding=(0, 1))]
    if c.reading:
        parts += [Text(""), Text("Further reading", style=ACCENT)]
        parts += [Text("• " + r) for r in c.reading]
    if c.sources:
        parts += [Text(""), Text("Sources", style="dim bold")]
        parts += [Text("• " + s, style="dim") for s in c.sources]
    title = Text.assemble((c.when, "bold"), ("  ·  ", "dim"), (c.ago, "green"))
    return Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(0, 1))


def page(env: Env, p: Page) -> None:
    """A page on a colour terminal: the heading bold, notes under it, cards in panels, people in lists."""
    console = _console(env)
    if p.heading:
        console.print(Text(p.heading, style="bold"))
    for note in p.notes:
        console.print(Text(note, style="dim" if p.kind == "timeline" else "yellow"))
    for title, cs in p.groups:
        if title:
            console.print(Rule(Text(title), style="dim"))
        for c in cs:
            console.print(_panel(c))
    if p.strip:
        console.print(Text(p.strip[0], style="cyan"), no_wrap=True, overflow="crop")
        for line in p.strip[1:]:
            console.print(Text(line, style="dim"), no_wrap=True, overflow="ellipsis")
    for label, cs in p.decades:
        console.print(Rule(Text(f"{label} · {plural(len(cs), 'event')}", style=ACCENT), align="left",
                           style="blue"))
        for c in cs:
            console.print(Padding(Text.assemble((c.when, "bold green"), "  ", (c.title, "bold")), (0, 0, 0, 0)))
            console.print(Padding(Text(c.summary), (0, 0, 1, 4)))
    for title, rows in p.people:
        if not rows:
            continue
        console.print(Rule(Text(title, style=ACCENT), align="left", style="blue"))
        pad = max(len(r.year) for r in rows)
        for r in rows:
            console.print(Text.assemble((f"  {r.year:>{pad}}", "bold green"), "  ", r.text), overflow="ellipsis",
                          no_wrap=True)
