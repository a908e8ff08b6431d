"""The on-disk index: one SQLite file per set of corpus files, in the user cache folder.

It records exactly what it was built from (the full ``stat`` of every source, as git does, so an edit that
keeps size and mtime still changes ``st_ctime_ns``), and is rebuilt on any mismatch, corruption or schema
change. A build writes a temporary file and renames it into place, so two shells building at once never
leave a half-written index, and a cache folder that cannot be written means working from the files.

A file with errors is recorded in the index with its problems (so a broken file in the user's data folder
costs one warning, not a full parse at every login); the valid files' events are indexed all the same.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from . import __version__
from .corpus import Source, load, load_countries, resources
from .countries import CountryTable
from .dates import HDate
from .errors import DataError
from .model import Country, Event, Person
from .store import MemoryStore

SCHEMA_VERSION = 7  # bump on any change to the tables below or to what a row holds
STALE_BUILD_SECONDS = 600  # a .build-* file untouched this long was left by a killed build
UNUSED_INDEX_SECONDS = 30 * 86400  # an index for another set of files, untouched this long, is removed

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, year INTEGER, month INTEGER, day INTEGER,
    origin TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE event_countries (n INTEGER NOT NULL, code TEXT NOT NULL);
CREATE TABLE countries (code TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE people (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, born_month INTEGER, born_day INTEGER,
    died_month INTEGER, died_day INTEGER, origin TEXT NOT NULL, body TEXT NOT NULL);
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, summary, people, tags, content='', tokenize='unicode61 remove_diacritics 2');
"""
_INDEXES = """
CREATE INDEX events_by_day ON events (month, day);
CREATE INDEX people_by_birthday ON people (born_month, born_day);
CREATE INDEX people_by_death_day ON people (died_month, died_day);
CREATE INDEX event_countries_by_code ON event_countries (code, n);
CREATE INDEX event_countries_by_event ON event_countries (n, code);
"""


def fingerprint(paths: Iterable[Path]) -> str:
    """What the index must be rebuilt on: every field of ``stat`` that an edit can change."""
    parts: list = [SCHEMA_VERSION, __version__]
    for p in paths:
        st = os.stat(p)
        parts.append([str(p), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev])
    return json.dumps(parts)


def index_path(cache_dir: Path, paths: list[Path]) -> Path:
    """One index per set of corpus files, so '--data x' never evicts the everyday index."""
    # A checksum is enough to name the file (zlib is cheaper to import than hashlib): a collision would
    # only cost a rebuild, since the fingerprint inside decides whether an index is used.
    key = "\0".join(map(str, paths)).encode()
    return cache_dir / f"index-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.sqlite3"


def _event_from_row(body: str, origin: str, year: int | None, month: int | None, day: int | None) -> Event:
    # The date comes from its columns: no second parse of the date string for every row returned.
    return Event.from_dict(json.loads(body), origin, HDate(year, month, day))


def _country_args(d: dict) -> dict:
    return {"code": d["code"], "name": d["name"], "aliases": tuple(d["aliases"]), "start": d["start"],
            "end": d["end"], "predecessors": tuple(d["predecessors"]), "since": d.get("since"),
            "until": d.get("until")}


