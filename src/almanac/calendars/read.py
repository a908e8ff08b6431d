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
    """A line skipped or guessed about. ``kind`` is what notes of the same sort share (for a count)."""

    line: int
    message: str
    file: str | None = None  # an included file (None: the file named on the command line)
    kind: str = ""

    def __str__(self) -> str:
        from ..text import clean  # notes quote the file's own text: data, never control

        where = f"{self.file}: line {self.line}" if self.file else f"line {self.line}"
        return clean(f"{where}: {self.message}", one_line=True)

    @property
    def sort(self) -> str:
        return self.kind or self.message


@dataclass(frozen=True)
class Entry:
    """One calendar entry before it becomes an event: where it is, its day and its text."""

    line: int
    month: int
    day: int
    text: str
    year: int | None = None  # given by the date field itself (pal yyyymmdd)
    file: str | None = None  # an included file (None: the file named on the command line)


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



# Month names as calendar(1) files write them: English, and the languages of Debian's calendar files
# (their LANG= lines name the locale; every name is accepted whatever the file says, as none clash).
_MONTHS_IN = {
    "en": MONTHS,
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"),
    "hu": ("január", "február", "március", "április", "május", "június", "július", "augusztus",
           "szeptember", "október", "november", "december"),
    "hr": ("siječanj", "veljača", "ožujak", "travanj", "svibanj", "lipanj", "srpanj", "kolovoz", "rujan",
           "listopad", "studeni", "prosinac"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
           "жовтня", "листопада", "грудня"),
}
# The abbreviations the files use beside the full names ('mei', 'okt', 'Mär', 'янв.', 'нояб.').
_ABBREVIATIONS = {
    "mrt": 3, "mär": 3, "mrz": 3, "dez": 12, "okt": 10, "mei": 5, "mai": 5, "fev": 2, "abr": 4, "ago": 8,
    "set": 9, "out": 10, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "déc": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "май": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
    "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}


def _month_names() -> dict[str, int]:
    names = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
    for months in _MONTHS_IN.values():
        names |= {m.lower(): i for i, m in enumerate(months, 1)}
    return names | _ABBREVIATIONS


_MONTH_NAMES = _month_names()
_MONTH_RE = "|".join(re.escape(m) for m in sorted(_MONTH_NAMES, key=len, reverse=True))
_BSD_DATE = re.compile(
    rf"^(?:(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})|(?P<mn>{_MONTH_RE})\.?(?:\s+|/)(?P<d2>\d{{1,2}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mn2>{_MONTH_RE})\.?)(?P<star>\*?)(?:\t|\s+)(?P<text>\S.*)$", re.IGNORECASE)
# Days that move from year to year, which no fixed date can hold: weekday rules ('May Sun+2',
# '11/SunFirst', '05/MonLast'), Easter and other feasts by offset ('Easter-2', 'Pasen+49'), every month ('*').
_WEEKDAY = r"(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat|Nedjelja)\w*"
_MOVING = re.compile(
    rf"^(?:\*|\d{{1,2}}/{_WEEKDAY}|(?:{_MONTH_RE})\.?[ /]{_WEEKDAY}|\w+[+-]\d+|Easter|Paskha|Pasen|"
    rf"ChineseNewYear|NewMoon|FullMoon|MarEquinox|JunSolstice|SepEquinox|DecSolstice)\S*(?:\t|\s|$)",
    re.IGNORECASE)
_PAL_EVENT = re.compile(r"^(?P<date>\S+)\s+(?P<text>\S.*)$")
_PAL_DATE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?::(?P<end>\d{8}))?$")
_CPP = re.compile(r"^#\s*(include|ifndef|ifdef|if|define|undef|endif|else|elif)\b")
_INCLUDE = re.compile(r'^#\s*include\s*(?:<(?P<system>[^>]+)>|"(?P<local>[^"]+)")')
MAX_INCLUDE_DEPTH = 16

# Where calendar(1) looks for '#include <file>': the user's folder, then the system's.
SYSTEM_FOLDERS = (Path("/etc/calendar"), Path("/usr/share/calendar"))


