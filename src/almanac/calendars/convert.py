"""A calendar file's entries made corpus-format event dicts, with a note for every guess or skip.

A calendar line gives a month and day, and usually the year in its text ("..., 1949"). A line without
a clear year becomes an event known to the day only, written ``date = "--05-15"`` (ISO 8601's form for
a day with no year), which the corpus format accepts for imported files.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from ..countries import CountryTable
from ..dates import HDate, days_in_month
from ..errors import DataError, UsageError
from .countries import CountryFinder, ascii_words
from .read import Note, bsd_entries, calendar_lines, detect, find_year, pal_entries

KINDS = ("bsd", "pal")


@dataclass
class ImportResult:
    kind: str
    events: list[dict] = field(default_factory=list)  # corpus-format dicts, sorted as to_toml writes them
    lines: list[int] = field(default_factory=list)  # the line each event starts on, parallel to events
    notes: list[Note] = field(default_factory=list)
    files_of: list[str | None] = field(default_factory=list)  # the included file of each event (None: the file)
    files: int = 1  # how many files were read (the file and those it includes)

    def note_counts(self) -> list[tuple[str, int]]:
        """Each kind of note with how many lines it covers, most first: what a summary says."""
        from collections import Counter

        return Counter(n.sort for n in self.notes).most_common()


def slug(title: str, year: int | None, max_words: int = 8) -> str:
    """'mao-tse-tung-establishes-the-peoples-republic-of-china-1949' from a title and its year."""
    words = ascii_words(title)[:max_words] or ["event"]
    if year is not None:
        words.append(f"{-year}bc" if year < 0 else str(year))
    return "-".join(words)


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def convert(text: str, kind: str | None, table: CountryTable, name: str = "<stdin>",
            taken_ids: Collection[str] = (), folder: Path | None = None,
            search: tuple[Path, ...] = ()) -> ImportResult:
    """Read a BSD calendar or pal file (``kind`` None: detect it) into corpus-format event dicts.

    ``name`` is the file name written into each event's source; ``taken_ids`` (say, the corpus's ids)
    are avoided so the imported file can be loaded beside them. A calendar(1) file's ``#include`` lines
    are followed (``folder``: the file's own folder; ``search``: the calendar folders). Raises
    UsageError for an unknown ``kind`` and DataError when none is given and the text is of neither kind.
    """
    if kind is None:
        kind = detect(text)
        if kind is None:
            raise DataError(f"cannot tell the calendar kind of {name}: no line looks like a BSD calendar "
                            "or pal entry")
    if kind not in KINDS:
        raise UsageError(f"unknown calendar kind {kind!r} (choose from {', '.join(KINDS)})")
    result = ImportResult(kind)
    if kind == "bsd":
        seen = {(folder / name).resolve()} if folder is not None else set()
        lines = list(calendar_lines(text, result.notes, folder, search, seen=seen))
        result.files = 1 + len({f for f, _, _ in lines if f is not None})
        entries = bsd_entries(lines, result.notes)
    else:
        entries = pal_entries(text, result.notes)
    finder = CountryFinder(table)
    used = set(taken_ids)
    built: list[tuple[tuple, int, dict]] = []
    for raw in entries:
        summary = " ".join(raw.text.split())
        year, title = find_year(summary)
        if raw.year is not None:
            year = raw.year  # pal's yyyymmdd is clearer than the text
        if year is not None and not raw.day <= days_in_month(raw.month, year):
            result.notes.append(Note(raw.line, f"{year} has no 29 February: imported without a year", raw.file))
            year = None
        if year is None:
            result.notes.append(Note(raw.line, "no year in the text: imported as a day with no year", raw.file))
        countries = finder.find(summary, year)
        if not countries:
            result.notes.append(Note(raw.line, "no country recognised: fill in countries", raw.file))
        event = {
            "id": _unique(slug(title, year), used),
            "date": HDate(year, raw.month, raw.day).iso(),
            "title": title,
            "summary": summary,
            "countries": countries,
            "sources": [f"imported from {raw.file or name}, line {raw.line}"],
        }
        # Dated events first in date order, then the days with no year in calendar order.
        key = (0, year, raw.month, raw.day) if year is not None else (1, 0, raw.month, raw.day)
        built.append((key, (raw.file or "", raw.line), event))
    for _, (file, line), event in sorted(built, key=lambda b: (b[0], b[1])):
        result.events.append(event)
        result.lines.append(line)
        result.files_of.append(file or None)
    result.notes.sort(key=lambda note: (note.file or "", note.line))
    return result
