"""The SQLite index: its schema, the read-only queries against it, and the builder that writes it.

Which index to open, when to rebuild it and what to do when it cannot be kept is ``store.open``'s
business; this module only knows the file. A build writes a temporary file beside the index and
renames it into place, so two shells building at once never leave a half-written index.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from ..countries import CountryTable
from ..dates import YEARLESS, HDate
from ..model import Country, Event, Person

SCHEMA_VERSION = 12  # bump on any change to the tables below or to what a row holds
# A search matching more events than this is not ranked (bm25 costs about 3 microseconds a match: a word
# in 376,000 of a million events took 1.3 s to rank); its first events in the corpus's order are shown.
RANK_LIMIT = 10_000
CHECK_WAIT_SECONDS = 5  # how long the integrity check waits for a writer before it cannot tell

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (n INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE events (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, year INTEGER, month INTEGER, day INTEGER,
    origin INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE event_countries (code TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (code, n)) WITHOUT ROWID;
CREATE TABLE event_pairs (lo TEXT NOT NULL, hi TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (lo, hi, n))
    WITHOUT ROWID;
CREATE TABLE people (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL, born_month INTEGER, born_day INTEGER,
    died_month INTEGER, died_day INTEGER, origin INTEGER NOT NULL, body TEXT NOT NULL);
CREATE VIRTUAL TABLE events_fts USING fts5(
    title, summary, people, tags, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE people_fts USING fts5(
    names, description, content='', tokenize='unicode61 remove_diacritics 2');
"""
_INDEXES = """
CREATE INDEX events_by_day ON events (month, day);
CREATE INDEX people_by_birthday ON people (born_month, born_day);
CREATE INDEX people_by_death_day ON people (died_month, died_day);
"""


# Rows name the file they came from by number: a path stored once, not once per row (and a carried index
# is moved to where the wheel was installed by changing one row per file).
_ORIGIN = "(SELECT path FROM files WHERE files.n = %s.origin)"


def _match(words: list[str]) -> str:
    """An FTS5 query: every word, as a quoted prefix (so no word is read as an operator)."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


# An event row's body: the values of these fields of its validated mapping, as one compact JSON array
# (null for an absent field, trailing nulls left off), in the order ``Event.from_dict`` reads them; the
# id and the date are in their columns. No key names repeated in every row: about 7% of a large index.
_BODY_FIELDS = ("title", "summary", "countries", "tags", "sources", "people", "end", "fun_fact", "reading",
                "sections")
# What a query selects to make an event of a row (``_event_from_row``), events aliased as ``e``.
_EVENT_ROW = f"e.id, e.body, {_ORIGIN % 'e'}, e.year, e.month, e.day"


def _event_from_row(id_: str, body: str, origin: str, year: int | None, month: int | None,
                    day: int | None) -> Event:
    # The date comes from its columns: no second parse of the date string for every row returned.
    raw = dict(zip(_BODY_FIELDS, json.loads(body)))
    raw["id"] = id_
    return Event.from_dict(raw, origin, HDate(year, month, day))


def _body(raw: dict) -> list:
    values = [raw.get(k) for k in _BODY_FIELDS]
    while values[-1] is None:  # title and summary are never absent
        values.pop()
    return values


def _pairs(codes) -> list[tuple[str, str]]:
    """Every pair of an event's different countries, each once, in order."""
    cs = sorted(set(codes))
    return [(x, y) for i, x in enumerate(cs) for y in cs[i + 1:]]


def _country_args(d: dict) -> dict:
    return {"code": d["code"], "name": d["name"], "aliases": tuple(d["aliases"]), "start": d["start"],
            "end": d["end"], "predecessors": tuple(d["predecessors"]), "since": d.get("since"),
            "until": d.get("until")}


