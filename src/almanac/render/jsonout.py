"""JSON output: the corpus format's fields, every key always present (a contract; tests pin the keys)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Event, Person


def person_entry(p: Person, kind: str) -> dict:
    """A person in a day's JSON: ``kind`` is birth or death, ``date`` the day it names."""
    date = p.born if kind == "birth" else p.died
    return {"kind": kind, "date": date.iso(), **p.to_dict(), "age": p.age()}


def day(evs: Iterable[Event], born: Iterable[Person], died: Iterable[Person]) -> list[dict]:
    """A day's entries: its events (every event field, plus ``kind``), then births and deaths."""
    out = [{"kind": "event", **e.to_dict()} for e in evs]
    out += [person_entry(p, "birth") for p in born]
    out += [person_entry(p, "death") for p in died]
    return out
