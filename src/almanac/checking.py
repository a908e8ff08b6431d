"""``almanac check``: every problem in every corpus file, as a report (it never prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .corpus import Source, discover, load, load_countries
from .terminal import Env
from .validate import Problem


@dataclass
class Report:
    problems: list[Problem]
    files: int
    events: int

    def text(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.problems:
            n = len(self.problems)
            lines.append(f"{n} problem{'s' if n != 1 else ''} in {self.files} file{'s' if self.files != 1 else ''}")
        else:
            lines.append(f"No problems: {self.events} events in {self.files} file{'s' if self.files != 1 else ''}.")
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
    return Report(problems, len(sources), len(loaded.rows))
