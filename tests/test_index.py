"""The SQLite index: same answers as a plain load, staleness, corruption, concurrency, no cache folder."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3

import pytest

from almanac import query
from almanac.corpus import Source, load, load_countries, resources
from almanac.dates import HDate
from almanac.store.memory import MemoryStore
from almanac.store.open import open_store
from almanac.store.sqlite import IndexStore
from conftest import MINI

EVENT = """[[event]]
id = "e-{n}"
date = "{year}-05-15"
title = "Event {n}"
summary = "Summary {n}."
countries = ["CN", "SU"]
sources = ["test"]
"""


def sources(*paths):
    """The small fixture corpus as the bundled one (the policy tests need no 4,000 events), and ``paths``."""
    return [Source(MINI, "bundled")] + [Source(p, "option") for p in paths]


@pytest.mark.slow  # builds and parses the whole bundled corpus twice
def test_index_and_plain_load_agree_on_the_bundled_corpus(tmp_path):
    """Every query answers the same from the index as from the parsed files."""
    srcs = [Source(resources.events_file(), "bundled"), Source(resources.people_file(), "bundled")]
    open_store(srcs, tmp_path)  # build
    indexed = open_store(srcs, tmp_path)
    assert isinstance(indexed, IndexStore)
    loaded = load(srcs, load_countries())
    plain = MemoryStore(loaded.events, load_countries(), people=loaded.people)
    for month, day in [(5, 15), (1, 1), (2, 29), (10, 1), (12, 25), (7, 4)]:
        assert indexed.events_on(month, day) == plain.events_on(month, day)
    for a, b in [("China", "USSR"), ("Japan", "Russia"), ("USA", "USSR"), ("France", "Germany")]:
        assert query.timeline(indexed, a, b).events == query.timeline(plain, a, b).events
    assert indexed.event_days() == plain.event_days()
    assert indexed.all_events() == plain.all_events()
    assert query.stats(indexed) == query.stats(plain)
    # Pairs straight from the store: families of several codes, and sides that share a state (an event
    # naming only that state touches both), as the table of pairs must answer them.
    for a, b in [({"CN", "RC", "XC"}, {"SU", "RU", "RE"}), ({"JP"}, {"SU", "RE"}), ({"FR", "DE"}, {"DE", "PL"}),
                 ({"GB"}, {"GB"}), ({"US"}, {"ZZ"})]:
        found = indexed.events_between(a, b)
        assert found == plain.events_between(a, b)
        assert all(set(e.countries) & a and set(e.countries) & b for e in found)
    assert len(indexed.events_between({"FR", "DE"}, {"DE", "PL"})) > len(indexed.events_between({"FR"}, {"PL"}))
    for words in (["gorbachev"], ["zhou", "en"], ["queen"], ["mathematician"], ["zzzzq"]):
        assert indexed.search_people(words) == plain.search_people(words)
    assert [p.name for p in indexed.search_people(["zhou", "enlai"])] == ["Zhou Enlai"]


def test_edit_keeping_size_and_mtime_is_seen(tmp_path):
    """An edit that keeps the size and modification time still triggers a rebuild (ctime/inode differ)."""
    f = tmp_path / "mine.toml"
    f.write_text(EVENT.format(n=1, year=1901))
    cache = tmp_path / "cache"
    assert [e.id for e in open_store(sources(f), cache).events_on(5, 15) if e.id.startswith("e-")] == ["e-1"]
    assert isinstance(open_store(sources(f), cache), IndexStore)
    st = f.stat()
    f.write_text(EVENT.format(n=2, year=1901))  # same length
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    assert [e.id for e in open_store(sources(f), cache).events_on(5, 15) if e.id.startswith("e-")] == ["e-2"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "drop-table"])
def test_corrupt_index_is_rebuilt(tmp_path, damage):
    """A truncated, garbage, empty or half-built index is rebuilt transparently with the same answers."""
    srcs, cache = sources(), tmp_path / "cache"
    expected = open_store(srcs, cache).events_on(5, 15)
    [path] = cache.glob("index-*.sqlite3")
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:4096])
    elif damage == "garbage":
        path.write_bytes(os.urandom(20000))
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM meta")
    assert open_store(srcs, cache).events_on(5, 15) == expected
    assert isinstance(open_store(srcs, cache), IndexStore)


def test_unwritable_cache_folder_means_no_index(tmp_path):
    """A cache folder that cannot be created: the answers come from the files, without failing."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = open_store(sources(), blocker / "cache")
    assert isinstance(store, MemoryStore)
    assert store.events_on(5, 15)


