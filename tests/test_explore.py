"""search, random, countries, the pager and shell completion."""

from __future__ import annotations

import json

import pytest

from almanac.cli import complete_country
from conftest import MINI


def ids(result):
    return [e["id"] for e in json.loads(result.stdout)]


def test_search_matches_every_word_as_a_prefix(run):
    """All words must match; prefixes and accents fold ('sino sov' finds the Sino-Soviet events)."""
    result = run("search", "sino", "sov", "-f", "json", "--sort", "date", bundled=MINI)
    assert ids(result) == ["sino-soviet-summit-1989"]
    result = run("search", "treaty", "-f", "brief", "--sort", "date", bundled=MINI)
    assert result.stdout == (
        "1949-12  Mao Zedong travels to Moscow  [CN SU]\n"
        "1950-02-14  China and the USSR sign a treaty of alliance  [CN SU]\n"
        "2001-07-16  China and Russia sign a treaty of good-neighbourliness  [CN RU]\n")


def test_search_ranks_title_hits_first(run):
    """By relevance, a title match outranks a summary match."""
    result = run("search", "moscow", "-f", "json", bundled=MINI)
    assert ids(result)[0] == "mao-in-moscow-1949"
    assert set(ids(result)) == {"mao-in-moscow-1949", "sino-soviet-treaty-1950", "good-neighbourliness-treaty-2001"}


def test_search_filters(run):
    """--country (with its predecessors) and --from/--to narrow the results."""
    assert ids(run("search", "treaty", "--country", "USSR", "-f", "json", "--sort", "date", bundled=MINI)) == [
        "mao-in-moscow-1949", "sino-soviet-treaty-1950", "good-neighbourliness-treaty-2001"]
    assert ids(run("search", "treaty", "--country", "USSR", "--to", "1949", "-f", "json", bundled=MINI)) == [
        "mao-in-moscow-1949"]
    assert ids(run("search", "treaty", "--from", "2000", "-f", "json", bundled=MINI)) == [
        "good-neighbourliness-treaty-2001"]


def test_search_searches_people_and_tags(run):
    """People and tags are searched too."""
    assert ids(run("search", "deng", "-f", "json", bundled=MINI)) == ["sino-soviet-summit-1989"]
    assert ids(run("search", "summit", "-f", "json", bundled=MINI)) == ["sino-soviet-summit-1989"]


def test_search_with_nothing_found_or_nothing_asked(run):
    """No match: a note on stderr and exit 0; no words: a usage error."""
    result = run("search", "zeppelin", bundled=MINI)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No events match 'zeppelin'.\n")
    result = run("search", "--", "!!", bundled=MINI)
    assert result.exit_code == 2


def test_index_and_memory_search_agree(make_env, tmp_path):
    """The FTS5 index and the in-memory fallback find the same events."""
    from almanac.corpus import Source, load, load_countries
    from almanac.store.memory import MemoryStore
    from almanac.store.open import open_store
    from almanac.store.sqlite import IndexStore

    srcs = [Source(MINI, "bundled")]
    open_store(srcs, tmp_path)
    indexed = open_store(srcs, tmp_path)
    assert isinstance(indexed, IndexStore)
    memory = MemoryStore(load(srcs, load_countries()).events, load_countries())
    for words in (["treaty"], ["sino", "sov"], ["moscow"], ["japan"], ["müntzer"], ["caesar"]):
        assert sorted(e.id for e, _ in indexed.search(words)) == sorted(e.id for e, _ in memory.search(words))


def test_random_is_reproducible_with_a_seed(run):
    """The same seed gives the same card; --country keeps to that country's events."""
    first = run("random", "--seed", "7", "-f", "json", bundled=MINI)
    assert ids(first) == ids(run("random", "--seed", "7", "-f", "json", bundled=MINI))
    seen = {ids(run("random", "--seed", str(s), "-f", "json", "--country", "Japan", bundled=MINI))[0]
            for s in range(20)}
    assert seen == {"russo-japanese-war-1904", "soviet-japanese-convention-1925", "okinawa-reversion-1972"}


def test_countries_json_carries_codes_names_aliases(run):
    """Every country object has code, name, aliases, years, predecessors, successors and events."""
    rows = json.loads(run("countries", "-f", "json", bundled=MINI).stdout)
    su = next(r for r in rows if r["code"] == "SU")
    assert su["name"] == "Soviet Union" and "USSR" in su["aliases"]
    assert su["predecessors"] == ["QS"] and su["successors"] == ["RU"]
    assert su["events"] == 5 and su["start"] == 1922 and su["end"] == 1991
    assert su["since"] == "1922-12-30" and su["until"] == "1991-12-26"
    qs = next(r for r in rows if r["code"] == "QS")
    assert qs["name"] == "Soviet Russia" and qs["predecessors"] == ["XR"] and qs["successors"] == ["SU"]
    assert {"code", "name", "aliases"} <= set(rows[0])


def test_countries_pairs(run):
    """--pairs lists pairs by shared events, most first."""
    result = run("countries", "--pairs", bundled=MINI)
    assert result.stdout.splitlines()[0] == "    4  CN–SU  China and Soviet Union"


