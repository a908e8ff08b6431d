"""Renderers: a neutral view (``view.py``) laid out as cards (Rich), plain text, brief lines or JSON.

Only ``cards.py`` imports Rich, and only when a card is drawn on a colour terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package stays light: the greeting and the library never import it
    from ..env import Env
    from ..query import DayView, TimelineView


def write(env: Env, text: str) -> None:
    env.out(text)


READ_WIDTH = 88  # cards are read, not scanned: lines longer than this tire the eye on a wide terminal


def read_width(env: Env) -> int:
    return min(env.width, READ_WIDTH)


def fit_width(env: Env) -> int | None:
    """The width brief lines are fitted to: the terminal's; none when piped (whole lines for scripts)."""
    return env.width if env.isatty else None


def _day_heading(view: DayView) -> str:
    """'On 15 May: 4 events in history'; with a year, both numbers: that date's and the other years'."""
    from ..text import plural

    count = len(view.groups[0].events) if view.groups else 0
    head = f"On {view.query.human()}: "
    if view.kind in ("births", "deaths"):
        n = len(view.born) + len(view.died)
        return head + (plural(n, "birth" if view.kind == "births" else "death") if n else "nothing recorded")
    if not count:
        return head + "nothing recorded"
    if view.query.year is None:
        return head + plural(count, "event") + " in history"
    exact = view.exact_count
    others = count - exact
    if not exact:
        return head + f"nothing recorded that year; {plural(count, 'event')} on this day in other years"
    return head + plural(exact, "event") + (f", and {others} more on this day in other years" if others else "")


def day(env: Env, view: DayView, fmt: str, table) -> None:
    """Lay out what happened on a day in ``fmt`` (cards, brief or json): events, then Born and Died."""
    if fmt == "json":
        from . import jsonout

        return write(env, jsonout.day(view.events, view.born, view.died) + "\n")
    from . import plain
    from .view import card, person_line

    if fmt == "brief":
        if view.note:
            env.note(view.note)
        lines = plain.brief(view.shown, fit_width(env))
        lines += "".join(plain.person_brief(p, "birth") + "\n" for p in view.born)
        lines += "".join(plain.person_brief(p, "death") + "\n" for p in view.died)
        return write(env, lines or f"Nothing recorded on {view.query.human()}.\n")
    groups = [(g.heading, [card(e, env.today, table) for e in g.events]) for g in view.groups]
    people = [("Born", [person_line(p, "birth") for p in view.born]),
              ("Died", [person_line(p, "death") for p in view.died])]
    heading = _day_heading(view)
    if env.color:
        from . import cards  # lazy: Rich is imported only to draw cards on a colour terminal

        return cards.day(env, heading, view.note, groups, people)
    text = plain.cards(groups, read_width(env), heading, view.note)
    extra = plain.people(people, env.width)
    write(env, text + ("\n".join(extra) + "\n" if extra else ""))


def _names(countries) -> str:
    names = [c.name for c in countries]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def timeline(env: Env, view: TimelineView, fmt: str, table, chart: bool = True) -> None:
    from ..text import plural

    none = ("No events in the corpus involve " + ("both." if len(view.countries) == 2 else
            f"{view.a.name}." if len(view.countries) == 1 else "all of them."))
    if fmt == "json":
        from . import jsonout

        return write(env, jsonout.events(view.events) + "\n")
    from . import plain
    from .view import card

    if fmt == "brief":
        return write(env, plain.brief(view.events, fit_width(env)) or none + "\n")
    header = [f"{_names(view.countries)}: {plural(len(view.events), 'event')}"
              + (f", {view.events[0].date.year_text()} to {view.events[-1].date.year_text()}" if view.events else "")]
    for asked, matched in zip(view.countries, view.matched):
        others = [c.name for c in matched if c.code != asked.code]
        if others:
            header.append(f"{asked.name} includes {', '.join(others)}" + ("" if view.strict else
                                                                         " (use --strict for one state only)"))
    if not view.events:
        header.append(none)
    strip = plain.density(view.density(), read_width(env), unicode=env.color or env.isatty) if chart else []
    decades = [(label, [card(e, env.today, table) for e in evs]) for label, evs in view.decades()]
    if env.color:
        from . import cards

        return cards.timeline(env, header, decades, strip)
    write(env, plain.timeline(header, decades, read_width(env), strip))


