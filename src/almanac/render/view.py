"""The neutral view of an event that every text renderer lays out. Built once, cleaned once."""

from __future__ import annotations

import datetime as _dt

from ..countries import CountryTable
from ..dates import ago
from ..model import Event, Person
from ..record import record
from ..sources import cite
from ..text import clean


@record(frozen=True)
class Card:
    when: str  # '15 May 1989 – 18 May 1989'
    date: str  # ISO 8601 for machines ('1989-05-15', '-0044-03-15'): <time datetime>, the timeline's axis
    end: str | None
    ago: str  # '37 years ago'
    title: str
    countries: str  # 'China, Soviet Union'
    summary: str
    sections: tuple[tuple[str, str], ...]
    fun_fact: str | None
    reading: tuple[str, ...]
    sources: tuple[str, ...]


@record(frozen=True)
class Page:
    """What a command shows as cards, whatever draws it (colour cards, plain text, HTML).

    A heading and the lines under it; groups of full cards (a day, a search); or, for a timeline, the
    density strip and the cards by decade, drawn compactly; then the lists of people (Born, Died).
    """

    heading: str
    notes: tuple[str, ...] = ()
    kind: str = "cards"  # or "timeline"
    groups: tuple[tuple[str | None, tuple[Card, ...]], ...] = ()
    people: tuple[tuple[str, tuple[PersonLine, ...]], ...] = ()
    decades: tuple[tuple[str, tuple[Card, ...]], ...] = ()
    strip: tuple[str, ...] = ()
    counts: tuple[tuple[int, int], ...] = ()  # (first year of a decade, events): the HTML density strip


@record(frozen=True)
class PersonLine:
    year: str  # '1931', '44 BC'
    text: str  # 'Mikhail Gorbachev, last leader of the Soviet Union (aged 91)'
    date: str = ""  # the ISO date the line is about, when it names one day ('1931-03-02')


def person_line(p: Person, kind: str) -> PersonLine:
    """One line of a day's Born or Died list: the year, the name, who they were, the age at death."""
    date = p.born if kind == "birth" else p.died
    text = f"{p.name}, {p.description}"
    if kind == "death" and (age := p.age()) is not None:
        text += f" (aged {age})"
    julian = p.born_julian if kind == "birth" else p.died_julian
    if julian is not None:
        text += f" [{julian.human()} Old Style]"
    return PersonLine(date.year_text(), clean(text, one_line=True), date.iso())


def life_line(p: Person) -> PersonLine:
    """A person in a list of people found (search, export): the years of their life, who they were."""
    span = f"{p.born.year_text()}–{p.died.year_text() if p.died else ''}"
    return PersonLine(span, clean(f"{p.name}, {p.description}", one_line=True))


def when(event: Event) -> str:
    if event.end and event.end != event.date:
        return f"{event.date.human()} – {event.end.human()}"
    return event.date.human()


def card(event: Event, today: _dt.date, table: CountryTable) -> Card:
    return Card(
        when=when(event),
        date=event.date.iso(),
        end=event.end.iso() if event.end and event.end != event.date else None,
        ago=ago(event.date, today),
        title=clean(event.title, one_line=True),
        countries=clean(", ".join(table.name(c) for c in event.countries), one_line=True),
        summary=clean(event.summary),
        sections=tuple((clean(s.heading, one_line=True), clean(s.body)) for s in event.sections),
        fun_fact=clean(event.fun_fact) if event.fun_fact else None,
        reading=tuple(clean(r, one_line=True) for r in event.reading),
        sources=tuple(clean(cite(s), one_line=True) for s in event.sources),
    )
