"""Plain text: the same content as the cards, with no escape codes (piped output, NO_COLOR)."""

from __future__ import annotations

from ..model import Event, Person
from ..text import clean, fit
from .view import Card, Page, PersonLine, person_line


def _wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """Wrap each paragraph of ``text`` to ``width``; ``hang`` further indents continuation lines.

    A greedy word wrap (textwrap's result for our text, at a fraction of its cost on long answers):
    words are never broken, so a long URL may overrun a narrow terminal rather than be cut in two.
    """
    width = max(10, width)
    out: list[str] = []
    for para in text.split("\n"):
        # Split on single spaces so a deliberate double space (date  title) survives.
        words = para.strip().replace("\t", " ").split(" ")
        if not words[0]:
            out.append("")
            continue
        line, room = indent + words[0], width - len(indent) - len(words[0])
        for word in words[1:]:
            if len(word) < room:
                line += " " + word
                room -= len(word) + 1
            else:
                out.append(line)
                line = indent + hang + word
                room = width - len(line)
        out.append(line)
    return out


def card(c: Card, width: int) -> list[str]:
    lines = _wrap(f"{c.when} · {c.ago}", width)
    lines += _wrap(c.title, width)
    lines += _wrap(c.countries, width)
    lines += [""] + _wrap(c.summary, width)
    for heading, body in c.sections:
        lines += ["", heading] + _wrap(body, width, "  ")
    if c.fun_fact:
        lines += [""] + _wrap("Fun fact: " + c.fun_fact, width)
    if c.reading:
        lines += ["", "Further reading:"] + [ln for r in c.reading for ln in _wrap("- " + r, width, "  ", "  ")]
    if c.sources:
        hang = "  " if width >= 40 else ""
        lines += ["", "Sources:"] + [ln for s in c.sources for ln in _wrap("- " + s, width, "", hang)]
    return lines


def page(p: Page, width: int, people_width: int | None = None) -> str:
    """A page as plain text: heading and notes, the cards (or a timeline's decades), then the people."""
    out = [line for text in (p.heading, *p.notes) if text for line in _wrap(text, width)]
    out += _groups(p.groups, width)
    if p.strip:
        out += [""] + list(p.strip)
    out += _decades(p.decades, width)
    out += people(p.people, people_width or width)
    return "\n".join(out) + "\n"


def _groups(groups, width: int) -> list[str]:
    rule = "─" * min(width, 72)
    out: list[str] = []
    for title, cs in groups:
        if title:
            out += ["", title]
        for c in cs:
            out += ["", rule] + card(c, width)
    return out


def brief_date(d) -> str:
    """ISO for years AD ('1989-05-15', '1989-05', '1989'); years BC as people write them ('15 Mar 44 BC')."""
    if d.year is None or d.year > 0:
        return d.iso()
    from ..dates import MONTHS

    parts = [str(d.day)] if d.day else []
    parts += [MONTHS[d.month - 1][:3]] if d.month else []
    return " ".join([*parts, f"{-d.year} BC"])


def brief_line(e: Event, width: int | None = None) -> str:
    """One line per event: date, title, country codes; fitted to ``width`` on a terminal, whole when piped."""
    codes = f"  [{' '.join(e.countries)}]"
    head = f"{brief_date(e.date)}  "
    title = clean(e.title, one_line=True)
    if width is None or len(head) + len(title) + len(codes) <= width:
        return head + title + codes
    room = width - len(head) - len(codes)
    if room < 20:  # too narrow for the codes as well: the title comes first
        return fit(head + title, width)
    return head + fit(title, room) + codes


def brief(events: list[Event], width: int | None = None) -> str:
    return "".join(brief_line(e, width) + "\n" for e in events)


def density(decades: list[tuple[int, int]], width: int, unicode: bool = True) -> list[str]:
    """The number of events in each decade, as a strip of bars: the shape of a story at a glance.

    One line of bars scaled to the busiest decade, with the first and last decade under it; plain ASCII
    ('.:|#') when piped or NO_COLOR, block characters on a terminal.
    """
    if len(decades) < 5:  # a story of a few decades reads at a glance without a chart
        return []
    levels = " ▁▂▃▄▅▆▇█" if unicode else " .:|#"
    top = max(n for _, n in decades) or 1
    room = max(10, width - 2)
    step = -(-len(decades) // room)  # decades per character when the story is longer than the line
    cells = [sum(n for _, n in decades[i:i + step]) for i in range(0, len(decades), step)]
    top = max(cells) or top
    bar = "".join(levels[0] if n == 0 else levels[max(1, round(n / top * (len(levels) - 1)))] for n in cells)

    def label(d: int) -> str:
        return f"{-d}s BC" if d < 0 else f"{d}s"

    first, last = label(decades[0][0]), label(decades[-1][0])
    busiest = max(decades, key=lambda t: t[1])
    span = first + " " * max(1, len(bar) - len(first) - len(last)) + last
    return [bar, span, f"Events per decade{'' if step == 1 else f' (a mark for every {step} decades)'}; "
                       f"most in the {label(busiest[0])} ({busiest[1]})"]


def _decades(decades, width: int) -> list[str]:
    from ..text import plural

    out: list[str] = []
    for label, cs in decades:
        head = f"{label} · {plural(len(cs), 'event')}"
        out += ["", head, "─" * len(head)]
        for c in cs:
            pad = " " * (len(c.when) + 2) if len(c.when) + 2 < width // 2 else "    "
            out += [""] + _wrap(f"{c.when}  {c.title}", width, "", pad)
            out += _wrap(c.summary, width, "    ")
    return out


def people(sections: list[tuple[str, list[PersonLine]]], width: int) -> list[str]:
    """The Born and Died lists: one line a person, the year right-aligned, fitted to the width."""
    out: list[str] = []
    for heading, rows in sections:
        if not rows:
            continue
        pad = max(len(r.year) for r in rows)
        out += ["", heading]
        out += [fit(f"  {r.year:>{pad}}  {r.text}", width) for r in rows]
    return out


def person_brief(p: Person, kind: str) -> str:
    date = p.born if kind == "birth" else p.died
    label = "Born" if kind == "birth" else "Died"
    return f"{date.iso()}  {label}: {person_line(p, kind).text}  [{' '.join(p.countries)}]"


def person_head(p: Person, today, table, events: int = 0) -> list[str]:
    """The lines above a person's events: name and who they were, life dates and age, countries."""
    from ..text import plural

    def dated(d, julian):
        return d.human() + (f" ({julian.human()} Old Style)" if julian else "")

    life = f"Born {dated(p.born, p.born_julian)}"
    if p.died:
        age = p.age()
        life += f"; died {dated(p.died, p.died_julian)}" + (f", aged {age}" if age is not None else "")
    else:
        age = p.age(today)
        life += "; living" + (f", aged {age}" if age is not None else "")
    out = [clean(f"{p.name}, {p.description}", one_line=True), life,
           clean(", ".join(table.name(c) for c in p.countries), one_line=True)]
    if p.sources:
        out.append(clean("Sources: " + "; ".join(p.sources), one_line=True))
    out.append((f"{plural(events, 'event')} in the corpus " + ("names them" if events == 1 else "name them")) if events
               else "No event in the corpus names them yet.")
    return out
