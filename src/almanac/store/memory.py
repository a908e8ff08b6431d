"""The store of parsed files: every event and person in memory, straight from the corpus files.

Used when no index can be kept (an unwritable cache folder) and as the reference the index is tested
against: both answer every question of ``Store`` the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..countries import CountryTable
from ..model import Event, Person
from ..text import fold, tokenize


def _touches(event: Event, codes_a: set[str], codes_b: set[str]) -> bool:
    cs = set(event.countries)
    return bool(cs & codes_a) and bool(cs & codes_b)


class MemoryStore:
    """Events held in memory, straight from the corpus files."""

    def __init__(self, events: Iterable[Event], countries: CountryTable, people: Iterable[Person] = ()):
        self._events = sorted(events, key=Event.sort_key)
        self._people = sorted(people, key=Person.sort_key)
        self.countries = countries
        self.warnings: list[str] = []
        self.problems: list[dict] = []
        self.slow_reason: str | None = None  # why this run reads the files instead of an index

    def all_people(self) -> list[Person]:
        return list(self._people)

    def search_people(self, words: list[str]) -> list[Person]:
        wanted = [fold(w) for w in words]
        return [p for p in self._people
                if all(any(t.startswith(w) for t in tokenize(" ".join((*p.names(), p.description)))) for w in wanted)]

    def born_on(self, month: int, day: int) -> list[Person]:
        return [p for p in self._people if p.born.year is not None and (p.born.month, p.born.day) == (month, day)]

    def died_on(self, month: int, day: int) -> list[Person]:
        out = [p for p in self._people
               if p.died and p.died.year is not None and (p.died.month, p.died.day) == (month, day)]
        return sorted(out, key=lambda p: (p.died.sort_key(), p.id))

    def all_events(self) -> list[Event]:
        return list(self._events)

    def events_on(self, month: int, day: int) -> list[Event]:
        return [e for e in self._events if e.date.month == month and e.date.day == day]

    def events_between(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> list[Event]:
        a, b = set(codes_a), set(codes_b)
        return [e for e in self._events if _touches(e, a, b)]

    def events_with(self, codes: Iterable[str]) -> list[Event]:
        wanted = set(codes)
        return [e for e in self._events if wanted & set(e.countries)]

    def search(self, words: list[str]) -> list[tuple[Event, float]]:
        return search_events(self._events, words)

    def search_top(self, words: list[str], limit: int,
                   by_date: bool = False) -> tuple[int, list[tuple[Event, float]], bool]:
        hits = search_events(self._events, words)  # every match is scored here anyway: always ranked
        hits.sort(key=(lambda h: h[0].sort_key()) if by_date else (lambda h: (-h[1], h[0].sort_key())))
        return len(hits), hits[:limit], True

    def event_days(self) -> set[tuple[int, int]]:
        return {(e.date.month, e.date.day) for e in self._events if e.date.day}


def search_events(events: Iterable[Event], words: list[str]) -> list[tuple[Event, float]]:
    """Events matching every word as a prefix of a word in title, summary, people or tags.

    The score counts matches, title matches weighing most; the index ranks with FTS5's bm25 instead,
    so the two agree on which events match, not on the exact order.
    """
    wanted = [fold(w) for w in words]
    out = []
    for e in events:
        fields = [(4.0, e.title), (1.0, e.summary), (2.0, " ".join(e.people)), (2.0, " ".join(e.tags))]
        tokens = [(weight, tokenize(text)) for weight, text in fields]
        score = 0.0
        for w in wanted:
            hits = sum(weight * sum(t.startswith(w) for t in toks) for weight, toks in tokens)
            if not hits:
                break
            score += hits
        else:
            out.append((e, score))
    return out
