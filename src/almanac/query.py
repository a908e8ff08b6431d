"""The library API the CLI and the greeting call. Functions return data; they never print."""

from __future__ import annotations

import datetime as _dt
from collections import Counter

from .dates import MONTHS, DayQuery, PeriodQuery, days_in_month, is_leap
from .errors import UsageError
from .model import Country, Event, Person
from .record import field
from .record import record as dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every login

if TYPE_CHECKING:
    from .store.base import Store

KINDS = ("all", "events", "births", "deaths")

# The 366 calendar days in order, 29 February included: the ring the nearest-day search walks.
CALENDAR_DAYS = [(m, d) for m in range(1, 13) for d in range(1, days_in_month(m) + 1)]


def day_name(month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]}"


@dataclass
class Group:
    """Events under one heading; the heading is None for the day that was asked for."""

    heading: str | None
    events: list[Event]
    nearest: bool = False  # a stand-in day shown because the asked-for day has nothing


@dataclass
class DayView:
    query: DayQuery
    groups: list[Group] = field(default_factory=list)
    note: str | None = None  # said when the day itself has nothing
    born: list[Person] = field(default_factory=list)
    died: list[Person] = field(default_factory=list)
    kind: str = "all"

    @property
    def exact_count(self) -> int:
        """Events of the exact date asked for (0 without a year)."""
        y = self.query.year
        return 0 if y is None else sum(1 for e in self.events if e.date.year == y)

    @property
    def events(self) -> list[Event]:
        """The events of the day asked for (JSON output): stand-in days are left out."""
        return [e for g in self.groups if not g.nearest for e in g.events]

    @property
    def shown(self) -> list[Event]:
        """Everything a person sees, stand-in days included."""
        return [e for g in self.groups for e in g.events]


def _order_for(query: DayQuery, events: list[Event]) -> list[Event]:
    """Events of the exact date first when a year was given, then the other years in order."""
    if query.year is None:
        return events
    exact = [e for e in events if e.date.year == query.year]  # day-only events are never exact
    return exact + [e for e in events if e.date.year != query.year]