def _worker(args):
    path, cache = args
    store = open_store(sources(path), cache)
    return [e.id for e in store.events_on(5, 15)]


@pytest.mark.slow  # a pool of eight processes
def test_concurrent_builders_agree(tmp_path):
    """Eight processes on a cold cache with a large user corpus all succeed and agree."""
    big = tmp_path / "big.toml"
    big.write_text("".join(EVENT.format(n=n, year=1000 + n % 1000) for n in range(3000)))
    cache = tmp_path / "cache"
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        results = pool.map(_worker, [(big, cache)] * 8)
    assert all(r == results[0] for r in results) and len(results[0]) > 3000
    leftovers = [p.name for p in cache.iterdir() if p.name.startswith(".build-")]
    assert leftovers == []
    assert _worker((big, cache)) == results[0]


def test_bad_file_is_an_error_not_a_stale_answer(tmp_path):
    """A file that breaks after the index was built is reported, not answered from the old index."""
    from almanac.errors import DataError

    f = tmp_path / "mine.toml"
    f.write_text(EVENT.format(n=1, year=1901))
    cache = tmp_path / "cache"
    open_store(sources(f), cache)
    f.write_text("[[event]\nbroken")
    with pytest.raises(DataError):
        open_store(sources(f), cache)
    lenient = open_store(sources(f), cache, lenient=True)
    assert lenient.warnings == [f"skipped {f}: it has errors (run 'almanac check')"]
    assert lenient.events_on(5, 15)


def test_fixture_corpus_through_the_cli_uses_the_index(run, make_env):
    """The second CLI call reads the index the first one built."""
    env = make_env(bundled=MINI)
    assert run("on", "05-15", env=env).exit_code == 0
    assert list(env.cache_dir.glob("index-*.sqlite3"))
    assert run("on", "05-15", "-f", "brief", env=env).stdout.count("\n") == 2


def _events(n, start=0, extra=""):
    return "".join(EVENT.format(n=i, year=1000 + i) + extra for i in range(start, start + n))


def test_large_files_are_read_in_pieces_with_the_same_answers(tmp_path, monkeypatch):
    """Pieces cut at [[event]] lines give the same events, duplicate ids and line numbers as a whole read."""
    monkeypatch.setattr("almanac.corpus.CHUNK_EVENTS", 3)
    f = tmp_path / "big.toml"
    f.write_text(_events(10))
    store = open_store(sources(f), tmp_path / "cache")
    assert sorted(e.id for e in store.events_on(5, 15) if e.id.startswith("e-")) == sorted(f"e-{i}" for i in range(10))
    dup = tmp_path / "dup.toml"
    dup.write_text(_events(5) + EVENT.format(n=1, year=1999))
    loaded = load([Source(dup, "option")], load_countries())
    assert [str(p) for p in loaded.errors()] == [f"{dup}: event 'e-1': id: duplicate id (twice in this file)"]
    broken = tmp_path / "broken.toml"
    broken.write_text(_events(8) + "[[event]]\nid = \"oops\ndate = 1\n")
    problems = load([Source(broken, "option")], load_countries()).errors()
    assert [(p.line, p.message[:17]) for p in problems] == [(8 * 7 + 2, "TOML syntax error")]  # its real line


def test_a_cut_inside_a_multiline_string_reads_the_whole_file(tmp_path, monkeypatch):
    """A '[[event]]' line inside a multi-line string is not a cut: the file is read whole instead."""
    monkeypatch.setattr("almanac.corpus.CHUNK_EVENTS", 1)
    f = tmp_path / "tricky.toml"
    f.write_text(EVENT.format(n=1, year=1901) + 'fun_fact = """first line\n[[event]]\nlast line"""\n'
                 'sections = [{heading = "H", body = "B"}]\nreading = ["R"]\n' + EVENT.format(n=2, year=1902))
    loaded = load([Source(f, "option")], load_countries())
    assert loaded.errors() == []
    assert [raw["id"] for raw, _, _ in loaded.rows] == ["e-1", "e-2"]
    assert loaded.rows[0][0]["fun_fact"] == "first line\n[[event]]\nlast line"


