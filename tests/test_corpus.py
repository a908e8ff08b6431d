"""The bundled corpus: coverage computed from the data, never typed into the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from almanac import query
from almanac.corpus import Source, load, load_countries, resources
from almanac.query import CALENDAR_DAYS
from almanac.store import MemoryStore

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def loaded():
    return load([Source(resources.events_file(), "bundled")], load_countries())


@pytest.fixture(scope="module")
def store(loaded):
    return MemoryStore(loaded.events, load_countries())


def test_bundled_corpus_passes_strict_check(loaded):
    """No problem at all, even under --strict: sorted, sourced, complete cards, known codes, unique ids."""
    assert [str(p) for p in loaded.errors(strict=True)] == []


def test_every_day_of_the_year_has_an_event(store):
    """All 366 days, 29 February included, have at least one event known to the day."""
    have = store.event_days()
    assert [f"{m:02d}-{d:02d}" for m, d in CALENDAR_DAYS if (m, d) not in have] == []


def test_size_and_depth(store):
    """At least 1,100 events, 60 full cards, most days with three or more events."""
    events = store.all_events()
    assert len(events) >= 1100
    assert sum(e.is_full_card for e in events) >= 60
    per_day = [len(store.events_on(m, d)) for m, d in CALENDAR_DAYS]
    assert sum(n >= 3 for n in per_day) > len(CALENDAR_DAYS) / 2


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
def test_promised_pairs_have_twelve_events(store, a, b):
    """Each promised pair's timeline has at least 12 events."""
    assert len(query.timeline(store, a, b).events) >= 12


@pytest.mark.parametrize("a, b, start, end, at_least", [
    ("China", "USSR", 1917, 1991, 30),
    ("Japan", "USSR", None, None, 20),
    ("USA", "USSR", None, 1991, 20),
])
def test_deep_pairs(store, a, b, start, end, at_least):
    """China–USSR, Japan–USSR (with the Russian Empire) and USA–USSR have deep histories."""
    assert len(query.timeline(store, a, b, start, end).events) >= at_least


def test_seed_subjects_are_full_cards(store):
    """The 1989 summit and the 1925 Japan–Soviet convention are full cards drawn from the seeds."""
    summit = [e for e in store.events_on(5, 15) if e.date.year == 1989 and "SU" in e.countries]
    convention = [e for e in store.events_on(1, 20) if e.date.year == 1925 and "JP" in e.countries]
    assert summit and summit[0].is_full_card and "seed:000" in summit[0].sources
    assert convention and convention[0].is_full_card and "seed:002" in convention[0].sources


def test_every_seed_has_a_fact_sheet_and_events(store):
    """Each seed has a fact sheet in seeds/ and events that cite it."""
    for seed in ("000", "001", "002"):
        assert (ROOT / "seeds" / f"{seed}.md").is_file()
        assert any(f"seed:{seed}" in e.sources for e in store.all_events())


def test_famous_wrong_dates_are_right_here(store):
    """The PRC was proclaimed on 1 October 1949 (not 19 October, as calendar.history has it)."""
    prc = [e for e in store.events_on(10, 1) if e.date.year == 1949 and "CN" in e.countries]
    assert prc
    assert not [e for e in store.events_on(10, 19) if e.date.year == 1949 and "People's Republic" in e.title]