def calendar_lines(text: str, notes: list[Note], folder: Path | None = None, search: tuple[Path, ...] = (),
                   label: str | None = None, seen: set | None = None, depth: int = 0):
    """Every line of a calendar file as (file, number, text), each ``#include``d file read in its place.

    ``<file>`` is looked for in ``search`` (the user's and the system's calendar folders) and then
    beside the including file, ``"file"`` the other way round, as calendar(1) does. A file already read
    (an include loop, or a file two others include) is read once; ``label`` names an included file in
    notes (None for the file named on the command line).
    """
    seen = set() if seen is None else seen
    for n, line in enumerate(text.splitlines(), 1):
        m = _INCLUDE.match(line.strip())
        if m is None:
            yield label, n, line
            continue
        name = m.group("system") or m.group("local")
        places = (*search, folder) if m.group("system") else (folder, *search)
        found = next((p / name for p in places if p is not None and (p / name).is_file()), None)
        if found is None:
            notes.append(Note(n, f"#include {name}: no such file (looked in "
                                 f"{', '.join(str(p) for p in places if p is not None) or 'no folder'})",
                              label, "#include of a file that does not exist: skipped"))
            continue
        key = found.resolve()
        if key in seen or depth >= MAX_INCLUDE_DEPTH:
            notes.append(Note(n, f"#include {name}: already read", label, "#include of a file already read"))
            continue
        seen.add(key)
        yield from calendar_lines(read_calendar(found), notes, found.parent, search, name, seen, depth + 1)


def detect(text: str) -> str | None:
    """'bsd' or 'pal' from the lines of ``text``, or None when neither kind fits."""
    bsd = pal = 0
    for line in text.splitlines():
        if _BSD_DATE.match(line) or _CPP.match(line) or _MOVING.match(line):
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


def bsd_entries(lines, notes: list[Note]) -> list[Entry]:
    """The entries of a calendar(1) file, given as its text or as ``calendar_lines`` (includes read)."""
    if isinstance(lines, str):
        lines = ((None, n, line) for n, line in enumerate(lines.splitlines(), 1))
    entries: list[list] = []  # [file, line, month, day, text parts]
    in_comment = False
    last_ok = False  # whether a continuation line has an entry to join
    current = None
    for file, n, line in lines:
        if file != current:
            current, in_comment, last_ok = file, False, False

        def note(message: str, kind: str = "") -> None:
            notes.append(Note(n, message, file, kind))  # noqa: B023 - called at once, in this iteration

        stripped = line.strip()
        if in_comment:
            note("comment skipped")
            in_comment = "*/" not in line
            continue
        if not stripped:
            continue
        if stripped.startswith("/*"):
            note("comment skipped")
            in_comment = "*/" not in stripped[2:]
            last_ok = False
            continue
        if stripped.startswith("//"):
            note("comment skipped")
            continue
        if _CPP.match(stripped):
            word = _CPP.match(stripped).group(1)
            note(f"#{word} line skipped", "preprocessor line skipped")
            last_ok = False
            continue
        if re.match(r"^[^\s=]+=", stripped):
            note(f"setting skipped: {stripped[:40]}", "setting skipped (LANG=, Easter=...)")
            last_ok = False
            continue
        if line[:1] == "\t":
            if last_ok:
                entries[-1][4].append(stripped)
            else:
                note("continuation line with no event before it: skipped")
            continue
        m = _BSD_DATE.match(line)
        if not m:
            if _MOVING.match(line):
                note(f"not a fixed day of the year (a weekday rule or a feast by offset): skipped "
                     f"({stripped[:40]})", "not a fixed day of the year (weekday rule, Easter offset): skipped")
            else:
                note(f"not a date this importer reads: skipped ({stripped[:40]})",
                     "not a date this importer reads: skipped")
            last_ok = False
            continue
        month = int(m.group("m")) if m.group("m") else _MONTH_NAMES[(m.group("mn") or m.group("mn2")).lower()]
        day = int(m.group("d") or m.group("d2") or m.group("d3"))
        if m.group("star"):
            note("date marked '*' (not fixed from year to year): skipped")
            last_ok = False
            continue
        if not (1 <= month <= 12 and 1 <= day <= days_in_month(month)):
            note(f"{month:02d}/{day:02d} is not a day of the year: skipped", "not a day of the year: skipped")
            last_ok = False
            continue
        entries.append([file, n, month, day, [m.group("text").strip()]])
        last_ok = True
    return [Entry(n, month, day, " ".join(parts), file=file) for file, n, month, day, parts in entries]


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
