"""The bundled corpus: coverage computed from the data, never typed into the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from almanac import query
from almanac.corpus import Source, load, load_countries, resources
from almanac.query import CALENDAR_DAYS
from almanac.store.memory import MemoryStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def loaded():
    return load([Source(p, "bundled") for p in resources.bundled_files()], load_countries())


@pytest.fixture(scope="module")
def store(loaded):
    return MemoryStore(loaded.events, load_countries(), people=loaded.people)


def known_to_the_day(store) -> list[int]:
    """Events known to the day, for each of the 366 days."""
    return [len(store.events_on(m, d)) for m, d in CALENDAR_DAYS]


def test_bundled_corpus_passes_strict_check(loaded):
    """No problem at all, even under --strict: sorted, sourced, complete cards, known codes, unique ids."""
    assert [str(p) for p in loaded.errors(strict=True)] == []


def test_every_day_of_the_year_has_an_event(store):
    """All 366 days, 29 February included, have at least one event known to the day."""
    have = store.event_days()
    assert [f"{m:02d}-{d:02d}" for m, d in CALENDAR_DAYS if (m, d) not in have] == []


def test_size_and_depth(store):
    """At least 3,300 events; every day six or more known to the day, the median day nine or more."""
    events = store.all_events()
    assert len(events) >= 3300
    per_day = sorted(known_to_the_day(store))
    thin = [f"{m:02d}-{d:02d}" for (m, d), n in zip(CALENDAR_DAYS, known_to_the_day(store)) if n < 6]
    assert thin == []
    assert per_day[len(per_day) // 2] >= 9


def test_thin_eras_are_filled(store):
    """At least 250 events before 1500 and 200 from 2000 on."""
    years = [e.date.year for e in store.all_events() if e.date.year is not None]
    assert sum(y < 1500 for y in years) >= 250
    assert sum(y >= 2000 for y in years) >= 200


def test_full_cards_are_many_and_spread_over_the_year(store):
    """At least 150 full cards, and most weeks of the year have one."""
    cards = [e for e in store.all_events() if e.is_full_card and e.date.day]
    assert len(cards) >= 150
    weeks = {(CALENDAR_DAYS.index((e.date.month, e.date.day))) // 7 for e in cards}
    assert len(weeks) > 53 / 2


def test_stats_reports_the_per_day_minimum_and_median(store):
    per_day = sorted(known_to_the_day(store))
    s = query.stats(store)
    assert s["events_per_day"]["min"] == per_day[0]
    assert s["events_per_day"]["median"] == per_day[len(per_day) // 2]


def test_every_event_is_sourced_and_ids_unique(store):
    """Every event names a source; no id twice."""
    events = store.all_events()
    assert [e.id for e in events if not e.sources] == []
    assert len({e.id for e in events}) == len(events)


def readme_pairs():
    section = Path(ROOT / "README.md").read_text(encoding="utf-8").split("## Country pairs", 1)[1]
    return re.findall(r"^\| `(.+?)` \| `(.+?)` \|", section, re.M)


def test_readme_promises_fifteen_pairs():
    """The README lists the country pairs whose timelines it promises."""
    assert len(readme_pairs()) >= 15


@pytest.mark.parametrize("a, b", readme_pairs())
def test_promised_pairs_have_twenty_events(store, a, b):
    """Each promised pair's timeline has at least 20 events."""
    assert len(query.timeline(store, a, b).events) >= 20


def _listing(store, side_a: set[str], side_b: set[str], start=None, end=None) -> int:
    return sum(1 for e in store.all_events() if side_a & set(e.countries) and side_b & set(e.countries)
               and (start is None or e.date.year >= start) and (end is None or e.date.year <= end))


def test_the_seeds_pairs_are_told_in_full(store):
    """China (ROC, PRC) and Soviet Russia/USSR: 60+ events 1917–1991; Japan and Soviet Russia/USSR: 30+;
    the USA and the USSR: 60+ (events that list both states of the time)."""
    assert _listing(store, {"XC", "CN"}, {"QS", "SU"}, 1917, 1991) >= 60
    assert _listing(store, {"JP"}, {"QS", "SU"}) >= 30
    assert _listing(store, {"US"}, {"SU"}) >= 60
    # Before and after: the empires and the Russian Federation continue the story.
    assert _listing(store, {"XQ"}, {"XR"}) >= 8 and _listing(store, {"CN"}, {"RU"}) >= 5
    assert _listing(store, {"JP"}, {"XR"}) >= 5 and _listing(store, {"JP"}, {"RU"}) >= 3


