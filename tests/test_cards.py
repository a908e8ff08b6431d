"""Cards on a colour terminal: drawn without Rich, they match what Rich draws, cell by cell and style by style.

The oracle below is the Rich drawing the cards had before (``rich`` comes with Typer). Every page kind the
CLI draws in colour is captured as the ``view.Page`` it hands to ``cards.page`` and drawn both ways.
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from almanac.render import cards
from almanac.render.view import Card, Page, PersonLine
from almanac.text import plural
from conftest import DATA, MINI

ACCENT = cards.ACCENT
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _rich_panel(c: Card) -> Panel:
    parts = [Text(c.title, style="bold"), Text(c.countries, style="magenta"), Text(""), Text(c.summary)]
    for heading, body in c.sections:
        parts += [Text(""), Text(heading, style=ACCENT), Text(body)]
    if c.fun_fact:
        parts += [Text(""), Panel(Text(c.fun_fact, style="italic"), title="Fun fact", title_align="left",
                                  border_style="yellow", padding=(0, 1))]
    if c.reading:
        parts += [Text(""), Text("Further reading", style=ACCENT)] + [Text("• " + r) for r in c.reading]
    if c.sources:
        parts += [Text(""), Text("Sources", style="dim bold")] + [Text("• " + s, style="dim") for s in c.sources]
    title = Text.assemble((c.when, "bold"), ("  ·  ", "dim"), (c.ago, "green"))
    return Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(0, 1))


def rich_page(p: Page, width: int) -> str:
    """The page as Rich drew it."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="standard", highlight=False,
                      markup=False, emoji=False, soft_wrap=False)
    if p.heading:
        console.print(Text(p.heading, style="bold"))
    for note in p.notes:
        console.print(Text(note, style="dim" if p.kind == "timeline" else "yellow"))
    for title, cs in p.groups:
        if title:
            console.print(Rule(Text(title), style="dim"))
        for c in cs:
            console.print(_rich_panel(c))
    if p.strip:
        console.print(Text(p.strip[0], style="cyan"), no_wrap=True, overflow="crop")
        for line in p.strip[1:]:
            console.print(Text(line, style="dim"), no_wrap=True, overflow="ellipsis")
    for label, cs in p.decades:
        console.print(Rule(Text(f"{label} · {plural(len(cs), 'event')}", style=ACCENT), align="left", style="blue"))
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
    return out.getvalue()


def ours(p: Page, width: int) -> str:
    return "".join(cards._line(line) + "\n" for line in cards.lines(p, width))


def grid(text: str) -> list[list[tuple[str, str]]]:
    """Each line's characters with the SGR codes in force (none on a space); trailing spaces dropped."""
    rows = []
    for line in text.split("\n"):
        row, style, pos = [], "", 0
        for m in SGR.finditer(line):
            row += [(ch, style if ch != " " else "") for ch in line[pos:m.start()]]
            style = "" if m.group(1) in ("", "0") else m.group(1)
            pos = m.end()
        row += [(ch, style if ch != " " else "") for ch in line[pos:]]
        while row and row[-1][0] == " ":
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


@pytest.fixture
def pages(run, monkeypatch):
    """The pages the CLI hands to the colour renderer for ``args``."""
    def capture(*args: str) -> list[Page]:
        seen: list[Page] = []
        monkeypatch.setattr(cards, "page", lambda env, p: seen.append(p))
        result = run(*args, "--no-pager", bundled=MINI, color=True, isatty=True)
        assert result.exit_code == 0, result.output
        assert seen, "no page reached the colour renderer"
        return seen
    return capture


COMMANDS = [("on", "1989-05-15"), ("on", "05-15", "--days", "3"), ("timeline", "CN", "SU"), ("today",),
            ("search", "treaty", "-f", "cards"), ("--data", str(DATA / "hostile.toml"), "on", "1999-05-15")]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30])
@pytest.mark.parametrize("width", [20, 33, 47, 72, 88])
def test_cards_are_drawn_as_rich_drew_them(pages, args, width):
    for p in pages(*args):
        assert grid(ours(p, width)) == grid(rich_page(p, width))


WIDE = Card(when="15 May 1989", date="1989-05-15", end=None, ago="37 years ago",
            title="周恩来 and 毛泽东 meet: a title of wide characters that wraps around",
            countries="China, Soviet Union", summary="Ünïcödé and a https://example.org/a/very/long/address/"
            "that-is-wider-than-any-card-can-be-so-it-is-folded/ and 日本語の文章が続きます。\n\nA second paragraph.",
            sections=(("Heading", "Body text of a section."),), fun_fact="A fact that is fun " * 8,
            reading=("A book",), sources=("https://en.wikipedia.org/wiki/" + "X" * 120,))


@pytest.mark.parametrize("width", [12, 20, 33, 47, 88])
def test_wide_characters_long_words_and_paragraphs_as_rich_draws_them(width):
    page = Page(heading="On 15 May: " + "a long heading " * 6, notes=("A note.",), groups=((None, (WIDE,)),),
                people=(("Born", (PersonLine("1898", "Zhou Enlai, 周恩来 " * 8), PersonLine("44 BC", "x"))),))
    assert grid(ours(page, width)) == grid(rich_page(page, width))


def test_only_our_colour_codes_and_a_reset_after_each():
    """Every styled run is closed by a reset: nothing bleeds into the shell after the page."""
    out = ours(Page(heading="H", groups=((None, (WIDE,)),)), 60)
    assert {m.group(1) for m in SGR.finditer(out)} <= {"0", "1", "2", "3", "1;2", "1;34", "2;34", "1;36", "32", "33",
                                                         "34", "35", "1;32"}
    assert all(line.endswith("\x1b[0m") or "\x1b" not in line for line in out.splitlines())
