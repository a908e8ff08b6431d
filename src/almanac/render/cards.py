"""Cards on a colour terminal: boxes, rules and styled text, written as SGR escape codes.

The cards look as Rich draws them (rounded panels, titled rules, words wrapped as ``rich._wrap`` does,
a word wider than the line folded) and a test holds the two equal, cell by cell and style by style; but
importing Rich was half of a colour run, so the few pieces used are drawn here with the standard library.

Corpus text arrives cleaned of control characters (``view.card``); it is only ever text here, never
markup, and the only escape codes written are our own ``CSI ... m``.
"""

from __future__ import annotations

import re

from ..cells import cells
from ..cells import width as cell_len
from ..env import Env
from ..text import for_stream, plural
from .view import Card, Page

Span = tuple[str, str]  # text and its style ("bold cyan"; "" for none)
Line = list[Span]

ACCENT = "bold cyan"
_ATTRS = {"bold": "1", "dim": "2", "italic": "3"}
_COLOURS = {"black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
            "cyan": "36", "white": "37"}


def _over(base: str, style: str) -> str:
    """``style`` laid over ``base``: attributes add up, the upper colour wins."""
    words = style.split()
    colour = [w for w in words if w in _COLOURS] or [w for w in base.split() if w in _COLOURS]
    attrs = {w for w in base.split() + words if w in _ATTRS}
    return " ".join(sorted(attrs, key=_ATTRS.get) + colour[-1:])


def _sgr(style: str) -> str:
    words = style.split()
    codes = sorted((_ATTRS[w] for w in words if w in _ATTRS), key=int) + [_COLOURS[w] for w in words if w in _COLOURS]
    return ";".join(codes)


def _line(spans: Line) -> str:
    out = []
    for text, style in spans:
        if text:
            text = for_stream(text)  # cleaned already (view.card): a second lock, never our codes escaped
            code = _sgr(style) if style else ""
            out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
    return "".join(out)


def _plain(spans: Line) -> str:
    return "".join(t for t, _ in spans)


def _slice(spans: Line, start: int, end: int) -> Line:
    """The spans of characters ``start`` to ``end`` of their joined text."""
    out, pos = [], 0
    for text, style in spans:
        a, b = max(start, pos), min(end, pos + len(text))
        if a < b:
            out.append((text[a - pos:b - pos], style))
        pos += len(text)
    return out


def _chop(word: str, width: int) -> list[str]:
    """A word wider than the line, cut into pieces of at most ``width`` cells."""
    pieces, piece, used = [], "", 0
    for ch in word:
        w = cells(ch)
        if used + w > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += ch
        used += w
    return [*pieces, piece]


_WORD = re.compile(r"\s*\S+\s*")  # a word, the spaces after it, and at the start of a line those before it


def _breaks(text: str, width: int) -> list[int]:
    """Where a greedy wrap to ``width`` cells breaks ``text``, folding words that fit on no line."""
    breaks: list[int] = []
    offset = 0
    for m in _WORD.finditer(text):
        start, word = m.start(), m.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _rstrip(spans: Line) -> Line:
    while spans and not spans[-1][0].rstrip():
        spans = spans[:-1]
    if spans:
        text, style = spans[-1]
        spans = [*spans[:-1], (text.rstrip(), style)]
    return spans


def wrap(spans: Line, width: int) -> list[Line]:
    """Styled text wrapped to ``width`` cells, paragraph by paragraph; no line ends in spaces."""
    width = max(1, width)
    lines, pos = [], 0
    for para in _plain(spans).split("\n"):
        bounds = [pos, *(pos + b for b in _breaks(para, width)), pos + len(para)]
        lines += [_rstrip(_slice(spans, a, b)) for a, b in zip(bounds, bounds[1:])]
        pos += len(para) + 1
    return lines


def _cut(spans: Line, width: int, ellipsis: bool) -> Line:
    """One line cut to ``width`` cells (its last cell an ellipsis if asked), never wrapped."""
    if cell_len(_plain(spans)) <= width:
        return spans
    room, out = width - 1 if ellipsis else width, []
    for text, style in spans:
        kept = ""
        for ch in text:
            if cells(ch) > room:
                room = 0
                break
            kept += ch
            room -= cells(ch)
        out.append((kept, style))
        if room <= 0:
            break
    if ellipsis:
        out.append(("…", out[-1][1] if out else ""))
    return out


