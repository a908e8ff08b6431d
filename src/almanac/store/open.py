"""Which store answers: the index of exactly these corpus files if it is current, else a fresh build, else
the parsed files in memory when no index can be kept.

Each set of corpus files gets its own index in the user cache folder, named by its paths and trusted only
if it records exactly what it was built from (the full ``stat`` of every source, as git does, so an edit
that keeps size and mtime still changes ``st_ctime_ns``). A file with errors is recorded in the index with
its problems, so a broken file in the user's data folder costs one warning, not a full parse at every
login. A busy or locked index is waited for, never deleted; only one that fails an integrity check is.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

from .. import __version__
from ..corpus import Source, load, load_countries, resources
from ..countries import CountryTable
from ..errors import DataError
from .sqlite import SCHEMA_VERSION, IndexStore, _Builder

STALE_BUILD_SECONDS = 600  # a .build-* file untouched this long was left by a killed build
UNUSED_INDEX_SECONDS = 30 * 86400  # an index for another set of files, untouched this long, is removed


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


def open_store(sources: list[Source], cache_dir: Path | None, lenient: bool = False,
               countries: CountryTable | None = None):
    """The store for these sources: the index if current, else a fresh build (or memory if it can't be kept).

    ``lenient`` (the greeting) skips every file with errors, with a warning, instead of raising DataError.
    ``countries`` is the country table, if the caller has it already (read once, never twice).
    """
    try:
        opening = _Opening.of(sources, cache_dir, countries)
    except OSError as e:
        raise DataError(f"cannot read '{e.filename}': {e.strerror}") from None
    store = opening.current(rebuild=opening.build) if opening.path is not None else None
    if store is None:
        store = opening.build()
    return _settle(store, store.problems, lenient)


def open_existing(sources: list[Source], cache_dir: Path | None):
    """The current index of these sources if there is one, else None: never a build, never a parse
    (shell completion asks this at every TAB)."""
    if cache_dir is None:
        return None
    try:
        opening = _Opening.of(sources, cache_dir, None)
    except OSError:
        return None
    return opening.current(rebuild=opening.from_files)


class _Opening:
    """One open of the corpus: the sources, their fingerprint, the index path, the country table once."""

    def __init__(self, sources: list[Source], fp: str, path: Path | None, countries: CountryTable | None,
                 paths: list[Path] | None = None):
        self.sources, self.fp, self.path = sources, fp, path
        self.paths = paths or []  # what the index is built from: the corpus files, then the country table
        self._table = countries

    @classmethod
    def of(cls, sources: list[Source], cache_dir: Path | None, countries: CountryTable | None) -> _Opening:
        """The opening of these sources: their fingerprint (OSError if one cannot be read), their index path."""
        paths = [s.path.resolve() for s in sources] + [resources.countries_file().resolve()]
        path = index_path(cache_dir, paths) if cache_dir is not None else None
        return cls(sources, fingerprint(paths), path, countries, paths)

    def table(self) -> CountryTable:
        if self._table is None:
            self._table = load_countries()
        return self._table

    def current(self, rebuild, countries: CountryTable | None = None) -> IndexStore | None:
        """The index at ``path`` if it is whole and was built from exactly these sources."""
        conn = None
        try:
            # as_uri() escapes '#', '?' and '%' in the cache path, which would otherwise end the file name.
            conn = sqlite3.connect(self.path.as_uri() + "?mode=ro", uri=True, timeout=10)  # wait out a writer
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("fingerprint") == self.fp:
                from .. import sources  # cards name their sources from what the index stored

                sources.offer(meta.get("sites"))
                return IndexStore(conn, self.path, json.loads(meta.get("problems", "[]")), rebuild, countries)
        except (sqlite3.Error, ValueError):
            pass  # missing, truncated or not a database: rebuild it
        if conn is not None:
            conn.close()
        return None

    def from_files(self):
        """The parsed files in memory (a MemoryStore), for when no index can be used."""
        from .memory import MemoryStore  # lazy: a current index never needs it

        table = self.table()
        loaded = load(self.sources, table)
        store = MemoryStore(loaded.events, table, people=loaded.people)
        store.problems = _problems(loaded, self.sources)
        return store

    def build(self):
        """A fresh index of the sources, opened; the parsed files when no index can be written."""
        from . import carried  # lazy: only a first run (or a changed corpus) gets here

        shipped = carried.carried(self.paths)  # the bundled corpus alone: the wheel carries its index
        if self.path is None:
            if shipped is not None:
                return IndexStore(carried.open_in_place(shipped[0]), shipped[0], [], self.from_files)
            return self.from_files()
        _tidy(self.path.parent, self.path)
        if shipped is not None and carried.copy_into(shipped, self.path, self.fp, self.paths):
            store = self.current(rebuild=self.from_files)
            if store is not None:
                return store
        try:
            builder = _Builder(self.path)
        except (OSError, sqlite3.Error) as e:
            if shipped is not None:  # read the carried index in place, checked against the files just now
                return IndexStore(carried.open_in_place(shipped[0]), shipped[0], [], self.from_files)
            store = self.from_files()  # no cache folder we can write: work from the files
            store.slow_reason = (f"cannot write the cache folder {self.path.parent} "
                                 f"({getattr(e, 'strerror', None) or e}): every run reads the whole corpus, "
                                 "which is slow; make it writable, or point XDG_CACHE_HOME elsewhere")
            return store
        try:
            table = self.table()
            loaded = load(self.sources, table, sink=builder)
            builder.finish(self.fp, table, _problems(loaded, self.sources))
        except (OSError, sqlite3.Error):
            builder.abandon()
            return self.from_files()  # the disk filled up, say: the files still answer
        except BaseException:
            builder.abandon()
            raise
        # The table was just parsed: the store need not read it back from the index.
        return self.current(rebuild=self.from_files, countries=table) or self.from_files()


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
    """Remove what killed builds left behind (a build's file untouched for ten minutes), indexes of
    corpus files that are gone, and indexes for file sets not used for a month; greeting tables of named
    files older than a month too (one still in use is simply written again by the next greeting)."""
    now = time.time()
    try:
        for p in folder.iterdir():
            age = now - p.stat().st_mtime
            left_behind = p.name.startswith(".build-") or (p.name.startswith("greetings") and p.suffix == ".tmp")
            if (left_behind and age > STALE_BUILD_SECONDS) or (
                    p.name.startswith("index-") and p != keep
                    and (age > UNUSED_INDEX_SECONDS or _orphaned(p))) or (
                    p.name.startswith("greetings-") and p.suffix == ".txt" and age > UNUSED_INDEX_SECONDS):
                p.unlink()
    except OSError:
        pass  # tidying is a courtesy; never a reason to fail


def _problems(loaded, sources: list[Source]) -> list[dict]:
    """Each file with errors: its first problem, how many more, and whether it stops a command.

    A file the user named (--data, ALMANAC_DATA) or the bundled corpus stops every command but the
    greeting; a file found in the user's data folder is skipped with a warning.
    """
    from ..text import plural

    kinds = {str(s.path): s.kind for s in sources}
    out: list[dict] = []
    for name in sorted(loaded.bad_files):
        errors = [p for p in loaded.errors() if p.file == name]
        more = len(errors) - 1
        text = str(errors[0]) + (f" (and {plural(more, 'more problem', 'more problems')})" if more else "")
        out.append({"file": name, "text": text, "fatal": kinds.get(name) != "user"})
    return out


def _settle(store, problems: list[dict], lenient: bool):
    """Raise for a fatal problem (unless ``lenient``); turn the rest into warnings on the store."""
    fatal = [p for p in problems if p["fatal"]]
    if fatal and not lenient:
        raise DataError(f"{fatal[0]['text']}; run 'almanac check' for the full list")
    store.warnings = [f"skipped {p['file']}: it has errors (run 'almanac check')" for p in problems]
    return store