def _recovering(method):
    """Answer from a rebuilt store if the index turns out to be damaged past its header."""

    def wrapper(self, *args):
        if self._fallback is None:
            try:
                return method(self, *args)
            except sqlite3.DatabaseError:
                self._recover()
        return getattr(self._fallback, method.__name__)(*args)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class IndexStore:
    """Read-only queries against a built index; each touches only the rows it returns."""

    def __init__(self, conn: sqlite3.Connection, path: Path, problems: list[dict],
                 rebuild: Callable[[], object]):
        self._conn = conn
        self.path = path
        self.problems = problems  # [{"file", "text", "fatal"}] recorded at build time
        self.warnings: list[str] = []
        self._rebuild = rebuild
        self._fallback = None
        self._countries: CountryTable | None = None

    def _recover(self) -> None:
        """A query failed: answer from the files. The index is removed only if it fails an integrity check;
        a busy or locked one (another almanac writing it) is left alone, never deleted."""
        self._conn.close()
        if _damaged(self.path):
            try:
                self.path.unlink()
            except OSError:
                pass
        self._fallback = self._rebuild()

    @property
    def countries(self) -> CountryTable:
        if self._fallback is not None:
            return self._fallback.countries
        if self._countries is None:
            try:
                rows = self._conn.execute("SELECT body FROM countries").fetchall()
            except sqlite3.DatabaseError:
                self._recover()
                return self._fallback.countries
            meta = self._conn.execute("SELECT value FROM meta WHERE key = 'ambiguous'").fetchone()
            self._countries = CountryTable((Country(**_country_args(json.loads(b))) for (b,) in rows),
                                           json.loads(meta[0]) if meta else None)
        return self._countries

    def _events(self, where: str = "", args: tuple = ()) -> list[Event]:
        rows = self._conn.execute(f"SELECT body, origin, year, month, day FROM events {where}", args).fetchall()
        return sorted((_event_from_row(*row) for row in rows), key=Event.sort_key)

    @_recovering
    def all_events(self) -> list[Event]:
        return self._events()

    @_recovering
    def events_on(self, month: int, day: int) -> list[Event]:
        return self._events("WHERE month = ? AND day = ?", (month, day))

    @_recovering
    def events_between(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> list[Event]:
        a, b = list(codes_a), list(codes_b)
        qa, qb = ",".join("?" * len(a)), ",".join("?" * len(b))
        # One side through the code index, the other probed per event: cheap however large the corpus.
        return self._events(
            f"WHERE n IN (SELECT x.n FROM event_countries x JOIN event_countries y ON y.n = x.n "
            f"WHERE x.code IN ({qa}) AND y.code IN ({qb}))", (*a, *b))

    @_recovering
    def events_with(self, codes: Iterable[str]) -> list[Event]:
        c = list(codes)
        q = ",".join("?" * len(c))
        return self._events(f"WHERE n IN (SELECT n FROM event_countries WHERE code IN ({q}))", tuple(c))

    @_recovering
    def search(self, words: list[str]) -> list[tuple[Event, float]]:
        """Events matching every word (as a prefix), with a relevance score (higher is better)."""
        match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
        rows = self._conn.execute(
            "SELECT e.body, e.origin, e.year, e.month, e.day, -bm25(events_fts, 4.0, 1.0, 2.0, 2.0) "
            "FROM events_fts JOIN events e ON e.n = events_fts.rowid WHERE events_fts MATCH ?", (match,)).fetchall()
        return [(_event_from_row(*row[:5]), row[5]) for row in rows]

    def _people(self, where: str = "", args: tuple = ()) -> list[Person]:
        rows = self._conn.execute(f"SELECT body, origin FROM people {where}", args).fetchall()
        return sorted((Person.from_dict(json.loads(b), o) for b, o in rows), key=Person.sort_key)

    @_recovering
    def all_people(self) -> list[Person]:
        return self._people()

    @_recovering
    def born_on(self, month: int, day: int) -> list[Person]:
        return self._people("WHERE born_month = ? AND born_day = ?", (month, day))

    @_recovering
    def died_on(self, month: int, day: int) -> list[Person]:
        people = self._people("WHERE died_month = ? AND died_day = ?", (month, day))
        return sorted(people, key=lambda p: (p.died.sort_key(), p.id))

    @_recovering
    def event_days(self) -> set[tuple[int, int]]:
        rows = self._conn.execute("SELECT DISTINCT month, day FROM events WHERE day IS NOT NULL")
        return {(m, d) for m, d in rows}



def _damaged(path: Path) -> bool:
    """Whether the file at ``path`` fails SQLite's own check (False when it cannot tell: busy, locked)."""
    try:
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("PRAGMA quick_check").fetchone() != ("ok",)
        finally:
            conn.close()
    except sqlite3.OperationalError as e:
        return "locked" not in str(e) and "busy" not in str(e)
    except sqlite3.DatabaseError:
        return True  # not a database at all


def _try_open(path: Path, expected: str, rebuild: Callable[[], object]) -> IndexStore | None:
    """The index at ``path`` if it is whole and was built from exactly these sources."""
    conn = None
    try:
        # as_uri() escapes '#', '?' and '%' in the cache path, which would otherwise end the file name.
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=10)  # wait out a busy writer
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("fingerprint") == expected:
            return IndexStore(conn, path, json.loads(meta.get("problems", "[]")), rebuild)
    except (sqlite3.Error, ValueError):
        pass  # missing, truncated or not a database: rebuild it
    if conn is not None:
        conn.close()
    return None


