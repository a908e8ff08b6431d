"""Reading calendar(1) and pal files: the file's text, its kind, its entries and the years in their text.

An entry is a line's day of the year and its text; what cannot become one (a comment, a setting, a day
that moves from year to year) is a ``Note``, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..dates import MONTHS, days_in_month
from ..errors import DataError

FIRST_YEAR, LAST_YEAR = 500, 2100  # a bare number in the text counts as a year only in this range


@dataclass(frozen=True)
class Note:
    line: int
    message: str

    def __str__(self) -> str:
        from ..text import clean  # notes quote the file's own text: data, never control

        return clean(f"line {self.line}: {self.message}", one_line=True)


@dataclass(frozen=True)
class Entry:
    """One calendar entry before it becomes an event: where it is, its day and its text."""

    line: int
    month: int
    day: int
    text: str
    year: int | None = None  # given by the date field itself (pal yyyymmdd)


MAX_CALENDAR_BYTES = 64 << 20  # far beyond any calendar file; a device or a runaway file is refused


def read_calendar(path: Path) -> str:
    """A calendar file's text (undecodable bytes replaced); DataError if it cannot or should not be read."""
    try:
        if not path.is_file():
            raise DataError(f"cannot read '{path}': " + ("not a regular file" if path.exists() else "no such file"))
        if path.stat().st_size > MAX_CALENDAR_BYTES:
            raise DataError(f"cannot read '{path}': larger than {MAX_CALENDAR_BYTES >> 20} MiB, "
                            "which no calendar file is")
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise DataError(f"cannot read '{path}': {e.strerror or e}") from None



_MONTH_NAMES = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)} | {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_RE = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_BSD_DATE = re.compile(
    rf"^(?:(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})|(?P<mn>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mn2>{_MONTH_RE})\.?)(?P<star>\*?)(?:\t|\s+)(?P<text>\S.*)$", re.IGNORECASE)
_PAL_EVENT = re.compile(r"^(?P<date>\S+)\s+(?P<text>\S.*)$")
_PAL_DATE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?::(?P<end>\d{8}))?$")
_CPP = re.compile(r"^#\s*(include|ifndef|ifdef|if|define|undef|endif|else|elif)\b")


def detect(text: str) -> str | None:
    """'bsd' or 'pal' from the lines of ``text``, or None when neither kind fits."""
    bsd = pal = 0
    for line in text.splitlines():
        if _BSD_DATE.match(line) or _CPP.match(line):
            bsd += 1
        elif (m := _PAL_EVENT.match(line)) and _PAL_DATE.match(m.group("date")):
            pal += 1
    if bsd == pal == 0:
        return None
    return "bsd" if bsd >= pal else "pal"


_Y = r"(?P<year>\d{1,4})"
_BC = r"(?P<bc>\s*(?:BC|B\.C\.|BCE|B\.C\.E\.))"
# In order of trust; the first that finds a year wins. Each match is what gets cut from the title.
# A comma before a year is followed by a space, or at least not preceded by a digit ('1,300').
_YEAR_PATTERNS = (
    re.compile(rf"(?:,\s+|(?<!\d),){_Y}{_BC}?\s*[.;]?\s*$"),  # "..., 1949" / "..., 44BC" at the end
    re.compile(rf"\s*\(\s*{_Y}{_BC}?\s*\)\s*[.;]?\s*$"),  # "... (1966)" at the end
    re.compile(rf"^{_Y}{_BC}?\s+(?=\S)"),  # "1963 Revolution Anniversary in Iraq"
    re.compile(rf"(?:,\s+|(?<!\d),){_Y}{_BC}?(?=[,.;]?\s)"),  # "..., 1485, Last of the Plantagenets"
    re.compile(rf"\s*\(\s*{_Y}{_BC}?\s*\)"),  # "(1947)" elsewhere
    re.compile(rf"(?<=\bin ){_Y}{_BC}?(?!\d)"),  # "in 1947": kept in the title, it reads as a sentence
)
_KEEP_IN_TITLE = _YEAR_PATTERNS[-1]