def test_sixty_pairs_have_twenty_shared_events(store):
    pairs = query.pairs(store)
    assert sum(1 for p in pairs if p["events"] >= 20) >= 60


def test_seed_subjects_are_full_cards(store):
    """The 1989 summit and the 1925 Japan–Soviet convention are full cards, with reputable sources."""
    from almanac.sources import is_reputable

    summit = [e for e in store.events_on(5, 15) if e.date.year == 1989 and "SU" in e.countries]
    convention = [e for e in store.events_on(1, 20) if e.date.year == 1925 and "JP" in e.countries]
    for found in (summit, convention):
        assert found and found[0].is_full_card and any(is_reputable(s) for s in found[0].sources)


def test_every_seed_has_a_fact_sheet_naming_real_events(store):
    """Each seed has a fact sheet in seeds/ whose listed event ids are all in the corpus."""
    ids = {e.id for e in store.all_events()}
    for seed in ("000", "001", "002"):
        sheet = (ROOT / "seeds" / f"{seed}.md").read_text(encoding="utf-8")
        named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+-\d{3,4}(?:bc)?)`", sheet))
        assert named and named <= ids, sorted(named - ids)


def test_sources_are_references_a_reader_can_trust(store):
    """95%+ of entries name a reputable reference; URLs are whole."""
    from almanac.sources import is_reputable

    entries = [*store.all_events(), *store.all_people()]
    reputable = sum(1 for x in entries if any(is_reputable(s) for s in x.sources))
    assert reputable >= 0.95 * len(entries)
    assert [x.id for x in entries if any("…" in s or s.endswith("...") for s in x.sources)] == []


def test_no_entry_rests_on_aggregators_alone(store):
    """No entry rests on aggregator or mirror pages alone; no internal ids."""
    from almanac.sources import is_aggregator

    entries = [*store.all_events(), *store.all_people()]
    assert [x.id for x in entries if all(is_aggregator(s) for s in x.sources)] == []
    assert [x.id for x in entries if any(s.startswith("seed:") for s in x.sources)] == []
    assert [x.id for x in entries if any("…" in s or s.endswith("...") for s in x.sources)] == []


def test_people_cover_every_day(store):
    """900+ people; every day of the year has at least two births or deaths."""
    people = store.all_people()
    assert len(people) >= 900
    thin = [f"{m:02d}-{d:02d}" for m, d in CALENDAR_DAYS
            if len(store.born_on(m, d)) + len(store.died_on(m, d)) < 2]
    assert thin == []


def test_people_and_events_spell_names_alike(store):
    """Everyone in the seeds' story has an entry, and events name them as the entry does."""
    names = {n for p in store.all_people() for n in p.names()}
    for name in ("Mikhail Gorbachev", "Deng Xiaoping", "Joseph Stalin", "Vladimir Lenin", "Mao Zedong",
                 "Nikita Khrushchev", "Zhou Enlai", "Chiang Kai-shek", "Sun Yat-sen", "Leonid Brezhnev"):
        assert name in names
        assert query.person(store, name).events, name


def test_events_name_people_as_their_entries_do(store):
    """An event that names someone with an entry uses the entry's name, not one of its aliases."""
    people = store.all_people()
    canonical = {p.name for p in people}
    owners: dict[str, set[str]] = {}
    for p in people:
        for alias in p.aliases:
            owners.setdefault(alias, set()).add(p.name)
    spelled_otherwise = sorted({(n, next(iter(owners[n]))) for e in store.all_events() for n in e.people
                                if n not in canonical and len(owners.get(n, ())) == 1})
    assert spelled_otherwise == []


def test_no_summary_speaks_of_the_seed_documents(store):
    assert [e.id for e in store.all_events() if re.search(r"\bseed\b", e.summary, re.I)] == []


def test_famous_wrong_dates_are_right_here(store):
    """The PRC was proclaimed on 1 October 1949 (not 19 October, as calendar.history has it)."""
    prc = [e for e in store.events_on(10, 1) if e.date.year == 1949 and "CN" in e.countries]
    assert prc
    assert not [e for e in store.events_on(10, 19) if e.date.year == 1949 and "People's Republic" in e.title]
