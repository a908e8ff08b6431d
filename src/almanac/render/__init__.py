"""Renderers: a neutral view (``view.py``) laid out as cards (Rich), plain text, brief lines or JSON.

Only ``cards.py`` imports Rich, and only when a card is drawn on a colour terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package stays light: render.safe is imported by the greeting and by validate
    from ..query import DayView, TimelineView
    from ..terminal import Env


def write(env: Env, text: str) -> None:
    env.stdout.write(text)
    env.stdout.flush()


def day(env: Env, view: DayView, fmt: str, table) -> None:
    """Lay out what happened on a day in ``fmt`` (cards, brief or json)."""
    if fmt == "json":
        from . import jsonout

        return write(env, jsonout.events(view.events) + "\n")
    from . import plain
    from .view import card

    if fmt == "brief":
        if view.note:
            env.stderr.write(view.note + "\n")
        return write(env, plain.brief(view.shown))
    groups = [(g.heading, [card(e, env.today, table) for e in g.events]) for g in view.groups]
    count = len(view.groups[0].events)
    heading = f"On {view.query.human()}: " + (f"{count} event{'s' if count != 1 else ''} in history"
                                                if count else "nothing recorded")
    if env.color:
        from . import cards  # lazy: Rich is imported only to draw cards on a colour terminal

        return cards.day(env, heading, view.note, groups)
    write(env, plain.cards(groups, env.width, heading, view.note))


def timeline(env: Env, view: TimelineView, fmt: str, table) -> None:
    if fmt == "json":
        from . import jsonout

        return write(env, jsonout.events(view.events) + "\n")
    from . import plain
    from .view import card

    if fmt == "brief":
        return write(env, plain.brief(view.events))
    header = [f"{view.a.name} and {view.b.name}: {len(view.events)} event{'s' if len(view.events) != 1 else ''}"
              + (f", {view.events[0].date.year_text()} to {view.events[-1].date.year_text()}" if view.events else "")]
    for asked, matched in ((view.a, view.matched_a), (view.b, view.matched_b)):
        others = [c.name for c in matched if c.code != asked.code]
        if others:
            header.append(f"{asked.name} includes {', '.join(others)}" + ("" if view.strict else
                                                                         " (use --strict for one state only)"))
    if not view.events:
        header.append("No events in the corpus involve both.")
    decades = [(label, [card(e, env.today, table) for e in evs]) for label, evs in view.decades()]
    if env.color:
        from . import cards

        return cards.timeline(env, header, decades)
    write(env, plain.timeline(header, decades, env.width))


def events(env: Env, evs: list, fmt: str, table, heading: str | None) -> None:
    """A plain list of events (search, random) in ``fmt``."""
    from . import jsonout, plain
    from .view import card

    if fmt == "json":
        return write(env, jsonout.events(evs) + "\n")
    if fmt == "brief":
        return write(env, plain.brief(evs))
    cards_ = [card(e, env.today, table) for e in evs]
    if env.color:
        from . import cards

        return cards.day(env, heading or "", None, [(None, cards_)])
    text = plain.cards([(None, cards_)], env.width, heading or "", None)
    write(env, text if heading else text.lstrip("\n"))
