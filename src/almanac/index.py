"""The on-disk index: one SQLite file per set of corpus files, in the user cache folder.

It records exactly what it was built from (the full ``stat`` of every source, as git does, so an edit that
keeps size and mtime still changes ``st_ctime_ns``), and is rebuilt on any mismatch, corruption or schema
change. A build writes a temporary file and renames it into place, so two shells building at once never
leave a half-written index, and a cache folder that cannot be written means working from the files.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .corpus import Source, load, load_countries, raise_for_errors, resources
from .countries import CountryTable
from .model import Country, Event
from .store import MemoryStore

SCHEMA_VERSION = 4  # bump on any change to the tables below or to what a row holds

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, year INTEGER, month INTEGER, day INTEGER,
    origin TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE event_countries (n INTEGER NOT NULL, code TEXT NOT NULL);
CREATE TABLE countries (code TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, summary, people, tags, content='', tokenize='unicode61 remove_diacritics 2');
"""
_INDEXES = """
CREATE INDEX events_by_day ON events (month, day);
CREATE INDEX event_countries_by_code ON event_countries (code, n);
"""


def fingerprint(paths: Iterable[Path]) -> str:
    """What the index must be rebuilt on: every field of ``stat`` that an edit can change."""
    parts: list = [SCHEMA_VERSION, __version__]
    for p in paths:
        st = os.stat(p)
        parts.append([str(p), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev])
    return json.dumps(parts)


def index_path(cache_dir: Path, sources: list[Source]) -> Path:
    """One index per set of corpus files, so '--data x' never evicts the everyday index."""
    # A checksum is enough to name the file (zlib is cheaper to import than hashlib): a collision would
    # only cost a rebuild, since the fingerprint inside decides whether an index is used.
    paths = "\0".join(str(s.path.resolve()) for s in sources).encode()
    return cache_dir / f"index-{zlib.crc32(paths):08x}{zlib.adler32(paths):08x}.sqlite3"


def _event_from_row(body: str, origin: str) -> Event:
    return Event.from_dict(json.loads(body), origin)


class IndexStore:
    """Read-only queries against a built index; each touches only the rows it returns."""

    kind = "index"

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self.path = path
        self.warnings: list[str] = []
        self._countries: CountryTable | None = None

    @property
    def countries(self) -> CountryTable:
        if self._countries is None:
            rows = self._conn.execute("SELECT body FROM countries").fetchall()
            self._countries = CountryTable(Country(**_country_args(json.loads(b))) for (b,) in rows)
        return self._countries

    def _events(self, sql: str, args: tuple = ()) -> list[Event]:
        rows = self._conn.execute(sql, args).fetchall()
        events = [_event_from_row(body, origin) for body, origin in rows]
        return sorted(events, key=Event.sort_key)

    def all_events(self) -> list[Event]:
        return self._events("SELECT body, origin FROM events")

    def events_on(self, month: int, day: int) -> list[Event]:
        return self._events("SELECT body, origin FROM events WHERE month = ? AND day = ?", (month, day))

    def events_between(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> list[Event]:
        a, b = list(codes_a), list(codes_b)
        qa, qb = ",".join("?" * len(a)), ",".join("?" * len(b))
        return self._events(
            f"SELECT body, origin FROM events WHERE n IN (SELECT n FROM event_countries WHERE code IN ({qa}))"
            f" AND n IN (SELECT n FROM event_countries WHERE code IN ({qb}))", (*a, *b))

    def events_with(self, codes: Iterable[str]) -> list[Event]:
        c = list(codes)
        q = ",".join("?" * len(c))
        return self._events(
            f"SELECT body, origin FROM events WHERE n IN (SELECT n FROM event_countries WHERE code IN ({q}))",
            tuple(c))

    def search(self, words: list[str]) -> list[tuple[Event, float]]:
        """Events matching every word (as a prefix), with a relevance score (higher is better)."""
        match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
        rows = self._conn.execute(
            "SELECT e.body, e.origin, -bm25(events_fts, 4.0, 1.0, 2.0, 2.0) FROM events_fts "
            "JOIN events e ON e.n = events_fts.rowid WHERE events_fts MATCH ?", (match,)).fetchall()
        return [(_event_from_row(body, origin), score) for body, origin, score in rows]

    def event_days(self) -> set[tuple[int, int]]:
        rows = self._conn.execute("SELECT DISTINCT month, day FROM events WHERE day IS NOT NULL")
        return {(m, d) for m, d in rows}

    def close(self) -> None:
        self._conn.close()


def _country_args(d: dict) -> dict:
    return {"code": d["code"], "name": d["name"], "aliases": tuple(d["aliases"]), "start": d["start"],
            "end": d["end"], "predecessors": tuple(d["predecessors"])}


def _try_open(path: Path, expected: str) -> IndexStore | None:
    """The index at ``path`` if it is whole and was built from exactly these sources."""
    conn = None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row and row[0] == expected:
            return IndexStore(conn, path)
    except sqlite3.Error:
        pass  # missing, truncated or not a database: rebuild it
    if conn is not None:
        conn.close()
    return None


def _write(path: Path, fp: str, events: list[Event], table: CountryTable) -> None:
    """Build the index in a temporary file beside ``path`` and rename it into place."""
    import tempfile  # lazy: only a build needs it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite3", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            conn.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                ((n, e.id, e.date.year, e.date.month, e.date.day, e.origin,
                  json.dumps(e.to_dict(), ensure_ascii=False)) for n, e in enumerate(events)))
            conn.executemany("INSERT INTO event_countries VALUES (?, ?)",
                             ((n, c) for n, e in enumerate(events) for c in set(e.countries)))
            conn.executemany("INSERT INTO events_fts (rowid, title, summary, people, tags) VALUES (?, ?, ?, ?, ?)",
                             ((n, e.title, e.summary, " ".join(e.people), " ".join(e.tags))
                              for n, e in enumerate(events)))
            conn.executemany("INSERT INTO countries VALUES (?, ?)",
                             ((c.code, json.dumps(c.to_dict(), ensure_ascii=False)) for c in table))
            conn.executescript(_INDEXES)
            # Written last: an index without its fingerprint is never trusted.
            conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fp,))
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def open_store(sources: list[Source], cache_dir: Path | None, lenient: bool = False):
    """The store for these sources: the index if current, else a fresh build (or memory if it can't be kept).

    ``lenient`` (the greeting) drops files with errors and reports them in ``store.warnings`` instead of
    raising DataError.
    """
    paths = [s.path for s in sources] + [resources.countries_file()]
    fp = fingerprint(paths)
    path = index_path(cache_dir, sources) if cache_dir is not None else None
    if path is not None:
        store = _try_open(path, fp)
        if store is not None:
            return store
    table = load_countries()
    loaded = load(sources, table)
    warnings: list[str] = []
    if loaded.errors():
        if not lenient:
            raise_for_errors(loaded)
        warnings = [f"skipped {f}: it has errors (run 'almanac check')" for f in sorted(loaded.bad_files)]
    elif path is not None:
        try:
            _write(path, fp, loaded.events, table)
        except (OSError, sqlite3.Error):
            pass  # no cache folder we can write: work from the files, as we just did
    return MemoryStore(loaded.events, table, warnings)