def _recovering(method):
    """Answer from a rebuilt store if the index turns out to be damaged past its header."""

    def wrapper(self, *args, **kwargs):
        if self._fallback is None:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.DatabaseError:
                self._recover()
        return getattr(self._fallback, method.__name__)(*args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class _DiskLedger:
    """``corpus.Ledger`` in a private temporary SQLite file (deleted when closed): a few MiB of page
    cache instead of a dict of every id (about 100 MiB at a million events)."""

    def __init__(self) -> None:
        self._conn = sqlite3.connect("", isolation_level=None)  # "": a temporary file of its own
        self._conn.execute("PRAGMA journal_mode = OFF")
        self._conn.execute("PRAGMA synchronous = OFF")
        self._conn.execute("CREATE TABLE ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL) WITHOUT ROWID")

    def record(self, ids: list[str], number: int) -> list[int | None]:
        first: dict[str, int] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), 500):  # well under SQLite's limit of bound parameters
            part = unique[i:i + 500]
            first.update(self._conn.execute(
                f"SELECT id, file FROM ids WHERE id IN ({','.join('?' * len(part))})", part).fetchall())
        out, new = [], []
        for eid in ids:
            before = first.get(eid)
            if before is None:
                first[eid] = number
                new.append((eid, number))
            out.append(before)
        self._conn.executemany("INSERT INTO ids VALUES (?, ?)", new)
        return out

    def forget(self, number: int) -> None:
        self._conn.execute("DELETE FROM ids WHERE file = ?", (number,))

    def close(self) -> None:
        self._conn.close()


