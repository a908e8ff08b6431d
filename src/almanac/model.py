"""Frozen records the rest of the package passes around. No I/O here."""

from __future__ import annotations

from .dates import HDate
from .record import field
from .record import record as dataclass

# The corpus format's fields, in the order JSON output and exports use. JSON output is a contract:
# tests pin this key set.
EVENT_FIELDS = ("id", "date", "end", "title", "summary", "countries", "people", "tags", "sources",
                "fun_fact", "reading", "sections")
LIST_FIELDS = ("countries", "people", "tags", "sources", "reading")


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class Event:
    id: str
    date: HDate
    title: str
    summary: str
    countries: tuple[str, ...]
    end: HDate | None = None
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    fun_fact: str | None = None
    reading: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    origin: str = field(default="", compare=False)

    @property
    def is_full_card(self) -> bool:
        return bool(self.sections or self.fun_fact or self.reading)

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.sort_key(), self.id)

    def to_dict(self) -> dict:
        """The event in the corpus format: every field present, absent ones as null or []."""
        return {
            "id": self.id,
            "date": self.date.iso(),
            "end": self.end.iso() if self.end else None,
            "title": self.title,
            "summary": self.summary,
            "countries": list(self.countries),
            "people": list(self.people),
            "tags": list(self.tags),
            "sources": list(self.sources),
            "fun_fact": self.fun_fact,
            "reading": list(self.reading),
            "sections": [{"heading": s.heading, "body": s.body} for s in self.sections],
        }

    @classmethod
    def from_dict(cls, raw: dict, origin: str = "", date: HDate | None = None) -> Event:
        """Build from a validated corpus mapping (see ``validate.check_event``); ``date`` if already parsed."""
        return cls(
            id=raw["id"],
            date=date or HDate.parse(raw["date"]),
            end=HDate.parse(raw["end"]) if raw.get("end") else None,
            title=raw["title"],
            summary=raw["summary"],
            countries=tuple(raw["countries"]),
            people=tuple(raw.get("people") or ()),
            tags=tuple(raw.get("tags") or ()),
            sources=tuple(raw.get("sources") or ()),
            fun_fact=raw.get("fun_fact") or None,
            reading=tuple(raw.get("reading") or ()),
            sections=tuple(Section(s["heading"], s["body"]) for s in raw.get("sections") or ()),
            origin=origin,
        )


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    predecessors: tuple[str, ...] = ()
    since: str | None = None  # the first day of the state, "YYYY-MM-DD", where the day matters
    until: str | None = None  # its last day

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "aliases": list(self.aliases), "start": self.start,
                "end": self.end, "predecessors": list(self.predecessors), "since": self.since,
                "until": self.until}

    def existed(self, date: HDate) -> bool:
        """Whether the state existed at ``date`` (to the precision the date has); day-only dates pass."""
        if date.year is None:
            return True
        if (self.start is not None and date.year < self.start) or (self.end is not None and date.year > self.end):
            return False
        if date.day is None:
            return True
        key = date.sort_key()
        return not ((self.since and key < HDate.parse(self.since).sort_key())
                    or (self.until and key > HDate.parse(self.until).sort_key()))


PERSON_FIELDS = ("id", "name", "aliases", "born", "died", "born_julian", "died_julian", "description",
                 "countries", "tags", "sources")
PERSON_LIST_FIELDS = ("aliases", "countries", "tags", "sources")


@dataclass(frozen=True)
class Person:
    """Someone born or dead on a day of the corpus: ``[[person]]`` tables beside the events."""

    id: str
    name: str
    born: HDate
    description: str
    countries: tuple[str, ...]
    died: HDate | None = None
    aliases: tuple[str, ...] = ()
    born_julian: HDate | None = None  # the Old Style date, for births where the Julian calendar held
    died_julian: HDate | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    origin: str = field(default="", compare=False)

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.born.sort_key(), self.id)

    def age(self, today=None) -> int | None:
        """Age at death (or today, for the living; None when a date is too vague to tell)."""
        from .dates import years_between

        end = self.died
        if end is None:
            if today is None:
                return None
            end = HDate(today.year, today.month, today.day)
        b = self.born
        if b.year is None or end.year is None:
            return None
        years = years_between(b.year, end.year)
        if b.month and end.month and b.day and end.day:
            return years - (1 if (end.month, end.day) < (b.month, b.day) else 0)
        if b.month and end.month and b.month != end.month:
            return years - (1 if end.month < b.month else 0)
        return None if years > 0 and not (b.month and end.month) else years

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "aliases": list(self.aliases),
            "born": self.born.iso(), "died": self.died.iso() if self.died else None,
            "born_julian": self.born_julian.iso() if self.born_julian else None,
            "died_julian": self.died_julian.iso() if self.died_julian else None,
            "description": self.description, "countries": list(self.countries), "tags": list(self.tags),
            "sources": list(self.sources),
        }

    @classmethod
    def from_dict(cls, raw: dict, origin: str = "") -> Person:
        def date(key):
            return HDate.parse(raw[key]) if raw.get(key) else None

        return cls(id=raw["id"], name=raw["name"], born=HDate.parse(raw["born"]), died=date("died"),
                   description=raw["description"], countries=tuple(raw["countries"]),
                   aliases=tuple(raw.get("aliases") or ()), born_julian=date("born_julian"),
                   died_julian=date("died_julian"), tags=tuple(raw.get("tags") or ()),
                   sources=tuple(raw.get("sources") or ()), origin=origin)