def find_year(text: str) -> tuple[int | None, str]:
    """The year ``text`` clearly gives, and the text without it ('Mao ..., 1949' -> 1949, 'Mao ...').

    A bare number is a year only from 500 to 2100 and with three or four digits; with 'BC' any
    number is. Anything less clear is no year: (None, text).
    """
    for pattern in _YEAR_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        digits, bc = m.group("year"), m.group("bc")
        if bc:
            year = -int(digits)
        elif len(digits) >= 3 and FIRST_YEAR <= int(digits) <= LAST_YEAR:
            year = int(digits)
        else:
            continue
        if year == 0:
            continue
        if pattern is _KEEP_IN_TITLE:
            return year, text
        rest = (text[: m.start()] + text[m.end():]).strip()
        return year, (rest if rest else text)
    return None, text


def bsd_entries(text: str, notes: list[Note]) -> list[Entry]:
    entries: list[list] = []  # [line, month, day, text parts]
    in_comment = False
    last_ok = False  # whether a continuation line has an entry to join
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if in_comment:
            notes.append(Note(n, "comment skipped"))
            in_comment = "*/" not in line
            continue
        if not stripped:
            continue
        if stripped.startswith("/*"):
            notes.append(Note(n, "comment skipped"))
            in_comment = "*/" not in stripped[2:]
            last_ok = False
            continue
        if stripped.startswith("//"):
            notes.append(Note(n, "comment skipped"))
            continue
        if _CPP.match(stripped):
            word = _CPP.match(stripped).group(1)
            extra = ": included files are not read" if word == "include" else ""
            notes.append(Note(n, f"#{word} line skipped{extra}"))
            last_ok = False
            continue
        if re.match(r"^[A-Za-z_]+=", stripped):
            notes.append(Note(n, f"setting skipped: {stripped[:40]}"))
            last_ok = False
            continue
        if line[:1] == "\t":
            if last_ok:
                entries[-1][3].append(stripped)
            else:
                notes.append(Note(n, "continuation line with no event before it: skipped"))
            continue
        m = _BSD_DATE.match(line)
        if not m:
            notes.append(Note(n, f"not a date this importer reads: skipped ({stripped[:40]})"))
            last_ok = False
            continue
        month = int(m.group("m")) if m.group("m") else _MONTH_NAMES[(m.group("mn") or m.group("mn2")).lower()]
        day = int(m.group("d") or m.group("d2") or m.group("d3"))
        if m.group("star"):
            notes.append(Note(n, "date marked '*' (not fixed from year to year): skipped"))
            last_ok = False
            continue
        if not (1 <= month <= 12 and 1 <= day <= days_in_month(month)):
            notes.append(Note(n, f"{month:02d}/{day:02d} is not a day of the year: skipped"))
            last_ok = False
            continue
        entries.append([n, month, day, [m.group("text").strip()]])
        last_ok = True
    return [Entry(n, month, day, " ".join(parts)) for n, month, day, parts in entries]


def pal_entries(text: str, notes: list[Note]) -> list[Entry]:
    entries: list[Entry] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            notes.append(Note(n, "comment skipped"))
            continue
        if not header_seen:
            header_seen = True
            parts = stripped.split(None, 1)
            if not _PAL_DATE.match(parts[0]):
                notes.append(Note(n, f"pal calendar header: marker {parts[0]!r}" +
                                  (f", name {parts[1]!r}" if len(parts) > 1 else "")))
                continue
        m = _PAL_EVENT.match(stripped)
        d = _PAL_DATE.match(m.group("date")) if m else None
        if not d:
            what = m.group("date") if m else stripped[:40]
            notes.append(Note(n, f"pal date {what!r} is not a fixed day (yyyymmdd or 0000mmdd): skipped"))
            continue
        year, month, day = int(d.group("y")), int(d.group("m")), int(d.group("d"))
        if month == 0 or day == 0:
            notes.append(Note(n, f"pal date {d.group(0)!r} repeats every month or day: skipped"))
            continue
        if not (1 <= month <= 12 and 1 <= day <= days_in_month(month, year or None)):
            notes.append(Note(n, f"pal date {d.group(0)!r} is not a day: skipped"))
            continue
        if d.group("end"):
            notes.append(Note(n, "date range: imported its first day only"))
        entries.append(Entry(n, month, day, m.group("text").strip(), year or None))
    return entries