def _orphaned(path: Path) -> bool:
    """An index built from files one of which no longer exists: it can never be used again."""
    try:
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        finally:
            conn.close()
        parts = json.loads(row[0]) if row else []
        return any(isinstance(p, list) and not os.path.exists(p[0]) for p in parts[2:])
    except (sqlite3.Error, ValueError, OSError, TypeError, IndexError):
        return False  # cannot tell: keep it (the month-old rule still applies)


def _tidy(folder: Path, keep: Path) -> None:
    """Remove what killed builds left behind (a build's file untouched for an hour), indexes of corpus
    files that are gone, and indexes for file sets not used for a month."""
    now = time.time()
    try:
        for p in folder.iterdir():
            age = now - p.stat().st_mtime
            if (p.name.startswith(".build-") and age > STALE_BUILD_SECONDS) or (
                    p.name.startswith("index-") and p != keep
                    and (age > UNUSED_INDEX_SECONDS or _orphaned(p))):
                p.unlink()
    except OSError:
        pass  # tidying is a courtesy; never a reason to fail


class _Builder:
    """A new index in a temporary file beside its final path; ``load`` streams rows into it."""

    def __init__(self, path: Path):
        import tempfile  # lazy: only a build needs it

        path.parent.mkdir(parents=True, exist_ok=True)
        _tidy(path.parent, path)
        fd, self.tmp = tempfile.mkstemp(prefix=".build-", suffix=".sqlite3", dir=path.parent)
        os.close(fd)
        self.path = path
        self.n = 0
        self.people_n = 0
        # ASCII escapes and no cycle check: the fastest form of the C encoder (these are plain TOML values).
        self.encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
        try:
            self.conn = sqlite3.connect(self.tmp, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = MEMORY")  # a file with errors is rolled back
            self.conn.execute("PRAGMA synchronous = OFF")  # a crash leaves only a temporary file
            self.conn.executescript(_SCHEMA)
            self.conn.execute("BEGIN")
        except BaseException:
            self.abandon()
            raise

    # The load() sink: rows go in as parsed (validated) mappings; no Event objects are made.
    def begin(self, name: str) -> None:
        self.conn.execute("SAVEPOINT file")

    def add(self, rows: list[tuple[dict, HDate, str]]) -> None:
        first, encode = self.n, self.encode
        self.n += len(rows)
        self.conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                              ((n, raw["id"], d.year, d.month, d.day, origin, encode(raw))
                               for n, (raw, d, origin) in enumerate(rows, first)))
        self.conn.executemany("INSERT INTO event_countries VALUES (?, ?)",
                              ((n, c) for n, (raw, _, _) in enumerate(rows, first) for c in set(raw["countries"])))
        # The full-text table is filled with the index, never later into a live file another run reads.
        self.conn.executemany(
            "INSERT INTO events_fts (rowid, title, summary, people, tags) VALUES (?, ?, ?, ?, ?)",
            ((n, raw["title"], raw["summary"], " ".join(raw.get("people", ())), " ".join(raw.get("tags", ())))
             for n, (raw, _, _) in enumerate(rows, first)))

    def add_people(self, rows: list[tuple[dict, str]]) -> None:
        first, encode = self.people_n, self.encode
        self.people_n += len(rows)

        def md(raw, key):
            d = HDate.parse(raw[key]) if raw.get(key) else None
            return (d.month, d.day) if d is not None and d.year is not None else (None, None)

        self.conn.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              ((n, raw["id"], *md(raw, "born"), *md(raw, "died"), origin, encode(raw))
                               for n, (raw, origin) in enumerate(rows, first)))

    def end(self, keep: bool) -> None:
        if not keep:
            self.conn.execute("ROLLBACK TO file")
        self.conn.execute("RELEASE file")

    def finish(self, fp: str, table: CountryTable, problems: list[dict]) -> None:
        """Countries, indexes and meta, the fingerprint last; then rename into place."""
        try:
            encode = self.encode
            self.conn.executemany("INSERT INTO countries VALUES (?, ?)", ((c.code, encode(c.to_dict())) for c in table))
            for statement in filter(str.strip, _INDEXES.split(";")):  # executescript would commit early
                self.conn.execute(statement)
            self.conn.executemany("INSERT INTO meta VALUES (?, ?)", [("problems", encode(problems)), ("fts", "1"),
                                                                     ("ambiguous", encode(table.ambiguous))])
            # Written last: an index without its fingerprint is never trusted.
            self.conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fp,))
            self.conn.execute("COMMIT")
            self.conn.close()
            os.replace(self.tmp, self.path)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        try:
            self.conn.close()
        except (AttributeError, sqlite3.Error):
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _problems(loaded, sources: list[Source]) -> list[dict]:
    """Each file with errors: its first problem, how many more, and whether it stops a command.

    A file the user named (--data, ALMANAC_DATA) or the bundled corpus stops every command but the
    greeting; a file found in the user's data folder is skipped with a warning.
    """
    kinds = {str(s.path): s.kind for s in sources}
    out: list[dict] = []
    for name in sorted(loaded.bad_files):
        errors = [p for p in loaded.errors() if p.file == name]
        more = len(errors) - 1
        text = str(errors[0]) + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
        out.append({"file": name, "text": text, "fatal": kinds.get(name) != "user"})
    return out


