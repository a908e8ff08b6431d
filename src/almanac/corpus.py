"""Finding and loading corpus files: the bundled corpus, the user's data folder, ALMANAC_DATA and --data."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from . import resources
from .countries import CountryTable, parse_ambiguous, parse_table
from .dates import HDate
from .env import Env
from .errors import DataError
from .model import Event, Person
from .record import field
from .record import record as dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every login

if TYPE_CHECKING:
    from typing import Protocol

    class Sink(Protocol):
        """Where ``load`` hands valid rows as it goes (an index being built), file by file."""

        def begin(self) -> None: ...
        def add(self, rows: list[tuple[dict, HDate, str]]) -> None: ...
        def add_people(self, rows: list[tuple[dict, str]]) -> None: ...
        def end(self, keep: bool) -> None: ...
        def ledger(self) -> Ledger: ...

    from .validate import Problem


MAX_FILE_BYTES = 1 << 30  # 1 GiB: far beyond any real corpus (100,000 events take about 75 MB)


@dataclass(frozen=True)
class Source:
    path: Path
    kind: str  # "bundled", "user" (data folder), "env" (ALMANAC_DATA) or "option" (--data)


def discover(env: Env, extra: list[str] | tuple[str, ...] = ()) -> list[Source]:
    """Every corpus file to read, in order; explicitly named files must exist and be readable."""
    sources = [Source(p, "bundled") for p in ([env.bundled] if env.bundled else resources.bundled_files())]
    user_dir = env.folder("data")
    try:
        sources += [Source(p, "user") for p in sorted(user_dir.glob("*.toml")) if p.is_file()]
    except OSError:
        pass  # an unreadable data folder holds nothing we can use; named files are checked below
    named = [("env", p) for p in env.environ.get("ALMANAC_DATA", "").split(os.pathsep) if p.strip()]
    named += [("option", p) for p in extra]
    seen = {s.path.resolve() for s in sources}
    for kind, name in named:
        path = Path(name).expanduser()
        where = "ALMANAC_DATA" if kind == "env" else "--data"
        if not path.exists():
            raise DataError(f"cannot read corpus file '{name}' (from {where}): no such file")
        if path.is_dir():
            raise DataError(f"cannot read corpus file '{name}' (from {where}): it is a directory")
        if not path.is_file():  # a FIFO or a device would hang or never end: refuse it
            raise DataError(f"cannot read corpus file '{name}' (from {where}): not a regular file")
        if not os.access(path, os.R_OK):
            raise DataError(f"cannot read corpus file '{name}' (from {where}): permission denied")
        if path.resolve() not in seen:
            seen.add(path.resolve())
            sources.append(Source(path, kind))
    return sources


def _read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problem that stops it being read."""
    from .validate import Problem  # lazy, like everything only a build needs

    name = str(path)
    try:
        if not path.is_file():
            return None, [Problem(name, "cannot read: not a regular file" if path.exists()
                                  else "cannot read: No such file or directory")]
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(name, f"cannot read: larger than {MAX_FILE_BYTES >> 20} MiB")]
        data = path.read_bytes()
    except OSError as e:
        return None, [Problem(name, f"cannot read: {e.strerror or e}")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, [Problem(name, "not UTF-8 text", line=line)]


def _parse(text: str, name: str) -> tuple[dict | None, list[Problem]]:
    import tomli  # compiled wheels: about 2.4x the stdlib parser on our files

    from .validate import Problem

    try:
        return tomli.loads(text), []
    except RecursionError:
        return None, [Problem(name, "TOML nested too deeply to read")]
    except tomli.TOMLDecodeError as e:
        message = getattr(e, "msg", str(e))
        return None, [Problem(name, f"TOML syntax error: {message}", line=getattr(e, "lineno", None),
                              col=getattr(e, "colno", None))]


def read_toml(path: Path) -> tuple[dict | None, list[Problem]]:
    """Parse one TOML file; a syntax error becomes a problem with its line and column."""
    text, problems = _read_text(path)
    return (None, problems) if text is None else _parse(text, str(path))


# A line that opens an event: where a large file may be cut into pieces that parse on their own.
_EVENT_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*event[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)
CHUNK_EVENTS = 2000
BLOCK_BYTES = 1 << 22  # how much of a large file is read at once
RESTART = (None, None)


def read_toml_chunks(path: Path) -> Iterator[tuple[dict | None, list[Problem]]]:
    """Parse a corpus file a few thousand events at a time (one document per piece), streaming it.

    A 100,000-event file read whole holds its text and hundreds of megabytes of Python objects at once;
    the file is instead read a block at a time and cut at ``[[event]]`` lines, so a build holds one
    block and one piece. If any piece does not decode or parse (a cut inside a multi-line string, say),
    the pieces so far are dropped (``RESTART``) and the file is read whole, so problems name the real line.
    """
    try:
        small = not path.is_file() or path.stat().st_size < CHUNK_EVENTS * 400
    except OSError:
        small = True
    if small:  # the bundled corpus, or a problem _read_text will name: cutting would cost more than it saves
        yield read_toml(path)
        return
    name = str(path)
    try:
        for piece in _pieces(path):
            try:
                doc, problems = _parse(piece.decode("utf-8"), name)
            except UnicodeDecodeError:
                doc = None
            if doc is None:
                break
            yield doc, problems
        else:
            return
    except OSError:
        pass  # read again whole: the problem is then reported as for any file
    yield RESTART  # forget the pieces so far: the whole file follows
    yield read_toml(path)  # read whole: the precise problem, or the right reading


def _pieces(path: Path) -> Iterator[bytes]:
    """The file's bytes cut just before every CHUNK_EVENTS-th ``[[event]]`` line (after the first)."""
    seen, piece = 0, []
    with open(path, "rb") as f:
        rest = b""
        while True:
            block = f.read(BLOCK_BYTES)
            data = rest + block
            end = len(data) if not block else data.rfind(b"\n") + 1  # whole lines only, but at the end
            lines, rest = data[:end], data[end:]
            start = 0
            for m in _EVENT_HEADER.finditer(lines):
                seen += 1
                if seen > CHUNK_EVENTS and (seen - 1) % CHUNK_EVENTS == 0:
                    piece.append(lines[start:m.start()])
                    yield b"".join(piece)
                    piece, start = [], m.start()
            piece.append(lines[start:])
            if not block:
                break
    yield b"".join(piece)


def load_countries() -> CountryTable:
    doc, problems = read_toml(resources.countries_file())
    if doc is None:
        raise DataError(str(problems[0]))
    return CountryTable(parse_table(doc), parse_ambiguous(doc))


@dataclass
class Loaded:
    """What the corpus files hold: valid rows (mapping, parsed date, file) and every problem."""

    rows: list[tuple[dict, HDate, str]] = field(default_factory=list)
    people_rows: list[tuple[dict, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_files: set[str] = field(default_factory=set)

    def errors(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.problems if strict or not p.strict_only]

    @property
    def events(self) -> list[Event]:
        return [Event.from_dict(raw, origin, date) for raw, date, origin in self.rows]

    @property
    def people(self) -> list[Person]:
        return [Person.from_dict(raw, origin) for raw, origin in self.people_rows]


class Ledger:
    """Every event id seen, and the number of the file it was first seen in: duplicates within a file and
    across files. In memory for a plain load; an index build keeps its ledger on disk (``sink.ledger()``),
    as a million ids would hold about 100 MiB."""

    def __init__(self) -> None:
        self._first: dict[str, int] = {}

    def record(self, ids: list[str], number: int) -> list[int | None]:
        """For each id in order, the file it was seen in before (None for a new id, which is recorded
        as this file's; an id twice in ``ids`` is this file's the second time)."""
        first, out = self._first, []
        for eid in ids:
            before = first.get(eid)
            if before is None:
                first[eid] = number
            out.append(before)
        return out

    def forget(self, number: int) -> None:
        """Drop the ids of file ``number`` (read again from its start)."""
        self._first = {k: v for k, v in self._first.items() if v != number}

    def close(self) -> None:
        pass


def load(sources: list[Source], table: CountryTable, strict: bool = False, sink: Sink | None = None) -> Loaded:
    """Parse and validate every source. A file with errors contributes no events at all.

    Events stay as parsed mappings (with their dates parsed once): an index build stores them as they
    are, without making 100,000 Event objects it would never use. With a ``sink`` the rows go there, a
    piece of a file at a time, and are not kept; ``end(keep=False)`` tells it to drop a file that turned
    out to have errors. ``strict`` (``check --strict``) reads each file whole, to check its order.
    """
    ledger = sink.ledger() if sink is not None else Ledger()
    try:
        return _load(sources, table, strict, sink, ledger)
    finally:
        ledger.close()


def _load(sources: list[Source], table: CountryTable, strict: bool, sink: Sink | None, ledger: Ledger) -> Loaded:
    from .validate import Problem, check_document  # lazy: queries answered from the index never validate

    out = Loaded()
    seen_people: dict[str, str] = {}
    names: list[str] = []
    for number, source in enumerate(sources):
        name = str(source.path)
        names.append(name)
        if sink is not None:
            sink.begin()
        pieces = iter([read_toml(source.path)]) if strict else read_toml_chunks(source.path)
        problems: list[Problem] = []
        kept: list[tuple[dict, HDate, str]] = []
        kept_people: list[tuple[dict, str]] = []
        local_people: set[str] = set()
        position = 0
        for doc, parse_problems in pieces:
            if (doc, parse_problems) == RESTART:
                if sink is not None:
                    sink.end(keep=False)
                    sink.begin()
                problems, kept, position = [], [], 0
                ledger.forget(number)  # read again from the start
                kept_people, local_people = [], set()
                continue
            if doc is None:
                problems += parse_problems
                break
            dates: list[HDate | None] = []
            problems += check_document(doc, name, table, strict=strict, dates=dates, first=position + 1)
            raw_events = doc.get("event", [])
            if not isinstance(raw_events, list):
                raw_events = []
            position += len(raw_events)
            ids = [raw["id"] for raw in raw_events if isinstance(raw, dict) and isinstance(raw.get("id"), str)]
            for eid, first in zip(ids, ledger.record(ids, number)):
                if first is None:
                    continue
                if first == number:
                    problems.append(Problem(name, "duplicate id (twice in this file)", eid, "id"))
                else:
                    problems.append(Problem(name, f"duplicate id (also in {names[first]})", eid, "id"))
            raw_people = doc.get("person", [])
            raw_people = raw_people if isinstance(raw_people, list) else []
            for raw in raw_people:
                pid = raw.get("id") if isinstance(raw, dict) else None
                if not isinstance(pid, str):
                    continue
                if pid in seen_people or pid in local_people:
                    where = seen_people.get(pid, "this file")
                    problems.append(Problem(name, f"duplicate person id (also in {where})", pid, "id",
                                            kind="person"))
                local_people.add(pid)
            if not any(not p.strict_only for p in problems):
                rows = [(raw, date, name) for raw, date in zip(raw_events, dates)]
                prows = [(raw, name) for raw in raw_people]
                if sink is not None:
                    sink.add(rows)
                    sink.add_people(prows)
                else:
                    kept.extend(rows)
                    kept_people.extend(prows)
        bad = any(not p.strict_only for p in problems)
        if sink is not None:
            sink.end(keep=not bad)
        if bad:
            out.bad_files.add(name)
        else:
            out.rows.extend(kept)
            out.people_rows.extend(kept_people)
        for pid in local_people:
            seen_people.setdefault(pid, name)
        out.problems.extend(problems)
    return out