class IndexStore:
    """Read-only queries against a built index; each touches only the rows it returns."""

    def __init__(self, conn: sqlite3.Connection, path: Path, problems: list[dict],
                 rebuild: Callable[[], object], countries: CountryTable | None = None):
        self._conn = conn
        self.path = path
        self.problems = problems  # [{"file", "text", "fatal"}] recorded at build time
        self.warnings: list[str] = []
        self.slow_reason: str | None = None
        self._rebuild = rebuild  # the store of the parsed files, should this index fail past its header
        self._fallback = None
        self._countries = countries  # read from the index when first asked, unless handed in

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
                meta = dict(self._conn.execute(
                    "SELECT key, value FROM meta WHERE key IN ('countries', 'ambiguous', 'names')"))
                rows = json.loads(meta["countries"])  # the whole table in one value: one parse, not 300
            except (sqlite3.DatabaseError, KeyError, ValueError):
                self._recover()
                return self._fallback.countries
            # The normalized names were stored with the index: resolving a name never folds 1,400 aliases.
            self._countries = CountryTable((Country(**_country_args(d)) for d in rows),
                                           json.loads(meta.get("ambiguous", "null")),
                                           meta.get("names"))
        return self._countries

    def _events(self, where: str = "", args: tuple = ()) -> list[Event]:
        rows = self._conn.execute(f"SELECT {_EVENT_ROW} FROM events e {where}",
                                  args).fetchall()
        return sorted((_event_from_row(*row) for row in rows), key=Event.sort_key)

    @_recovering
    def all_events(self) -> list[Event]:
        return self._events()

    @_recovering
    def events_on(self, month: int, day: int) -> list[Event]:
        return self._events("WHERE month = ? AND day = ?", (month, day))

    @_recovering
    def events_between(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> list[Event]:
        a, b = set(codes_a), set(codes_b)
        # Each pair of codes is looked up in the table of pairs: what it costs grows with the events the
        # two countries share, not with all the events of either (a million events of China's alone).
        pairs = sorted({(min(x, y), max(x, y)) for x in a for y in b if x != y})
        both = sorted(a & b)  # a state on both sides: every event that names it touches both
        # One primary-key lookup a pair, as a compound SELECT (a row-value IN scans the whole table), in
        # groups well under SQLite's limit of 500 terms.
        where = [f"n IN ({' UNION ALL '.join(['SELECT n FROM event_pairs WHERE lo = ? AND hi = ?'] * len(group))})"
                 for group in (pairs[i:i + 200] for i in range(0, len(pairs), 200))]
        if both:
            where.append(f"n IN (SELECT n FROM event_countries WHERE code IN ({','.join('?' * len(both))}))")
        if not where:
            return []
        return self._events("WHERE " + " OR ".join(where), (*(c for p in pairs for c in p), *both))

    @_recovering
    def events_with(self, codes: Iterable[str]) -> list[Event]:
        c = list(codes)
        q = ",".join("?" * len(c))
        return self._events(f"WHERE n IN (SELECT n FROM event_countries WHERE code IN ({q}))", tuple(c))

    @_recovering
    def search(self, words: list[str]) -> list[tuple[Event, float]]:
        """Events matching every word (as a prefix), with a relevance score (higher is better)."""
        rows = self._conn.execute(
            f"SELECT {_EVENT_ROW}, -bm25(events_fts, 4.0, 1.0, 2.0, 2.0) "
            "FROM events_fts JOIN events e ON e.n = events_fts.rowid WHERE events_fts MATCH ?",
            (_match(words),)).fetchall()
        return [(_event_from_row(*row[:6]), row[6]) for row in rows]

    @_recovering
    def search_top(self, words: list[str], limit: int,
                   by_date: bool = False) -> tuple[int, list[tuple[Event, float]], bool]:
        """How many events match, the first ``limit`` of them in the order ``query.search`` sorts all of
        them (best score, then date and id; or date and id), counted and cut in SQL; and whether they were
        ranked. Past RANK_LIMIT matches they are not: the first ``limit`` in the corpus's order (its files',
        as given) come back at once instead of after scoring every match."""
        match = _match(words)
        (total,) = self._conn.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", (match,)).fetchone()
        if total > RANK_LIMIT and not by_date:
            rows = self._conn.execute(
                f"SELECT {_EVENT_ROW} FROM events_fts "
                "JOIN events e ON e.n = events_fts.rowid WHERE events_fts MATCH ? ORDER BY events_fts.rowid LIMIT ?",
                (match, limit)).fetchall()
            return total, [(_event_from_row(*row), 0.0) for row in rows], False
        date = f"COALESCE(e.year, {YEARLESS}), COALESCE(e.month, 0), COALESCE(e.day, 0), e.id"
        rows = self._conn.execute(
            f"SELECT {_EVENT_ROW}, -bm25(events_fts, 4.0, 1.0, 2.0, 2.0) AS s "
            "FROM events_fts JOIN events e ON e.n = events_fts.rowid WHERE events_fts MATCH ? "
            f"ORDER BY {date if by_date else 's DESC, ' + date} LIMIT ?", (match, limit)).fetchall()
        return total, [(_event_from_row(*row[:6]), row[6]) for row in rows], True

    def _people(self, where: str = "", args: tuple = ()) -> list[Person]:
        rows = self._conn.execute(f"SELECT body, {_ORIGIN % 'people'} FROM people {where}", args).fetchall()
        return sorted((Person.from_dict(json.loads(b), o) for b, o in rows), key=Person.sort_key)

    @_recovering
    def all_people(self) -> list[Person]:
        return self._people()

    @_recovering
    def search_people(self, words: list[str]) -> list[Person]:
        """People whose names, aliases or description hold every word as a word prefix."""
        return self._people("WHERE n IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)", (_match(words),))

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
        conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=CHECK_WAIT_SECONDS)
        try:
            return conn.execute("PRAGMA quick_check").fetchone() != ("ok",)
        finally:
            conn.close()
    except sqlite3.OperationalError as e:
        return "locked" not in str(e) and "busy" not in str(e)
    except sqlite3.DatabaseError:
        return True  # not a database at all


def build_file(folder: Path) -> tuple[int, str]:
    """A new file beside the index for a build or a copy of the carried index, as ``tempfile.mkstemp``
    makes one (created exclusively, mode 0600), named ``.build-*`` so a killed run's leftover is tidied;
    without importing tempfile, which costs a first run after install more than the copy itself."""
    import time

    for attempt in range(100):
        name = str(folder / f".build-{os.getpid()}-{time.monotonic_ns()}-{attempt}.sqlite3")
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")