def test_every_field_of_an_event_comes_back_from_the_index(tmp_path):
    """A row keeps an event's fields by position, not by key: each optional one present or absent, and text
    outside ASCII (stored as UTF-8), reads back as the parsed file gives it."""
    f = tmp_path / "full.toml"
    f.write_text(EVENT.format(n=1, year=1901) + 'end = "1901-05-20"\npeople = ["Zhōu Ēnlái"]\ntags = ["t"]\n'
                 'fun_fact = "Ça va, 周"\nreading = ["R"]\nsections = [{heading = "H", body = "B"}]\n'
                 + EVENT.format(n=2, year=1902) + 'reading = ["only a reading list"]\n'
                 + EVENT.format(n=3, year=1903), encoding="utf-8")
    store = open_store([Source(f, "option")], tmp_path / "cache")
    assert isinstance(store, IndexStore)
    indexed = {e.id: e for e in store.events_on(5, 15)}
    assert [indexed[e.id] for e in load([Source(f, "option")], load_countries()).events] == list(indexed.values())
    full, reading, bare = indexed["e-1"], indexed["e-2"], indexed["e-3"]
    assert (full.end, full.people, full.fun_fact, full.sections[0].body) == (
        HDate(1901, 5, 20), ("Zhōu Ēnlái",), "Ça va, 周", "B")
    assert reading.reading == ("only a reading list",) and reading.fun_fact is None and reading.end is None
    assert (bare.people, bare.tags, bare.reading, bare.sections) == ((), (), (), ())


def test_a_broken_file_leaves_no_rows_in_the_index(tmp_path, monkeypatch):
    """Rows streamed from a file that turns out to have errors are rolled back; the others stay."""
    monkeypatch.setattr("almanac.corpus.CHUNK_EVENTS", 2)
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(_events(3))
    bad.write_text(_events(4, start=10) + EVENT.format(n=99, year=1999).replace('["CN", "SU"]', '["QB"]'))
    srcs = [Source(MINI, "bundled"), Source(good, "user"), Source(bad, "user")]
    store = open_store(srcs, tmp_path / "cache")
    assert isinstance(store, IndexStore)
    assert sorted(e.id for e in store.events_on(5, 15) if e.id.startswith("e-")) == ["e-0", "e-1", "e-2"]
    assert store.warnings == [f"skipped {bad}: it has errors (run 'almanac check')"]


# --- The index a wheel carries (store/carried, built by hatch_build.py) -------------------------------

def _installed(tmp_path, monkeypatch):
    """A package data folder holding the small corpus as events.toml, the real country table and a carried
    index built from them, made the bundled corpus; its sources."""
    import shutil

    from almanac.store import carried

    data = tmp_path / "site" / "almanac" / "data"
    data.mkdir(parents=True)
    shutil.copyfile(MINI, data / "events.toml")
    shutil.copyfile(resources.countries_file(), data / "countries.toml")
    assert carried.build(data, data / carried.NAME) == []
    monkeypatch.setattr(resources, "_PACKAGE_DATA", data)
    return data, [Source(p, "bundled") for p in resources.bundled_files()]


def _meta(path):
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


def test_a_first_run_copies_the_carried_index(tmp_path, monkeypatch):
    """The carried index is copied into the cache, gets the files' real fingerprint and their installed path,
    and answers as a build of the same files does; the carried file itself is left as it was."""
    data, srcs = _installed(tmp_path, monkeypatch)
    carried_bytes = (data / "index.sqlite3").read_bytes()
    store = open_store(srcs, tmp_path / "cache")
    assert isinstance(store, IndexStore) and store.path.parent == tmp_path / "cache"
    meta = _meta(store.path)
    assert "content" in meta and "origins" not in meta  # copied, not built
    assert meta["fingerprint"].startswith("[") and str(data / "events.toml") in meta["fingerprint"]
    assert {e.origin for e in store.all_events()} == {str((data / "events.toml").resolve())}
    built = open_store(srcs, tmp_path / "other-cache", countries=None)
    loaded = load(srcs, load_countries())
    assert store.all_events() == loaded.events == built.all_events()
    assert (data / "index.sqlite3").read_bytes() == carried_bytes
    assert isinstance(open_store(srcs, tmp_path / "cache"), IndexStore)  # the copy is current next time


