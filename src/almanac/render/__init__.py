"""Renderers: one page of a command's answer, in the format asked for.

A command's view (``query``) becomes a ``view.Page`` of cleaned cards and lines, which ``cards.py`` draws
in boxes and escape codes on a colour terminal and ``plain.py`` writes as plain text; ``brief`` is one
line an entry and ``json`` the corpus fields. ``emit`` is the one switch of formats.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package stays light: the greeting and the library never import it
    from ..env import Env
    from ..query import DayView, TimelineView
    from .view import Page


def write(env: Env, text: str) -> None:
    env.out(text)


READ_WIDTH = 88  # cards are read, not scanned: lines longer than this tire the eye on a wide terminal


def read_width(env: Env) -> int:
    return min(env.width, READ_WIDTH)


def fit_width(env: Env) -> int | None:
    """The width brief lines are fitted to: the terminal's; none when piped (whole lines for scripts)."""
    return env.width if env.isatty else None


def emit(env: Env, fmt: str, json: Callable[[], object], brief: Callable[[], str],
         page: Callable[[], Page], title: str | None = None) -> None:
    """The one switch of formats: ``json`` gives the data, ``brief`` the lines, ``page`` the cards (drawn
    in colour, as plain text, or as an HTML document titled ``title``)."""
    if fmt == "json":
        from ..text import json_dumps

        return write(env, json_dumps(json()) + "\n")
    if fmt == "brief":
        return write(env, brief())
    shown = page()
    if fmt == "html":
        from . import html

        return write(env, html.page(shown, title or shown.heading))
    if env.color:
        from . import cards

        return cards.page(env, shown)
    from . import plain

    write(env, plain.page(shown, read_width(env), env.width))


def _cards(events, env: Env, table) -> tuple:
    from .view import card

    return tuple(card(e, env.today, table) for e in events)


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


def _day_json(view) -> list[dict]:
    from . import jsonout

    return jsonout.day(view.events, view.born, view.died)


def day(env: Env, view: DayView, fmt: str, table) -> None:
    """Lay out what happened on a day in ``fmt`` (cards, brief or json): events, then Born and Died."""
    from . import plain
    from .view import Page, person_line

    def brief() -> str:
        if view.note:
            env.note(view.note)
        lines = plain.brief(view.shown, fit_width(env))
        lines += "".join(plain.person_brief(p, "birth") + "\n" for p in view.born)
        lines += "".join(plain.person_brief(p, "death") + "\n" for p in view.died)
        return lines or f"Nothing recorded on {view.query.human()}.\n"

    def page() -> Page:
        return Page(_day_heading(view), (view.note,) if view.note else (),
                    groups=tuple((g.heading, _cards(g.events, env, table)) for g in view.groups),
                    people=(("Born", tuple(person_line(p, "birth") for p in view.born)),
                            ("Died", tuple(person_line(p, "death") for p in view.died))))

    emit(env, fmt, lambda: _day_json(view), brief, page)


def _names(countries, years: bool = False) -> str:
    """'China and Soviet Union'; with ``years``, each state's own years: 'Soviet Union (1922–1991)'."""
    def named(c) -> str:
        if not years or (c.start is None and c.end is None):
            return c.name
        from ..dates import HDate

        first = HDate(c.start).year_text() if c.start is not None else ""
        return f"{c.name} ({first}–{HDate(c.end).year_text() if c.end is not None else ''})"

    names = [named(c) for c in countries]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def timeline(env: Env, view: TimelineView, fmt: str, table, chart: bool = True) -> None:
    from ..text import plural
    from . import plain
    from .view import Page

    none = ("No events in the corpus involve " + ("both." if len(view.countries) == 2 else
            f"{view.a.name}." if len(view.countries) == 1 else "all of them."))

    def page() -> Page:
        header = [f"{_names(view.countries, years=fmt == 'html')}: {plural(len(view.events), 'event')}"
                  + (f", {view.events[0].date.year_text()} to {view.events[-1].date.year_text()}"
                     if view.events else "")]
        for asked, matched in zip(view.countries, view.matched):
            others = [c.name for c in matched if c.code != asked.code]
            if others:
                header.append(f"{asked.name} includes {', '.join(others)}"
                              + ("" if view.strict else " (use --strict for one state only)"))
        if not view.events:
            header.append(none)
        strip = plain.density(view.density(), read_width(env), unicode=env.color or env.isatty) if chart else []
        return Page(header[0], tuple(header[1:]), kind="timeline", strip=tuple(strip),
                    decades=tuple((label, _cards(evs, env, table)) for label, evs in view.decades()),
                    counts=tuple(view.density()) if chart else ())

    emit(env, fmt, lambda: [e.to_dict() for e in view.events],
         lambda: plain.brief(view.events, fit_width(env)) or none + "\n", page,
         title=f"{_names(view.countries)}: a timeline")


