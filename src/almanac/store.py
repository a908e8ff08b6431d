"""The event store the queries read: the SQLite index when it can be used, the parsed files otherwise.

Both answer the same questions the same way; the tests hold them to that.
"""

from __future__ import annotations

from collections.abc import Iterable

from .countries import CountryTable
from .model import Event


def _touches(event: Event, codes_a: set[str], codes_b: set[str]) -> bool:
    cs = set(event.countries)
    return bool(cs & codes_a) and bool(cs & codes_b)


class MemoryStore:
    """Events held in memory, straight from the corpus files."""

    kind = "memory"

    def __init__(self, events: Iterable[Event], countries: CountryTable, warnings: Iterable[str] = ()):
        self._events = sorted(events, key=Event.sort_key)
        self.countries = countries
        self.warnings = list(warnings)

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

    def event_days(self) -> set[tuple[int, int]]:
        return {(e.date.month, e.date.day) for e in self._events if e.date.day}

    def close(self) -> None:
        pass