def events(env: Env, evs: list, fmt: str, table, heading: str | None, people=()) -> None:
    """A plain list of events (search, random) in ``fmt``; people who match are listed after them."""
    from ..text import clean
    from . import jsonout, plain
    from .view import card

    heading = clean(heading, one_line=True) if heading else heading
    if fmt == "json":
        if people:
            return write(env, jsonout.dumps([{"kind": "event", **e.to_dict()} for e in evs]
                                            + [{"kind": "person", **p.to_dict()} for p in people]) + "\n")
        return write(env, jsonout.events(evs) + "\n")
    from .view import PersonLine

    def life(p):
        return f"{p.born.year_text()}–{p.died.year_text() if p.died else ''}"

    rows = [("People", [PersonLine(life(p), clean(f"{p.name}, {p.description}", one_line=True)) for p in people])]
    if fmt == "brief":
        top = heading + "\n" if heading and env.isatty else ""
        extra = "".join(f"{r.year}  {r.text}\n" for r in rows[0][1])
        return write(env, (top + plain.brief(evs, fit_width(env)) + extra) if evs or people else "No events.\n")
    cards_ = [card(e, env.today, table) for e in evs]
    if env.color:
        from . import cards

        return cards.day(env, heading or "", None, [(None, cards_)], rows)
    text = plain.cards([(None, cards_)], read_width(env), heading or "", None)
    extra = plain.people(rows, env.width)
    write(env, (text if heading else text.lstrip("\n")) + ("\n".join(extra) + "\n" if extra else ""))


def person(env: Env, view, fmt: str, table) -> None:
    """One person: who, born, died (or living) and age, then the events that name them."""
    from . import jsonout, plain
    from .view import card

    p = view.person
    if fmt == "json":
        body = {**p.to_dict(), "age": p.age(env.today), "living": p.died is None,
                "events": [e.to_dict() for e in view.events]}
        return write(env, jsonout.dumps(body) + "\n")
    if fmt == "brief":
        return write(env, plain.person_brief(p, "birth") + "\n"
                     + (plain.person_brief(p, "death") + "\n" if p.died else "") + plain.brief(view.events))
    head = plain.person_head(p, env.today, table, len(view.events))
    cards_ = [card(e, env.today, table) for e in view.events]
    if env.color:
        from . import cards

        return cards.day(env, head[0], "\n".join(head[1:]), [(None, cards_)])
    write(env, plain.cards([(None, cards_)], read_width(env), "\n".join(head), None))


def day_range(env: Env, view, fmt: str, table) -> None:
    """Several days: each headed (an empty day in one line); JSON is one array of every day's entries."""
    if fmt == "json":
        from . import jsonout

        return write(env, jsonout.day([e for d in view.days for e in d.events],
                                      [p for d in view.days for p in d.born],
                                      [p for d in view.days for p in d.died]) + "\n")
    if fmt == "brief":
        from . import plain

        lines = "".join(plain.brief(d.events, fit_width(env)) for d in view.days)
        return write(env, lines or "Nothing recorded on these days.\n")
    for d in view.days:
        if not d.events and not d.born and not d.died:
            write(env, f"On {d.query.human()}: nothing recorded\n\n")
            continue
        day(env, d, fmt, table)
        write(env, "\n")


def period(env: Env, view, fmt: str, table) -> None:
    """A year or a month: brief lines by default, cards on request, JSON as one array of events."""
    from ..text import plural
    from . import jsonout, plain
    from .view import card

    if fmt == "json":
        return write(env, jsonout.day(view.events, [], []) + "\n")
    heading = f"{view.query.human()}: " + (plural(len(view.events), "event") if view.events else "nothing recorded")
    vague = sum(1 for e in view.events if e.date.day is None)
    if vague:
        heading += f" ({vague} known only to the {'year' if view.query.month is None else 'month or year'})"
    if fmt == "brief":
        return write(env, heading + "\n" + ("\n" + plain.brief(view.events, fit_width(env)) if view.events else ""))
    cards_ = [card(e, env.today, table) for e in view.events]
    if env.color:
        from . import cards

        return cards.day(env, heading, None, [(None, cards_)])
    write(env, plain.cards([(None, cards_)], read_width(env), heading, None))
