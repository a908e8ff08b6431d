"""Plain text: the same content as the cards, with no escape codes (piped output, NO_COLOR)."""

from __future__ import annotations

from ..model import Event, Person
from ..text import clean, fit
from .view import Card, PersonLine, person_line


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


def cards(groups: list[tuple[str | None, list[Card]]], width: int, heading: str, note: str | None) -> str:
    rule = "─" * min(width, 72)
    out = _wrap(heading, width)
    if note:
        out += _wrap(note, width)
    for title, cs in groups:
        if title:
            out += ["", title]
        for c in cs:
            out += ["", rule] + card(c, width)
    return "\n".join(out) + "\n"


def brief_line(e: Event) -> str:
    """One line per event: ISO date, title, country codes. Never cut: this is for grep and scripts."""
    return f"{e.date.iso()}  {clean(e.title, one_line=True)}  [{' '.join(e.countries)}]"


def brief(events: list[Event]) -> str:
    return "".join(brief_line(e) + "\n" for e in events)


def timeline(header: list[str], decades: list[tuple[str, list[Card]]], width: int) -> str:
    out = [line for h in header for line in _wrap(h, width)]
    for label, cs in decades:
        out += ["", label, "─" * len(label)]
        for c in cs:
            out += [""] + _wrap(f"{c.when}  {c.title}", width)
            out += _wrap(c.summary, width, "    ")
    return "\n".join(out) + "\n"


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
