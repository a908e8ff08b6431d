"""Finding and loading corpus files: the bundled corpus, the user's data folder, ALMANAC_DATA and --data."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from pathlib import Path

from . import resources
from .countries import CountryTable, parse_table
from .errors import DataError
from .dates import HDate
from .model import Event
from .terminal import Env

if TYPE_CHECKING:
    from .validate import Problem


MAX_FILE_BYTES = 1 << 30  # 1 GiB: far beyond any real corpus (100,000 events take about 75 MB)


@dataclass(frozen=True)
class Source:
    path: Path
    kind: str  # "bundled", "user" (data folder), "env" (ALMANAC_DATA) or "option" (--data)


def discover(env: Env, extra: list[str] | tuple[str, ...] = ()) -> list[Source]:
    """Every corpus file to read, in order; explicitly named files must exist and be readable."""
    sources = [Source(env.bundled or resources.events_file(), "bundled")]
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


def read_toml(path: Path) -> tuple[dict | None, list[Problem]]:
    """Parse one TOML file; a syntax error becomes a problem with its line and column."""
    import tomli  # compiled wheels: about 2.4x the stdlib parser on our files

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
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, [Problem(name, "not UTF-8 text", line=line)]
    try:
        return tomli.loads(text), []
    except RecursionError:
        return None, [Problem(name, "TOML nested too deeply to read")]
    except tomli.TOMLDecodeError as e:
        message = getattr(e, "msg", str(e))
        return None, [Problem(name, f"TOML syntax error: {message}", line=getattr(e, "lineno", None),
                              col=getattr(e, "colno", None))]


def load_countries() -> CountryTable:
    doc, problems = read_toml(resources.countries_file())
    if doc is None:
        raise DataError(str(problems[0]))
    return CountryTable(parse_table(doc))


@dataclass
class Loaded:
    """What the corpus files hold: valid rows (mapping, parsed date, file) and every problem."""

    rows: list[tuple[dict, HDate, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_files: set[str] = field(default_factory=set)

    def errors(self, strict: bool = False) -> list[Problem]:
        return [p for p in self.problems if strict or not p.strict_only]

    @property
    def events(self) -> list[Event]:
        return [Event.from_dict(raw, origin, date) for raw, date, origin in self.rows]


def load(sources: list[Source], table: CountryTable, strict: bool = False) -> Loaded:
    """Parse and validate every source. A file with errors contributes no events at all.

    Events stay as parsed mappings (with their dates parsed once): an index build stores them as they
    are, without making 100,000 Event objects it would never use.
    """
    from .validate import Problem, check_document  # lazy: queries answered from the index never validate

    out = Loaded()
    seen_ids: dict[str, str] = {}
    for source in sources:
        name = str(source.path)
        doc, problems = read_toml(source.path)
        dates: list[HDate | None] = []
        if doc is not None:
            problems = check_document(doc, name, table, strict=strict, dates=dates)
        raw_events = doc.get("event", []) if doc is not None else []
        if not isinstance(raw_events, list):
            raw_events = []
        local: set[str] = set()
        for raw in raw_events:
            eid = raw.get("id") if isinstance(raw, dict) else None
            if not isinstance(eid, str):
                continue
            if eid in seen_ids:
                problems.append(Problem(name, f"duplicate id (also in {seen_ids[eid]})", eid, "id"))
            elif eid in local:
                problems.append(Problem(name, "duplicate id (twice in this file)", eid, "id"))
            local.add(eid)
        for eid in local:
            seen_ids.setdefault(eid, name)
        if any(not p.strict_only for p in problems):
            out.bad_files.add(name)
        else:
            out.rows.extend((raw, date, name) for raw, date in zip(raw_events, dates))
        out.problems.extend(problems)
    return out


def raise_for_errors(loaded: Loaded) -> None:
    """Turn the first error into a DataError (exit 1) that points at ``almanac check``."""
    errors = loaded.errors()
    if errors:
        n = len(errors) - 1
        more = f" (and {n} more problem{'s' if n > 1 else ''})" if n else ""
        raise DataError(f"{errors[0]}{more}; run 'almanac check' for the full list")