def test_a_carried_index_of_other_contents_is_not_used(tmp_path, monkeypatch):
    """An events.toml that differs from what the index was built from (same size, even) gets a build."""
    data, srcs = _installed(tmp_path, monkeypatch)
    text = (data / "events.toml").read_text()
    first = text.index('title = "') + len('title = "')
    (data / "events.toml").write_text(text[:first] + "X" + text[first + 1:])  # one letter, same length
    store = open_store(srcs, tmp_path / "cache")
    assert "content" not in _meta(store.path)  # built from the files
    assert any(e.title.startswith("X") for e in store.all_events())


def test_a_user_file_beside_the_bundled_corpus_gets_its_own_build(tmp_path, monkeypatch):
    _, srcs = _installed(tmp_path, monkeypatch)
    mine = tmp_path / "mine.toml"
    mine.write_text(EVENT.format(n=1, year=1901))
    store = open_store(srcs + [Source(mine, "option")], tmp_path / "cache")
    assert "content" not in _meta(store.path)
    assert "e-1" in {e.id for e in store.events_on(5, 15)}


def test_without_a_writable_cache_the_carried_index_is_read_in_place(tmp_path, monkeypatch):
    data, srcs = _installed(tmp_path, monkeypatch)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    store = open_store(srcs, blocked / "cache")
    assert isinstance(store, IndexStore) and store.path == data / "index.sqlite3"
    assert store.all_events() == load(srcs, load_countries()).events
    assert not store.slow_reason
    no_cache = open_store(srcs, None)
    assert isinstance(no_cache, IndexStore) and no_cache.path == data / "index.sqlite3"


@pytest.mark.parametrize("chunk, block", [(1, 7), (2, 64), (3, 1 << 20), (1000, 5)])
def test_streamed_pieces_are_the_file_cut_at_every_nth_event(tmp_path, monkeypatch, chunk, block):
    """However small the blocks it is read in, the pieces put back together are the file, each piece
    starts at an [[event]] line, and each holds `chunk` events (the last one the rest)."""
    from almanac import corpus

    monkeypatch.setattr(corpus, "CHUNK_EVENTS", chunk)
    monkeypatch.setattr(corpus, "BLOCK_BYTES", block)
    f = tmp_path / "big.toml"
    f.write_bytes(("# héllo\n" + _events(11, extra="# [[event]] in a comment\n")).encode())
    pieces = list(corpus._pieces(f))
    assert b"".join(pieces) == f.read_bytes()
    counts = [p.count(b"\n[[event]]") + p.startswith(b"[[event]]") for p in pieces]
    assert counts == [min(chunk, 11 - i * chunk) for i in range(len(pieces))] and sum(counts) == 11
    assert all(p.startswith(b"[[event]]") for p in pieces[1:])


def test_the_index_keeps_the_country_names_it_resolves_with(tmp_path):
    """A warm run resolves 'USSR' from the names the build stored, never by folding every alias again;
    the stored names are exactly the ones the country table makes."""
    open_store(sources(), tmp_path)
    store = open_store(sources(), tmp_path)
    assert isinstance(store, IndexStore)
    table = store.countries
    assert isinstance(table._name_index, str)  # the index's text, not parsed before a name is looked up
    assert table.names_index() == load_countries().names_index()
    assert table.resolve("U.S.S.R.").code == "SU" and table.resolve("türkiye").code == "TR"


def test_a_build_finds_the_duplicates_a_plain_load_finds(tmp_path, monkeypatch):
    """A build keeps the ids it has seen on disk (its ledger), not in memory: the same duplicates as a
    plain load, within a piece, across pieces and across files, and those of a file with errors too."""

    monkeypatch.setattr("almanac.corpus.CHUNK_EVENTS", 3)
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(_events(8))
    second.write_text(_events(3, start=20) + EVENT.format(n=21, year=1999) + _events(3, start=30)
                      + EVENT.format(n=5, year=1998) + EVENT.format(n=31, year=1997) + EVENT.format(n=40, year=1996))
    srcs = [Source(first, "option"), Source(second, "option")]
    plain = [str(p) for p in load(srcs, load_countries()).errors()]
    assert plain == [f"{second}: event 'e-21': id: duplicate id (twice in this file)",
                     f"{second}: event 'e-5': id: duplicate id (also in {first})",
                     f"{second}: event 'e-31': id: duplicate id (twice in this file)"]
    assert _built_problems(srcs, tmp_path / "cache" / "index.sqlite3") == plain
    # A file with errors leaves the index, but its ids are still its own: a later file repeating one is told.
    broken = tmp_path / "broken.toml"
    broken.write_text(_events(4, start=50) + EVENT.format(n=52, year=1990) + _events(3, start=60)
                      + EVENT.format(n=99, year=10000))
    third = tmp_path / "third.toml"
    third.write_text(_events(2, start=70) + EVENT.format(n=51, year=1995) + EVENT.format(n=61, year=1994))
    srcs = [Source(broken, "option"), Source(third, "option")]
    plain = [str(p) for p in load(srcs, load_countries()).errors()]
    assert f"{third}: event 'e-51': id: duplicate id (also in {broken})" in plain
    assert f"{third}: event 'e-61': id: duplicate id (also in {broken})" in plain
    assert _built_problems(srcs, tmp_path / "cache" / "index2.sqlite3") == plain


