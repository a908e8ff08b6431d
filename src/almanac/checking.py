"""``almanac check``: every problem in every corpus file, as a report (it never prints)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Source, discover, load, load_countries
from .env import Env
from .text import plural
from .validate import Problem


@dataclass
class Report:
    problems: list[Problem]
    files: int
    events: int
    people: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"warning: {p}" for p in self.warnings] + [str(p) for p in self.problems]
        if self.problems:
            lines.append(f"{plural(len(self.problems), 'problem')} in {plural(self.files, 'file')}")
        else:
            people = f" and {plural(self.people, 'person', 'people')}" if self.people else ""
            lines.append(f"No problems: {plural(self.events, 'event')}{people} in {plural(self.files, 'file')}.")
        return "\n".join(lines) + "\n"


def check_files(env: Env, data: list[str], files: list[str], strict: bool = False) -> Report:
    """Check the bundled corpus, the user's files (data folder, ALMANAC_DATA, --data) and ``files``."""
    sources = discover(env, data)
    known = {s.path.resolve() for s in sources}
    for name in files:
        path = Path(name)
        if path.resolve() not in known:
            known.add(path.resolve())
            sources.append(Source(path, "option"))
    loaded = load(sources, load_countries(), strict=strict)
    problems = loaded.errors(strict)
    warnings = source_warnings(loaded) if strict else []
    return Report(problems, len(sources), len(loaded.rows), len(loaded.people_rows), warnings)


def source_warnings(loaded) -> list[Problem]:
    """Entries whose every source is an aggregator, a mirror or an internal id: a reader cannot check them."""
    from .sources import is_aggregator

    out = []
    entries = [(raw, origin, "event") for raw, _, origin in loaded.rows]
    entries += [(raw, origin, "person") for raw, origin in loaded.people_rows]
    for raw, origin, kind in entries:
        srcs = raw.get("sources") or []
        if srcs and all(is_aggregator(s) for s in srcs):
            out.append(Problem(origin, "only aggregator or mirror pages (data/sources.toml): cite the reference "
                               "itself, e.g. the encyclopedia article", raw.get("id"), "sources", kind=kind))
    return out
