"""Importing other "on this day" files (BSD calendar(1), pal) as drafts in our corpus format.

``convert`` reads the text and returns corpus-format dicts plus a note for every line it skipped or had
to guess about; ``to_toml`` writes them; ``crosscheck`` compares them with our corpus. Nothing here
prints or writes files.

A calendar line gives a month and day, and usually the year in its text ("..., 1949"). A line without
a clear year becomes an event known to the day only, written ``date = "--05-15"`` (ISO 8601's form for
a day with no year), which the corpus format must accept for imported files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .countries import CountryTable
from .dates import MONTHS, days_in_month
from .errors import DataError, UsageError
from .model import EVENT_FIELDS, Event

KINDS = ("bsd", "pal")
FIRST_YEAR, LAST_YEAR = 500, 2100  # a bare number in the text counts as a year only in this range


@dataclass(frozen=True)
class Note:
    line: int
    message: str

    def __str__(self) -> str:
        from .text import clean  # notes quote the file's own text: data, never control

        return clean(f"line {self.line}: {self.message}", one_line=True)


@dataclass
class ImportResult:
    kind: str
    events: list[dict] = field(default_factory=list)  # corpus-format dicts, sorted as to_toml writes them
    lines: list[int] = field(default_factory=list)  # the line each event starts on, parallel to events
    notes: list[Note] = field(default_factory=list)
    title: str | None = None  # a pal calendar's name (its first line)


@dataclass(frozen=True)
class _Raw:
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


# --- detecting the kind ----------------------------------------------------------------------------

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


# --- years in the text -----------------------------------------------------------------------------

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


def iso_date(year: int | None, month: int, day: int) -> str:
    """'1949-10-19', '-0044-03-15', or '--10-19' for a day whose year is unknown."""
    if year is None:
        return f"--{month:02d}-{day:02d}"
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


# --- reading the two formats -----------------------------------------------------------------------

def _bsd_entries(text: str, notes: list[Note]) -> list[_Raw]:
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
    return [_Raw(n, month, day, " ".join(parts)) for n, month, day, parts in entries]


def _pal_entries(text: str, notes: list[Note], result: ImportResult) -> list[_Raw]:
    entries: list[_Raw] = []
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
                result.title = parts[1] if len(parts) > 1 else None
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
        entries.append(_Raw(n, month, day, m.group("text").strip(), year or None))
    return entries


# --- countries -------------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    """Lowercase ASCII words, possessives and apostrophes dropped: "People's" -> 'peoples'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", folded))


