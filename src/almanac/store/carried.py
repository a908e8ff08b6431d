"""The index the wheel carries: built from the bundled corpus when the wheel is made, so that the first
run after ``pip install`` copies an index instead of parsing the whole corpus.

The carried file records what it was built from by content (each file's name, size and CRC-32), since
installing a wheel gives every file a new ``stat``. It is only ever read: the first run checks it against
the installed files and copies it into the user's cache folder, where it gets the usual ``stat``
fingerprint and is used like any index built there. A cache folder that cannot be written uses the carried
file in place, read-only, after the same check. A user's own corpus files never touch it: any set of
sources other than exactly the bundled files is built as before.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

from .. import __version__, resources
from .sqlite import SCHEMA_VERSION, build_file

NAME = "index.sqlite3"
NOT_A_FINGERPRINT = "carried"  # never equal to a real fingerprint (a JSON list), so never trusted as one


def content(paths: list[Path]) -> str:
    """What an index was built from, by content: the schema, the version, each file's name, size and CRC."""
    parts: list = [SCHEMA_VERSION, __version__]
    for p in paths:
        data = p.read_bytes()
        parts.append([p.name, len(data), zlib.crc32(data)])
    return json.dumps(parts)


def _bundled(paths: list[Path]) -> bool:
    """These index paths (corpus files, then the country table) are exactly the bundled corpus."""
    wanted = [p.resolve() for p in (*resources.bundled_files(), resources.countries_file())]
    return paths == wanted


def carried(paths: list[Path]) -> tuple[Path, dict] | None:
    """The carried index and its meta, if there is one and it was built from exactly these files."""
    path = resources.data_dir() / NAME
    if not _bundled(paths) or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path.as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
        if meta.get("content") != content(paths):
            return None
    except (sqlite3.Error, OSError, ValueError):
        return None
    return path, meta


def open_in_place(path: Path) -> sqlite3.Connection:
    """A read-only connection to the carried file (for a cache folder that cannot be written)."""
    return sqlite3.connect(path.as_uri() + "?mode=ro&immutable=1", uri=True)


def _copy(src, dst) -> None:
    """The bytes of one open file into another: in the kernel where it can (no pass through Python)."""
    size = os.fstat(src.fileno()).st_size
    try:
        done = 0
        while done < size:
            sent = os.sendfile(dst.fileno(), src.fileno(), done, size - done)
            if not sent:
                break
            done += sent
        if done == size:
            return
    except (AttributeError, OSError):  # no sendfile here (macOS sends only to sockets, Windows has none)
        pass
    src.seek(0)
    dst.seek(0)
    dst.truncate()
    while chunk := src.read(1 << 20):
        dst.write(chunk)


def copy_into(found: tuple[Path, dict], target: Path, fingerprint: str, paths: list[Path]) -> bool:
    """Copy the carried index to ``target`` with this fingerprint; False if it cannot be written."""
    source, meta = found
    origins = json.loads(meta.get("origins", "{}"))  # the path each file had at build time -> its name
    here = {p.name: str(p) for p in paths}
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = build_file(target.parent)
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            _copy(src, dst)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # The file is ours alone until it is renamed into place: no journal and no fsync (a crash
            # leaves a temporary file that the next build removes), as a build writes its own.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("BEGIN")
            for built, name in origins.items():  # rows name the file they came from, as a build's do
                if name in here:
                    conn.execute("UPDATE files SET path = ? WHERE path = ?", (here[name], built))
            conn.execute("DELETE FROM meta WHERE key = 'origins'")  # 'content' stays: where this index came from
            conn.execute("UPDATE meta SET value = ? WHERE key = 'fingerprint'", (fingerprint,))
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, target)
        return True
    except (OSError, sqlite3.Error):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def build(data_dir: Path, out: Path) -> list[dict]:
    """Build the index of the bundled corpus in ``data_dir`` into ``out`` (the wheel's build hook calls
    this); the problems found, if any (then ``out`` is not written)."""
    from ..corpus import Source, load, read_toml
    from ..countries import CountryTable, parse_ambiguous, parse_table
    from .open import _problems
    from .sqlite import _Builder

    files = [data_dir / "events.toml", *([data_dir / "people.toml"] if (data_dir / "people.toml").is_file() else [])]
    countries = data_dir / "countries.toml"
    doc, problems = read_toml(countries)
    if doc is None:
        return [{"file": str(countries), "text": str(problems[0]), "fatal": True}]
    table = CountryTable(parse_table(doc), parse_ambiguous(doc))
    sources = [Source(p, "bundled") for p in files]
    builder = _Builder(out)
    try:
        loaded = load(sources, table, sink=builder)
        found = _problems(loaded, sources)
        if found:
            builder.abandon()
            return found
        builder.conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("content", content([*files, countries])),
            ("origins", json.dumps({str(p): p.name for p in files}))])
        builder.finish(NOT_A_FINGERPRINT, table, [])
    except BaseException:
        builder.abandon()
        raise
    return []