def nearest_days(store: Store, month: int, day: int) -> list[tuple[int, int]]:
    """The closest calendar days (either side, ties both) that have events; [] for an empty corpus."""
    have = store.event_days()
    if not have:
        return []
    i = CALENDAR_DAYS.index((month, day))
    n = len(CALENDAR_DAYS)
    for dist in range(1, n // 2 + 1):
        hits = [CALENDAR_DAYS[(i + s * dist) % n] for s in (-1, 1)]
        found = [h for h in dict.fromkeys(hits) if h in have]
        if found:
            return found
    return []


def _people_first(query: DayQuery, people: list[Person], attr: str) -> list[Person]:
    """Those whose birth (or death) fell in the year asked for first, then the rest in order."""
    if query.year is None:
        return people
    exact = [p for p in people if getattr(p, attr).year == query.year]
    return exact + [p for p in people if getattr(p, attr).year != query.year]


def on_day(store: Store, query: DayQuery, also_leap_day: bool = False, kind: str = "all",
           nearest: bool = True) -> DayView:
    """What happened on ``query``'s day of the year; with nothing, the nearest days that have events.

    ``kind`` (all, events, births, deaths) picks what the view holds: events, people born, people died.
    """
    if kind not in KINDS:
        raise UsageError(f"--kind takes {', '.join(KINDS)}, not '{kind}'")
    view = DayView(query, kind=kind)
    if kind in ("all", "births"):
        view.born = _people_first(query, store.born_on(query.month, query.day), "born")
    if kind in ("all", "deaths"):
        view.died = _people_first(query, store.died_on(query.month, query.day), "died")
    if kind in ("births", "deaths"):
        return view
    events = _order_for(query, store.events_on(query.month, query.day))
    view.groups.append(Group(None, events))
    if also_leap_day:
        leap = store.events_on(2, 29)
        if leap:
            view.groups.append(Group("Also on 29 February, which this year does not have", leap))
    if nearest and not any(g.events for g in view.groups):
        near = nearest_days(store, query.month, query.day)
        where = " and ".join(day_name(m, d) for m, d in near)
        view.note = f"Nothing recorded on {day_name(query.month, query.day)}" + (
            f"; the nearest day with events is {where}" if len(near) == 1 else
            f"; the nearest days with events are {where}" if near else ".")
        for m, d in near:
            view.groups.append(Group(f"On {day_name(m, d)}", store.events_on(m, d), nearest=True))
    return view


def today(store: Store, date: _dt.date, kind: str = "all") -> DayView:
    """``on_day`` for the local date; on 28 February of a common year, 29 February too."""
    query = DayQuery(date.month, date.day, None)
    leap_gap = date.month == 2 and date.day == 28 and not is_leap(date.year)
    return on_day(store, query, also_leap_day=leap_gap, kind=kind)


@dataclass
class PersonView:
    person: Person
    events: list[Event]


def find_people(store: Store, name: str) -> list[Person]:
    """People whose name or alias contains every word of ``name`` (case and accents ignored)."""
    from .text import fold, tokenize

    words = tokenize(name)
    if not words:
        raise UsageError("no name given: try a surname, e.g. almanac person gorbachev")
    people = store.all_people()
    exact = [p for p in people if any(fold(n) == fold(name.strip()) for n in p.names())]
    if exact:
        return exact
    out = []
    for p in people:
        for n in p.names():
            tokens = tokenize(n)
            if all(any(t.startswith(w) for t in tokens) for w in words):
                out.append(p)
                break
    return out


def person(store: Store, name: str) -> PersonView:
    """One person and every event whose ``people`` names them, in date order; several matches: UsageError."""
    from .text import shorten

    found = find_people(store, name)
    if not found:
        raise UsageError(f"no person in the corpus matches '{shorten(name)}' ('almanac search' looks in events)")
    if len(found) > 1:
        listed = "; ".join(f"{p.name} ({p.born.year_text()})" for p in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise UsageError(f"'{shorten(name)}' matches {len(found)} people: {listed}{more}; give more of the name")
    p = found[0]
    names = set(p.names())
    events = [e for e in store.all_events() if names & set(e.people)]
    return PersonView(p, events)


@dataclass
class TimelineView:
    countries: list[Country]  # as asked, in order
    matched: list[list[Country]]  # each with the states of its line that were included
    events: list[Event]
    strict: bool = False

    @property
    def a(self) -> Country:
        return self.countries[0]

    @property
    def b(self) -> Country | None:
        return self.countries[1] if len(self.countries) > 1 else None

    def decades(self) -> list[tuple[str, list[Event]]]:
        out: list[tuple[str, list[Event]]] = []
        for e in self.events:
            label = decade_label(e.date.year)
            if not out or out[-1][0] != label:
                out.append((label, []))
            out[-1][1].append(e)
        return out

    def density(self) -> list[tuple[int, int]]:
        """(first year of the decade, number of events) for every decade from the first event to the last."""
        if not self.events:
            return []
        counts = Counter(decade_start(e.date.year) for e in self.events)
        first, last = min(counts), max(counts)
        return [(d, counts.get(d, 0)) for d in range(first, last + 10, 10)]


def decade_start(year: int) -> int:
    """The decade a year falls in, on one axis (years BC are negative: 44 BC is in the decade -50)."""
    return (year // 10) * 10


def in_years(event: Event, start: int | None, end: int | None) -> bool:
    """Whether the event's year lies in [start, end]; a day-only event has no year, so no place in time."""
    y = event.date.year
    return y is not None and (start is None or y >= start) and (end is None or y <= end)


def decade_label(year: int) -> str:
    if year < 0:
        start = (-year) // 10 * 10
        return f"{start}s BC" if start else "1–9 BC"
    start = year // 10 * 10
    return f"{start}s" if start else "1–9"


def timeline(store: Store, names: list[str] | str, name_b: str | None = None, start: int | None = None,
             end: int | None = None, strict: bool = False) -> TimelineView:
    """Events involving every named country (and, unless ``strict``, their predecessors and successors).

    One country gives its whole story; two or more, the events they share.
    """
    names = [names] if isinstance(names, str) else list(names)
    if name_b is not None:
        names.append(name_b)
    if not names:
        raise UsageError("name at least one country, e.g. almanac timeline China USSR")
    table = store.countries
    check_years(start, end)
    only = resolve_countries(store, names, strict, start, end)
    countries, families = only.countries, [list(_family(table, c, strict)) for c in only.countries]
    for i, a in enumerate(countries):
        for j, b in enumerate(countries[i + 1:], i + 1):
            if a.code == b.code:
                raise UsageError(f"'{names[i]}' and '{names[j]}' are the same country ({a.name}): "
                                 + ("name two countries" if len(names) == 2 else "name different countries"))
            if a.code in families[j] or b.code in families[i]:
                raise UsageError(f"{a.name} and {b.name} are one line of states (one continues the other); "
                                 "name two different countries, or add --strict")
    if len(countries) > 1:
        # States that share a forebear (India and Pakistan, from British India) are still two countries:
        # the shared forebear belongs to neither side of their story.
        shared = set.intersection(*(set(f) for f in families))
        families = [[c for c in f if c not in shared] for f in families]
    if len(families) == 1:
        events = store.events_with(families[0])
    else:
        events = store.events_between(families[0], families[1])
        rest = [set(f) for f in families[2:]]
        events = [e for e in events if all(r & set(e.countries) for r in rest)]
    events = [e for e in events if in_years(e, start, end)]
    by = table.by_code
    return TimelineView(countries, [[by[c] for c in f] for f in families], events, strict)


def check_years(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}")


def stats(store: Store, country: list[str] | None = None, strict: bool = False) -> dict:
    """Numbers about the corpus (or the part of it that involves ``country``), for ``almanac stats``."""
    only = resolve_countries(store, _names(country), strict)
    events = store.all_events() if only is None else only.events(store.all_events())
    table = store.countries
    days = {(e.date.month, e.date.day) for e in events if e.date.day}
    per_day = Counter((e.date.month, e.date.day) for e in events if e.date.day)
    centuries = Counter(century_label(e.date.year) for e in events if e.date.year is not None)
    countries = Counter(c for e in events for c in set(e.countries))
    people = store.all_people() if only is None else only.people(store.all_people())
    per_day_people = Counter((d.month, d.day) for p in people for d in (p.born, p.died)
                             if d is not None and d.year is not None and d.day)
    counts = sorted(per_day.get(d, 0) for d in CALENDAR_DAYS)
    return {
        "events": len(events),
        "people": len(people),
        "living": sum(1 for p in people if p.died is None),
        "days_with_births_or_deaths": len(per_day_people),
        "events_per_day": {"min": counts[0], "median": counts[len(counts) // 2], "max": counts[-1]},
        "days_covered": len(days),
        "days_in_year": len(CALENDAR_DAYS),
        "days_missing": [f"{m:02d}-{d:02d}" for m, d in CALENDAR_DAYS if (m, d) not in days],
        "days_with_three_or_more": sum(1 for k in per_day.values() if k >= 3),
        "precision": dict(Counter(e.date.precision for e in events)),
        "centuries": dict(sorted(centuries.items(), key=lambda kv: _century_sort(kv[0]))),
        "full_cards": sum(1 for e in events if e.is_full_card),
        "without_source": sorted(e.id for e in events if not e.sources),
        "top_countries": [{"code": c, "name": table.name(c), "events": n} for c, n in countries.most_common(15)],
        "top_pairs": pairs(store, 15, events),
    }


def century_label(year: int) -> str:
    n = (abs(year) - 1) // 100 + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} century" + (" BC" if year < 0 else "")


def _century_sort(label: str) -> int:
    n = int("".join(ch for ch in label.split()[0] if ch.isdigit()))
    return -n if label.endswith("BC") else n


def _names(countries: list[str] | str | None) -> list[str]:
    return [countries] if isinstance(countries, str) else list(countries or [])


def search(store: Store, text: str, country: list[str] | str | None = None, start: int | None = None,
           end: int | None = None, sort: str = "relevance", strict: bool = False) -> list[Event]:
    """Full-text search over titles, summaries, people and tags; every word must match (as a prefix)."""
    return search_page(store, text, country, start, end, sort, strict).events


@dataclass(frozen=True)
class SearchPage:
    """The events a search shows, how many match in all, and whether they were ranked by relevance (a
    search with very many matches is not: its first events in the corpus's order are shown)."""

    events: list[Event]
    total: int
    ranked: bool = True


def search_page(store: Store, text: str, country: list[str] | str | None = None, start: int | None = None,
                end: int | None = None, sort: str = "relevance", strict: bool = False,
                limit: int | None = None) -> SearchPage:
    """``search``'s first ``limit`` events (all for None) and how many match in all.

    Without a country or years to filter by, the store counts the matches and picks the first ones
    itself (in SQL for the index): a word found in a million events costs what fifty cost.
    """
    from .text import WORD, fold

    words = list(dict.fromkeys(WORD.findall(fold(text))))  # a repeated word asks nothing more
    if not words:
        raise UsageError("nothing to search for: give one or more words, e.g. almanac search treaty Nerchinsk")
    if len(words) > 64:
        raise UsageError(f"too many words to search for ({len(words)}): give at most 64")
    check_years(start, end)
    only = resolve_countries(store, _names(country), strict, start, end)
    if limit and only is None and start is None and end is None:
        total, top, ranked = store.search_top(words, limit, by_date=sort == "date")
        return SearchPage([e for e, _ in top], total, ranked or sort == "date")
    hits = [(e, score) for e, score in store.search(words)
            if (only is None or only.keeps(e.countries))
            and (start is None and end is None or in_years(e, start, end))]
    if sort == "date":
        found = [e for e, _ in sorted(hits, key=lambda h: h[0].sort_key())]
    else:
        found = [e for e, _ in sorted(hits, key=lambda h: (-h[1], h[0].sort_key()))]
    return SearchPage(found[:limit] if limit else found, len(found))


def search_people(store: Store, text: str, country: list[str] | str | None = None,
                  strict: bool = False) -> list[Person]:
    """People whose name, aliases or description hold every word (as a word prefix)."""
    from .text import WORD, fold

    words = list(dict.fromkeys(WORD.findall(fold(text))))
    only = resolve_countries(store, _names(country), strict)
    found = store.search_people(words) if words else store.all_people()
    return [p for p in found if only is None or only.keeps(p.countries)]


def random_event(store: Store, seed: int | None = None, country: list[str] | str | None = None,
                 strict: bool = False) -> Event:
    """One event at random; the same seed (and corpus) gives the same event."""
    import random

    events = store.all_events()
    names = _names(country)
    if names:
        events = resolve_countries(store, names, strict).events(events)
        if not events:
            raise UsageError(f"no events involve {' and '.join(names)}")
    if not events:
        raise UsageError("the corpus is empty")
    return random.Random(seed).choice(events)


def countries(store) -> list[dict]:
    """Every known country with its aliases, years, predecessors, successors and number of events."""
    table = store.countries
    counts = Counter(c for e in store.all_events() for c in set(e.countries))
    return [{**c.to_dict(), "successors": table.successors.get(c.code, []), "events": counts.get(c.code, 0)}
            for c in sorted(table, key=lambda c: c.name.lower())]


def pairs(store: Store, limit: int | None = None, events: list[Event] | None = None) -> list[dict]:
    """Pairs of countries by number of shared events."""
    table = store.countries
    events = store.all_events() if events is None else events
    counts = Counter(tuple(sorted((x, y))) for e in events for x in set(e.countries)
                     for y in set(e.countries) if x < y)
    return [{"pair": list(p), "names": [table.name(p[0]), table.name(p[1])], "events": n}
            for p, n in counts.most_common(limit)]


def select(store: Store, country: str | None = None, start: int | None = None, end: int | None = None) -> list[Event]:
    """The events of the corpus, or of one country (with its predecessors and successors), in [start, end]."""
    check_years(start, end)
    if country:
        table = store.countries
        events = store.events_with(table.family(table.resolve(country).code))
    else:
        events = store.all_events()
    if start is None and end is None:
        return events
    return [e for e in events if in_years(e, start, end)]



# ---------------------------------------------------------------------------------------------------------
# Asking the way people ask: one or more countries, ranges of days, a year or a month.


@dataclass
class CountryFilter:
    """Events (and people) that involve every one of the named countries (each with its lineage)."""

    countries: list[Country]
    families: list[set[str]]

    def keeps(self, codes) -> bool:
        cs = set(codes)
        return all(f & cs for f in self.families)

    def events(self, events: list[Event]) -> list[Event]:
        return [e for e in events if self.keeps(e.countries)]

    def select(self, store: Store, start: int | None = None, end: int | None = None) -> list[Event]:
        """The store's events kept by this filter in [start, end], read through the country index
        (the events of the first family only) rather than every event of the corpus."""
        check_years(start, end)
        every = start is None and end is None  # then events without a year are kept too, as select() does
        return [e for e in store.events_with(sorted(self.families[0]))
                if self.keeps(e.countries) and (every or in_years(e, start, end))]

    def people(self, people: list[Person]) -> list[Person]:
        return [p for p in people if self.keeps(p.countries)]


def resolve_countries(store: Store, names: list[str], strict: bool = False, start: int | None = None,
                      end: int | None = None) -> CountryFilter | None:
    """The filter for ``--country`` names; None when none was named. A name shared by several states
    (Korea, Congo) is refused with the candidates unless only one of them has events in the range."""
    if not names:
        return None
    table = store.countries
    countries = []
    for name in names:
        candidates = table.candidates(name)
        if len(candidates) > 1:
            with_events = [c for c in candidates
                           if any(in_years(e, start, end) for e in store.events_with(_family(table, c, strict)))]
            if len(with_events) != 1:
                from .text import shorten

                listed = ", ".join(f"{c.name} ({c.code})" for c in candidates)
                raise UsageError(f"'{shorten(name)}' names several states: {listed}; name one of them")
            candidates = with_events
        countries.append(candidates[0])
    families = [set(_family(table, c, strict)) for c in countries]
    return CountryFilter(countries, families)


def _family(table, country: Country, strict: bool) -> list[str]:
    return [country.code] if strict else table.family(country.code)


def filter_day(view: DayView, only: CountryFilter | None) -> DayView:
    if only is None:
        return view
    view.groups = [Group(g.heading, only.events(g.events), g.nearest) for g in view.groups]
    view.born, view.died = only.people(view.born), only.people(view.died)
    return view


@dataclass
class RangeView:
    """Several days in a row (``--days``, ``--ahead``, ``--behind``, ``almanac week``)."""

    days: list[DayView]

    @property
    def events(self) -> list[Event]:
        return [e for d in self.days for e in d.events]


def day_range(store: Store, first: _dt.date | DayQuery, count: int = 1, behind: int = 0, ahead: int = 0,
              kind: str = "all", only: CountryFilter | None = None, year_known: bool = True) -> RangeView:
    """``count`` days from ``first`` (plus ``behind`` days before and ``ahead`` after), each a DayView.

    A day given without a year is counted in a leap year, so 28 February is followed by 29 February.
    """
    for name, n in (("--days", count), ("--ahead", ahead), ("--behind", behind)):
        if n < (1 if name == "--days" else 0) or n > 366:
            raise UsageError(f"{name} takes a number of days from {1 if name == '--days' else 0} to 366, not {n}")
    if isinstance(first, DayQuery):
        year_known = first.year is not None and first.year > 0
        start = _dt.date(first.year if year_known else 2000, first.month, first.day)
    else:
        start = first
    views = []
    for offset in range(-behind, count + ahead):
        try:
            d = start + _dt.timedelta(days=offset)
        except OverflowError:
            continue
        q = DayQuery(d.month, d.day, d.year if year_known else None)
        view = on_day(store, q, kind=kind, nearest=False)
        views.append(filter_day(view, only))
    return RangeView(views)


@dataclass
class PeriodView:
    """A year or a month: its events in date order (those known only to the year or month included)."""

    query: PeriodQuery
    events: list[Event]


def period(store: Store, q: PeriodQuery, only: CountryFilter | None = None) -> PeriodView:
    events = [e for e in store.all_events() if e.date.year == q.year]
    if q.month is not None:
        events = [e for e in events if e.date.month in (q.month, None)]
    events = sorted(events, key=Event.sort_key)
    return PeriodView(q, only.events(events) if only else events)


def select_people(store: Store, start: int | None = None, end: int | None = None) -> list[Person]:
    """People whose lives overlap [start, end] (all of them without bounds), by date of birth."""
    check_years(start, end)
    out = []
    for p in store.all_people():
        born, died = p.born.year, (p.died.year if p.died else None)
        if end is not None and born is not None and born > end:
            continue
        if start is not None and died is not None and died < start:
            continue
        out.append(p)
    return out