def test_completion_of_country_names():
    """Completion offers names and aliases that start with what was typed."""
    assert "Soviet Union" in complete_country("Sov")
    assert "soviet Union" in complete_country("sov")
    assert "USSR" in complete_country("US")
    assert complete_country("zzz") == []


def test_pager_only_on_a_tall_terminal_output(run, make_env, monkeypatch):
    """Long output goes through the pager on a terminal; --no-pager and pipes print directly."""
    calls = []
    monkeypatch.setattr("subprocess.run", lambda cmd, **kw: calls.append((cmd, kw["input"])))
    env = make_env(bundled=MINI, isatty=True, height=5, environ={"PAGER": "less"})
    result = run("timeline", "China", "USSR", env=env)
    assert result.stdout == "" and calls and calls[0][0] == ["less"] and "Dec 1949" in calls[0][1]
    calls.clear()
    result = run("timeline", "China", "USSR", "--no-pager", env=env)
    assert "Dec 1949" in result.stdout and calls == []
    result = run("timeline", "China", "USSR", bundled=MINI, isatty=False, height=5)
    assert "Dec 1949" in result.stdout and calls == []
    tall = make_env(bundled=MINI, isatty=True, height=500, environ={"PAGER": "less"})
    assert "Dec 1949" in run("timeline", "China", "USSR", env=tall).stdout and calls == []


@pytest.fixture(scope="module")
def bundled_stores(tmp_path_factory):
    """The bundled corpus as an index and in memory (built once for the tests below)."""
    from almanac.corpus import Source, load, load_countries, resources
    from almanac.store.memory import MemoryStore
    from almanac.store.open import open_store
    from almanac.store.sqlite import IndexStore

    cache = tmp_path_factory.mktemp("search-index")
    srcs = [Source(p, "bundled") for p in resources.bundled_files()]
    open_store(srcs, cache)
    indexed = open_store(srcs, cache)
    assert isinstance(indexed, IndexStore)
    return indexed, MemoryStore(load(srcs, load_countries()).events, load_countries())


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_limited_search_is_the_start_of_the_whole_one(bundled_stores, sort):
    """With --limit, the index counts and cuts in SQL: the same first events, in the same order, and the
    same count as sorting every match (bundled corpus, index and memory, words that tie on score)."""
    from almanac import query

    indexed, memory = bundled_stores
    for text in ("treaty", "war", "battle of", "independence declared", "moscow", "nerchinsk", "zzzz"):
        everything = query.search(indexed, text, sort=sort)
        for limit in (1, 7, 50):
            found = query.search_page(indexed, text, sort=sort, limit=limit)
            page, total = found.events, found.total
            assert found.ranked and total == len(everything)
            assert [e.id for e in page] == [e.id for e in everything[:limit]], (text, limit)
    for text in ("treaty", "nerchinsk"):
        whole = query.search(memory, text, sort=sort)
        found = query.search_page(memory, text, sort=sort, limit=5)
        page, total = found.events, found.total
        assert total == len(whole) and [e.id for e in page] == [e.id for e in whole[:5]]
    assert len(query.search(indexed, "treaty")) > 200  # the words above do reach past every limit


def test_a_search_with_too_many_matches_to_rank_shows_the_first_in_corpus_order(bundled_stores, monkeypatch):
    """Past RANK_LIMIT matches the index does not score every one: the first N in the order of the corpus
    file come back, with the true count, and the answer says it is not ranked."""
    import tomllib

    from almanac import query, resources
    from almanac.store import sqlite

    indexed, memory = bundled_stores
    monkeypatch.setattr(sqlite, "RANK_LIMIT", 20)
    found = query.search_page(indexed, "treaty", limit=7)
    matching = {e.id for e in query.search(memory, "treaty")}
    with open(resources.events_file(), "rb") as f:
        in_file_order = [e["id"] for e in tomllib.load(f)["event"] if e["id"] in matching]
    assert not found.ranked and found.total == len(matching) > 20
    assert [e.id for e in found.events] == in_file_order[:7]
    by_date = query.search_page(indexed, "treaty", sort="date", limit=7)  # asked for: sorted, however many
    assert by_date.ranked and [e.id for e in by_date.events] == [e.id for e in query.search(memory, "treaty",
                                                                                            sort="date")[:7]]
    assert query.search_page(indexed, "nerchinsk", limit=7).ranked  # few matches: ranked as ever


def test_the_cli_says_when_a_search_was_not_ranked(run, make_env, monkeypatch):
    from almanac.store import sqlite

    monkeypatch.setattr(sqlite, "RANK_LIMIT", 20)
    result = run("search", "treaty", "--limit", "3", env=make_env())
    assert result.exit_code == 0
    events = [line for line in result.stdout.splitlines() if line[:4].isdigit() and line[4] == "-"]
    assert len(events) == 3  # then the people who match, as ever
    assert result.stderr.startswith("3 of ") and "too many to rank: the first in the corpus's order" in result.stderr