class _Builder:
    """A new index in a temporary file beside its final path; ``load`` streams rows into it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = build_file(path.parent)
        os.close(fd)
        self.path = path
        self.n = 0
        self.people_n = 0
        self.files: dict[str, int] = {}  # path -> its number in the files table
        # Text as UTF-8 (an escape is 6 bytes for 2 or 3), no cycle check (these are plain TOML values).
        self.encode = json.JSONEncoder(separators=(",", ":"), check_circular=False, ensure_ascii=False).encode
        try:
            self.conn = sqlite3.connect(self.tmp, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = MEMORY")  # a file with errors is rolled back
            self.conn.execute("PRAGMA synchronous = OFF")  # a crash leaves only a temporary file
            self.conn.execute("PRAGMA page_size = 8192")  # 4 KiB pages left 10% of the events table unused
            self.conn.executescript(_SCHEMA)
            self.conn.execute("BEGIN")
        except BaseException:
            self.abandon()
            raise

    # The load() sink: rows go in as parsed (validated) mappings; no Event objects are made.
    def begin(self) -> None:
        self.conn.execute("SAVEPOINT file")

    def add(self, rows: list[tuple[dict, HDate, str]]) -> None:
        first, encode = self.n, self.encode
        self.n += len(rows)
        self.conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                              ((n, raw["id"], d.year, d.month, d.day, self._file(origin),
                               encode(_body(raw)))
                               for n, (raw, d, origin) in enumerate(rows, first)))
        self.conn.executemany("INSERT INTO event_countries VALUES (?, ?)",
                              ((c, n) for n, (raw, _, _) in enumerate(rows, first) for c in set(raw["countries"])))
        self.conn.executemany("INSERT INTO event_pairs VALUES (?, ?, ?)",
                              ((lo, hi, n) for n, (raw, _, _) in enumerate(rows, first)
                               for lo, hi in _pairs(raw["countries"])))
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
                              ((n, raw["id"], *md(raw, "born"), *md(raw, "died"), self._file(origin), encode(raw))
                               for n, (raw, origin) in enumerate(rows, first)))
        self.conn.executemany("INSERT INTO people_fts (rowid, names, description) VALUES (?, ?, ?)",
                              ((n, " ".join((raw["name"], *raw.get("aliases", ()))), raw.get("description", ""))
                               for n, (raw, _) in enumerate(rows, first)))

    def ledger(self) -> _DiskLedger:
        """Where ``load`` keeps the ids it has seen during this build: a private temporary database, so
        the ids never sit in memory and are never rolled back with a file that had errors."""
        return _DiskLedger()

    def _file(self, path: str) -> int:
        return self.files.setdefault(path, len(self.files))

    def end(self, keep: bool) -> None:
        if not keep:
            self.conn.execute("ROLLBACK TO file")
        self.conn.execute("RELEASE file")

    def finish(self, fp: str, table: CountryTable, problems: list[dict]) -> None:
        """Countries, indexes and meta, the fingerprint last; then rename into place."""
        try:
            encode = self.encode
            self.conn.executemany("INSERT INTO files VALUES (?, ?)", ((n, p) for p, n in self.files.items()))
            for statement in filter(str.strip, _INDEXES.split(";")):  # executescript would commit early
                self.conn.execute(statement)
            from ..sources import stored_names

            countries = encode([c.to_dict() for c in table])
            self.conn.executemany("INSERT INTO meta VALUES (?, ?)", [("problems", encode(problems)), ("fts", "1"),
                                                                     ("countries", countries),
                                                                     ("sites", stored_names()),
                                                                     ("ambiguous", encode(table.ambiguous)),
                                                                     ("names", encode(table.names_index()))])
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