def _is_code_like(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5


class CountryFinder:
    """Country codes named in free text, through the country table's names and aliases.

    Names and ordinary aliases match whole words, ignoring case ('Chinese', 'Soviet'); code-like
    aliases ('USSR', 'U.S.', 'AND') match only in capitals, so the word 'and' is not Andorra. Longer
    names win: 'People's Republic of China' is China, not a 'Republic of China' inside it.
    """

    def __init__(self, table: CountryTable):
        self.table = table
        phrases: dict[tuple[str, ...], str] = {}
        self._codes_like: list[tuple[re.Pattern, str]] = []
        for c in table:
            for name in (c.name, *c.aliases):
                if _is_code_like(name):
                    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
                    self._codes_like.append((pattern, c.code))
                elif words := tuple(_words(name)):
                    phrases.setdefault(words, c.code)
        self._phrases = sorted(phrases.items(), key=lambda item: -len(item[0]))

    def find(self, text: str, year: int | None = None) -> list[str]:
        """Codes in the order the text names them, each once; shifted to the state of ``year``."""
        words = _words(text)
        taken = [False] * len(words)
        found: list[tuple[int, str]] = []
        for phrase, code in self._phrases:
            k = len(phrase)
            for i in range(len(words) - k + 1):
                if tuple(words[i:i + k]) == phrase and not any(taken[i:i + k]):
                    taken[i:i + k] = [True] * k
                    found.append((i, code))
        for pattern, code in self._codes_like:
            for m in pattern.finditer(text):
                found.append((len(_words(text[: m.start()])), code))
        codes: list[str] = []
        for _, code in sorted(found):
            code = self._in_year(code, year)
            if code not in codes:
                codes.append(code)
        return codes

    def _in_year(self, code: str, year: int | None) -> str:
        """The member of ``code``'s family that existed in ``year`` ('Germany' in 1866 -> Prussia)."""
        if year is None or _covers(self.table.by_code[code], year):
            return code
        for other in self.table.family(code):
            c = self.table.by_code[other]
            if (c.start is not None or c.end is not None) and _covers(c, year):
                return other
        return code


def _covers(country, year: int) -> bool:
    return (country.start is None or country.start <= year) and (country.end is None or year <= country.end)


# --- ids -------------------------------------------------------------------------------------------

def slug(title: str, year: int | None, max_words: int = 8) -> str:
    """'mao-tse-tung-establishes-the-peoples-republic-of-china-1949' from a title and its year."""
    words = _words(title)[:max_words] or ["event"]
    if year is not None:
        words.append(f"{-year}bc" if year < 0 else str(year))
    return "-".join(words)


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


# --- converting ------------------------------------------------------------------------------------

def convert(text: str, kind: str | None, table: CountryTable, name: str = "<stdin>",
            taken_ids: Collection[str] = ()) -> ImportResult:
    """Read a BSD calendar or pal file (``kind`` None: detect it) into corpus-format event dicts.

    ``name`` is the file name written into each event's source; ``taken_ids`` (say, the corpus's ids)
    are avoided so the imported file can be loaded beside them. Raises UsageError for an unknown
    ``kind`` and DataError when none is given and the text is of neither kind.
    """
    if kind is None:
        kind = detect(text)
        if kind is None:
            raise DataError(f"cannot tell the calendar kind of {name}: no line looks like a BSD calendar "
                            "or pal entry")
    if kind not in KINDS:
        raise UsageError(f"unknown calendar kind {kind!r} (choose from {', '.join(KINDS)})")
    result = ImportResult(kind)
    entries = _bsd_entries(text, result.notes) if kind == "bsd" else _pal_entries(text, result.notes, result)
    finder = CountryFinder(table)
    used = set(taken_ids)
    built: list[tuple[tuple, int, dict]] = []
    for raw in entries:
        summary = " ".join(raw.text.split())
        year, title = find_year(summary)
        if raw.year is not None:
            year = raw.year  # pal's yyyymmdd is clearer than the text
        if year is not None and not raw.day <= days_in_month(raw.month, year):
            result.notes.append(Note(raw.line, f"{year} has no 29 February: imported without a year"))
            year = None
        if year is None:
            result.notes.append(Note(raw.line, "no year in the text: imported as a day with no year"))
        countries = finder.find(summary, year)
        if not countries:
            result.notes.append(Note(raw.line, "no country recognised: fill in countries"))
        event = {
            "id": _unique(slug(title, year), used),
            "date": iso_date(year, raw.month, raw.day),
            "title": title,
            "summary": summary,
            "countries": countries,
            "sources": [f"imported from {name}, line {raw.line}"],
        }
        # Dated events first in date order, then the days with no year in calendar order.
        key = (0, year, raw.month, raw.day) if year is not None else (1, 0, raw.month, raw.day)
        built.append((key, raw.line, event))
    for _, line, event in sorted(built, key=lambda b: (b[0], b[1])):
        result.events.append(event)
        result.lines.append(line)
    result.notes.sort(key=lambda note: note.line)
    return result


# --- writing TOML ----------------------------------------------------------------------------------

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
# Must be escaped in a TOML basic string: quote, backslash, C0 controls and DEL. C1 controls and the
# bidi overrides are legal but escaped too, so the file reads safely in a terminal. Lone surrogates
# cannot be written at all: they become U+FFFD.
_TOML_SPECIAL = re.compile("[\"\\\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quotes included."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in _TOML_ESCAPES:
            return _TOML_ESCAPES[ch]
        if "\ud800" <= ch <= "\udfff":
            return "\\uFFFD"
        return f"\\u{ord(ch):04X}"

    return '"' + _TOML_SPECIAL.sub(escape, text) + '"'


def _toml_value(value) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a corpus value")


def to_toml(events: Iterable[dict], header: str | None = None) -> str:
    """Corpus-format TOML for ``events`` (dicts with our field names), fields in the usual order.

    Absent and empty fields are left out, except ``countries``, which is always written.
    """
    out: list[str] = []
    if header:
        out += [f"# {line}".rstrip() for line in header.splitlines()] + [""]
    for event in events:
        unknown = set(event) - set(EVENT_FIELDS)
        if unknown:
            raise ValueError(f"not corpus fields: {', '.join(sorted(unknown))}")
        out.append("[[event]]")
        for key in EVENT_FIELDS:
            value = event.get(key)
            if key == "sections" or (value in (None, "", []) and key != "countries"):
                continue
            out.append(f"{key} = {_toml_value(value if value is not None else [])}")
        for section in event.get("sections") or ():
            out += ["[[event.sections]]", f"heading = {toml_string(section['heading'])}",
                    f"body = {toml_string(section['body'])}"]
        out.append("")
    return "\n".join(out)


# --- cross-checking against the corpus -------------------------------------------------------------

# Words that say nothing about which event a line means. 'begins' and 'ends' stay: they tell the
# start of a battle from its end.
STOP_WORDS = frozenset("""
a an the of in on at to for from by with and or but as is are was were be been being it its his her
their they he she this that these those into over after before during under about than then who which
s st becomes become became
""".split())
# Tuned on 83 lines of calendar.history against data/events.toml: the two famous wrong dates score
# 71-72 on titles, true mismatches (Gang of Four, first Soviet bomb, Nagasaki) 80-100, while unrelated
# events of the same year sharing a name or two mostly stay under 70.
MATCH_THRESHOLD = 70  # rapidfuzz token_set_ratio of the distinctive words of the two titles, 0-100
# To clear a line takes less than to accuse it: a same-day corpus event this close means the calendar
# is right ('Germany invades Low Countries' against '... the Netherlands, Belgium and Luxembourg': 68).
AGREE_THRESHOLD = 60


@dataclass(frozen=True)
class Mismatch:
    """An imported line whose event our corpus dates differently."""

    line: int
    imported: dict
    corpus: Event
    score: float

    def __str__(self) -> str:
        said = _human(self.imported["date"])
        source = self.corpus.sources[0] if self.corpus.sources else self.corpus.origin or "no source"
        from .text import clean

        return clean(f"line {self.line}: calendar says {said}, our corpus has {self.corpus.date.human()} for "
                     f"\"{self.corpus.title}\" (id {self.corpus.id}; source: {source})", one_line=True)


def _human(iso: str) -> str:
    m = re.fullmatch(r"(-?)(\d{4})-(\d{2})-(\d{2})", iso)
    if not m:
        month, day = int(iso[2:4]), int(iso[5:7])
        return f"{day} {MONTHS[month - 1]}"
    year = int(m.group(2))
    year_text = f"{year} BC" if m.group(1) else str(year)
    return f"{int(m.group(4))} {MONTHS[int(m.group(3)) - 1]} {year_text}"


def distinctive(text: str) -> list[str]:
    """The words of ``text`` that can tell one event from another (no stop words, no numbers)."""
    return [w for w in _words(text) if w not in STOP_WORDS and not w.isdigit()]


def similarity(imported: dict, corpus_event: Event) -> float:
    """How surely an imported event and a corpus event tell of the same thing, 0-100.

    The calendar's text against the corpus title (summaries mention too much else to compare with),
    on distinctive words only. Countries veto: when the calendar names countries, the corpus event
    must have them all, which keeps 'Federal Republic of Germany founded' off the GDR's founding.
    """
    from rapidfuzz import fuzz  # lazy: only the cross-check needs it

    if imported["countries"] and not set(imported["countries"]) <= set(corpus_event.countries):
        return 0.0
    ours = " ".join(distinctive(imported["summary"]))
    theirs = " ".join(distinctive(corpus_event.title))
    return fuzz.token_set_ratio(ours, theirs) if ours and theirs else 0.0


def _agrees(iso: str, date) -> bool:
    """Whether a corpus date (any precision) is consistent with an imported day."""
    year, month, day = _parts(iso)
    return date.year == year and date.month in (None, month) and date.day in (None, day)


def _parts(iso: str) -> tuple[int, int, int]:
    m = re.fullmatch(r"(-?)(\d{4})-(\d{2})-(\d{2})", iso)
    return (int(m.group(2)) * (-1 if m.group(1) else 1), int(m.group(3)), int(m.group(4)))


def crosscheck(result: ImportResult, corpus_events: Iterable[Event]) -> list[Mismatch]:
    """Imported events our corpus knows under another date (same year or one off), one per line.

    Lines with no year are not checked: a year is what keeps a match honest. When a fair match
    agrees with the calendar's date, the line is taken as right.
    """
    by_year: dict[int, list[Event]] = {}
    for e in corpus_events:
        by_year.setdefault(e.date.year, []).append(e)
    out: list[Mismatch] = []
    for event, line in zip(result.events, result.lines):
        if event["date"].startswith("--"):
            continue
        year = _parts(event["date"])[0]
        candidates = [c for y in (year - 1, year, year + 1) for c in by_year.get(y, ())]
        scored = [(similarity(event, c), c) for c in candidates]
        if any(s >= AGREE_THRESHOLD and _agrees(event["date"], c.date) for s, c in scored):
            continue
        good = [(s, c) for s, c in scored if s >= MATCH_THRESHOLD]
        if not good:
            continue
        score, best = max(good, key=lambda sc: (sc[0], -abs(sc[1].date.year - year)))
        out.append(Mismatch(line, event, best, round(score, 1)))
    return sorted(out, key=lambda m: m.line)