def _built_problems(srcs, path) -> list[str]:
    """The problems a build of ``srcs`` into ``path`` finds (the build is then thrown away)."""
    from almanac.store.sqlite import _Builder

    builder = _Builder(path)
    try:
        return [str(p) for p in load(srcs, load_countries(), sink=builder).errors()]
    finally:
        builder.abandon()


def test_the_events_two_countries_share_are_found_without_a_scan(tmp_path):
    """The plan of events_between looks pairs up by their primary key, whatever the size of the corpus:
    a scan of the table of pairs costs nothing here and most of a second at a million events."""
    srcs = [Source(resources.events_file(), "bundled")]
    open_store(srcs, tmp_path)
    indexed = open_store(srcs, tmp_path)
    statements = []
    indexed._conn.set_trace_callback(statements.append)
    found = indexed.events_between({"CN", "XC"}, {"SU", "RE", "RU"})
    indexed._conn.set_trace_callback(None)
    assert found and all({"CN", "XC"} & set(e.countries) and {"SU", "RE", "RU"} & set(e.countries) for e in found)
    (sql,) = [s for s in statements if "event_pairs" in s]
    plan = " | ".join(row[3] for row in indexed._conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "SEARCH event_pairs USING PRIMARY KEY (lo=? AND hi=?)" in plan and "SCAN event_pairs" not in plan, plan


def test_the_disk_ledger_answers_as_the_memory_one():
    """corpus.Ledger and the build's ledger on disk: the same first files, batch by batch, after a forget."""
    from almanac.corpus import Ledger
    from almanac.store.sqlite import _DiskLedger

    batches = [(["a", "b", "a", "c"], 0), (["c", "d", "b"], 0), (["e", "a", "e", "f"], 1),
               ([f"x{i}" for i in range(1200)] + ["x7", "a"], 2), (["f", "x7"], 3)]
    memory, disk = Ledger(), _DiskLedger()
    try:
        for ids, number in batches:
            assert disk.record(ids, number) == memory.record(ids, number)
        assert memory.record(["a", "c", "f"], 4) == [0, 0, 1]
        memory.forget(1), disk.forget(1)
        for ledger in (memory, disk):
            assert ledger.record(["e", "f", "a", "x7"], 5) == [None, None, 0, 2]
    finally:
        disk.close()


@pytest.mark.parametrize("sendfile", ["works", "fails midway", "missing"])
def test_the_carried_index_is_copied_byte_for_byte(tmp_path, monkeypatch, sendfile):
    """The kernel copies the carried file where it can; where it cannot (or stops midway) Python does."""
    from almanac.store import carried

    real = os.sendfile
    if sendfile == "fails midway":
        calls = []

        def flaky(out, in_, offset, count):
            if calls:
                raise OSError("not supported")
            calls.append(1)
            return real(out, in_, offset, min(count, 1000))

        monkeypatch.setattr(os, "sendfile", flaky)
    elif sendfile == "missing":
        monkeypatch.delattr(os, "sendfile")
    data = os.urandom(3 << 20) + b"end"
    (tmp_path / "a").write_bytes(data)
    (tmp_path / "b").write_bytes(b"old bytes that must go" * 10)
    with open(tmp_path / "a", "rb") as src, open(tmp_path / "b", "r+b") as dst:
        carried._copy(src, dst)
    assert (tmp_path / "b").read_bytes() == data