def events(env: Env, evs: list, fmt: str, table, heading: str | None, people=()) -> None:
    """A plain list of events (search, random) in ``fmt``; people who match are listed after them."""
    from ..text import clean
    from . import plain
    from .view import Page, life_line

    heading = clean(heading, one_line=True) if heading else ""

    def data():
        if people:
            return [{"kind": "event", **e.to_dict()} for e in evs] + [{"kind": "person", **p.to_dict()} for p in people]
        return [e.to_dict() for e in evs]

    rows = tuple(life_line(p) for p in people)

    def brief() -> str:
        top = heading + "\n" if heading and env.isatty else ""
        extra = "".join(f"{r.year}  {r.text}\n" for r in rows)
        return (top + plain.brief(evs, fit_width(env)) + extra) if evs or people else "No events.\n"

    emit(env, fmt, data, brief,
         lambda: Page(heading, groups=((None, _cards(evs, env, table)),), people=(("People", rows),)))


def person(env: Env, view, fmt: str, table) -> None:
    """One person: who, born, died (or living) and age, then the events that name them."""
    from . import plain
    from .view import Page

    p = view.person

    def data() -> dict:
        return {**p.to_dict(), "age": p.age(env.today), "living": p.died is None,
                "events": [e.to_dict() for e in view.events]}

    def brief() -> str:
        return (plain.person_brief(p, "birth") + "\n" + (plain.person_brief(p, "death") + "\n" if p.died else "")
                + plain.brief(view.events))

    def page() -> Page:
        head = plain.person_head(p, env.today, table, len(view.events))
        return Page(head[0], tuple(head[1:]), groups=((None, _cards(view.events, env, table)),))

    emit(env, fmt, data, brief, page)


def day_range(env: Env, view, fmt: str, table) -> None:
    """Several days: JSON one array of every day's entries, brief lines, HTML one document with a
    section a day; cards day by day, each headed (an empty day in one line)."""
    if fmt == "cards":
        for d in view.days:
            if not d.events and not d.born and not d.died:
                write(env, f"On {d.query.human()}: nothing recorded\n\n")
                continue
            day(env, d, fmt, table)
            write(env, "\n")
        return
    from . import jsonout, plain
    from .view import Page, person_line

    days = view.days

    def page() -> Page:
        heading = f"{days[0].query.human()} to {days[-1].query.human()}" if len(days) > 1 else days[0].query.human()
        return Page(heading, groups=tuple((f"On {d.query.human()}", _cards(d.events, env, table)) for d in days),
                    people=(("Born", tuple(person_line(p, "birth") for d in days for p in d.born)),
                            ("Died", tuple(person_line(p, "death") for d in days for p in d.died))))

    emit(env, fmt,
         lambda: jsonout.day([e for d in days for e in d.events], [p for d in days for p in d.born],
                             [p for d in days for p in d.died]),
         lambda: "".join(plain.brief(d.events, fit_width(env)) for d in days) or "Nothing recorded on these days.\n",
         page)


def period(env: Env, view, fmt: str, table) -> None:
    """A year or a month: brief lines by default, cards on request, JSON as one array of events."""
    from ..text import plural
    from . import jsonout, plain
    from .view import Page

    heading = f"{view.query.human()}: " + (plural(len(view.events), "event") if view.events else "nothing recorded")
    vague = sum(1 for e in view.events if e.date.day is None)
    if vague:
        heading += f" ({vague} known only to the {'year' if view.query.month is None else 'month or year'})"
    emit(env, fmt, lambda: jsonout.day(view.events, [], []),
         lambda: heading + "\n" + ("\n" + plain.brief(view.events, fit_width(env)) if view.events else ""),
         lambda: Page(heading, groups=((None, _cards(view.events, env, table)),)))


def stats(env: Env, data: dict, fmt: str) -> None:
    """``almanac stats``: a summary (the ``cards`` format, as text on every terminal) or JSON."""
    from .summary import text

    emit(env, {"cards": "brief"}.get(fmt, fmt), lambda: data, lambda: text(data), None)  # a summary is one text


def export_html(evs, people, table, today) -> str:
    """An export as one HTML document: the events' cards in date order, then the people."""
    from ..text import plural
    from . import html
    from .view import Page, card, life_line

    rows = tuple(life_line(p) for p in people or ())
    heading = f"almanac: {plural(len(evs), 'event')}"
    heading += f" and {plural(len(rows), 'person', 'people')}" if rows else ""
    return html.page(Page(heading, groups=((None, tuple(card(e, today, table) for e in evs)),),
                          people=(("People", rows),)), heading)


def countries(env: Env, rows: list[dict], fmt: str, pairs: bool) -> None:
    """``almanac countries``: a table of countries (or of pairs) or JSON."""
    from .tables import countries_text, pairs_text

    emit(env, fmt, lambda: rows, lambda: pairs_text(rows) if pairs else countries_text(rows), None)