def _pad(spans: Line, width: int) -> Line:
    return [*spans, (" " * (width - cell_len(_plain(spans))), "")]


def panel(body: list[Line], width: int, border: str, title: Line | None = None) -> list[Line]:
    """A rounded box ``width`` cells wide around ``body`` (lines of at most ``width`` - 4 cells)."""
    inner = width - 2
    if title is None or width <= 4:
        top: Line = [("╭" + "─" * inner + "╮", border)]
    else:
        head = _cut([(" ", border), *((t, _over(border, s)) for t, s in title), (" ", border)], width - 4, False)
        top = [("╭─", border), *head, ("─" * (width - 4 - cell_len(_plain(head))), border), ("─╮", border)]
    lines = [top]
    lines += [[("│", border), (" ", ""), *_pad(line, width - 4), (" ", ""), ("│", border)] for line in body]
    return [*lines, [("╰" + "─" * inner + "╯", border)]]


def rule(width: int, style: str, title: Line | None = None, centre: bool = True) -> Line:
    """A line across ``width`` cells, a title in its middle or at its start."""
    if not title or width < (4 if centre else 2):
        return [("─" * width, style)]
    title = _cut(title, width - (4 if centre else 2), True)
    size = cell_len(_plain(title))
    if centre:
        side = (width - size) // 2
        line = [("─" * (side - 1) + " ", style), *title, (" " + "─" * (width - side + 1 - size), style)]
    else:
        line = [*title, (" ", ""), ("─" * (width - size - 1), style)]
    return _cut(line, width, False)


def _card(c: Card, width: int) -> list[Line]:
    text = width - 4
    body = wrap([(c.title, "bold")], text) + wrap([(c.countries, "magenta")], text) + [[]]
    body += wrap([(c.summary, "")], text)
    for heading, words in c.sections:
        body += [[], *wrap([(heading, ACCENT)], text), *wrap([(words, "")], text)]
    if c.fun_fact:
        body += [[], *panel(wrap([(c.fun_fact, "italic")], text - 4), text, "yellow", [("Fun fact", "")])]
    if c.reading:
        body += [[], *wrap([("Further reading", ACCENT)], text)]
        body += [line for r in c.reading for line in wrap([("• " + r, "")], text)]
    if c.sources:
        body += [[], *wrap([("Sources", "dim bold")], text)]
        body += [line for s in c.sources for line in wrap([("• " + s, "dim")], text)]
    title = [(c.when, "bold"), ("  ·  ", "dim"), (c.ago, "green")]
    return panel(body, width, "blue", title)


def lines(p: Page, width: int) -> list[Line]:
    """A page as styled lines ``width`` cells wide: the heading bold, notes under it, cards in boxes,
    a timeline's decades under rules, people in lists."""
    out: list[Line] = []
    if p.heading:
        out += wrap([(p.heading, "bold")], width)
    for note in p.notes:
        out += wrap([(note, "dim" if p.kind == "timeline" else "yellow")], width)
    for title, cs in p.groups:
        if title:
            out.append(rule(width, "dim", [(title, "")]))
        for c in cs:
            out += _card(c, width)
    if p.strip:
        out.append(_cut([(p.strip[0], "cyan")], width, False))
        out += [_cut([(line, "dim")], width, True) for line in p.strip[1:]]
    for label, cs in p.decades:
        out.append(rule(width, "blue", [(f"{label} · {plural(len(cs), 'event')}", ACCENT)], centre=False))
        for c in cs:
            out += wrap([(c.when, "bold green"), ("  ", ""), (c.title, "bold")], width)
            out += [[("    ", ""), *line] for line in wrap([(c.summary, "")], width - 4)] + [[]]
    for title, rows in p.people:
        if not rows:
            continue
        out.append(rule(width, "blue", [(title, ACCENT)], centre=False))
        pad = max(len(r.year) for r in rows)
        out += [_cut([(f"  {r.year:>{pad}}", "bold green"), ("  ", ""), (r.text, "")], width, True) for r in rows]
    return out


def page(env: Env, p: Page) -> None:
    """A page on a colour terminal, at most 88 cells wide (cards are read, not scanned)."""
    env.stdout.write("".join(_line(line) + "\n" for line in lines(p, min(env.width, 88))))
    env.stdout.flush()