def _settle(store, problems: list[dict], lenient: bool):
    """Raise for a fatal problem (unless ``lenient``); turn the rest into warnings on the store."""
    fatal = [p for p in problems if p["fatal"]]
    if fatal and not lenient:
        raise DataError(f"{fatal[0]['text']}; run 'almanac check' for the full list")
    store.warnings = [f"skipped {p['file']}: it has errors (run 'almanac check')" for p in problems]
    return store


def open_store(sources: list[Source], cache_dir: Path | None, lenient: bool = False):
    """The store for these sources: the index if current, else a fresh build (or memory if it can't be kept).

    ``lenient`` (the greeting) skips every file with errors, with a warning, instead of raising DataError.
    """
    paths = [s.path.resolve() for s in sources] + [resources.countries_file().resolve()]
    try:
        fp = fingerprint(paths)
    except OSError as e:
        raise DataError(f"cannot read '{e.filename}': {e.strerror}") from None
    path = index_path(cache_dir, paths) if cache_dir is not None else None

    def from_files() -> MemoryStore:
        table = load_countries()
        loaded = load(sources, table)
        return _memory(loaded, table, _problems(loaded, sources))

    def build():
        if path is None:
            return from_files()
        try:
            builder = _Builder(path)
        except (OSError, sqlite3.Error) as e:
            store = from_files()  # no cache folder we can write: work from the files
            store.slow_reason = (f"cannot write the cache folder {path.parent} "
                                 f"({getattr(e, 'strerror', None) or e}): every run reads the whole corpus, "
                                 "which is slow; make it writable, or point XDG_CACHE_HOME elsewhere")
            return store
        try:
            table = load_countries()
            loaded = load(sources, table, sink=builder)
            problems = _problems(loaded, sources)
            builder.finish(fp, table, problems)
        except (OSError, sqlite3.Error):
            builder.abandon()
            return from_files()  # the disk filled up, say: the files still answer
        except BaseException:
            builder.abandon()
            raise
        store = _try_open(path, fp, from_files)
        if store is None:
            return from_files()
        store._countries = table  # just parsed: no need to read it back from the index
        return store

    store = _try_open(path, fp, build) if path is not None else None
    if store is None:
        store = build()
    return _settle(store, store.problems, lenient)


def _memory(loaded, table: CountryTable, problems: list[dict]) -> MemoryStore:
    store = MemoryStore(loaded.events, table, people=loaded.people)
    store.problems = problems
    return store


def say_once_a_day(state_dir: Path | None, key: str, today) -> bool:
    """True the first time ``key`` is asked about on ``today`` (recorded in the state folder); a state
    folder that cannot be written means saying it every time rather than never."""
    if state_dir is None:
        return True
    mark = state_dir / f"said-{key}"
    try:
        if mark.read_text(encoding="utf-8").strip() == today.isoformat():
            return False
    except (OSError, UnicodeDecodeError):
        pass
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        mark.write_text(today.isoformat() + "\n", encoding="utf-8")
    except OSError:
        pass
    return True
