"""Historical dates: our own type (years BC, partial precision) and the strict parser for what users type.

Years follow the historians' convention: ``-44`` is 44 BC and there is no year 0. Corpus dates are written
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (``-0044-03-15``). Leap years follow the Julian rule before 1583 and
the Gregorian rule from then on, matching how historians usually give dates on either side of the reform.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import UsageError
from .record import record as dataclass

MIN_YEAR, MAX_YEAR = -9999, 9999
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_LOOKUP = {name.lower(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_LOOKUP.update({name[:3].lower(): i for i, name in enumerate(MONTHS, 1)})
_MONTH_LOOKUP["sept"] = 9
_WEEKDAYS = {d.lower() for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                  "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
                                  "sat", "sun")}
_CORPUS_DATE = re.compile(r"^(-?)(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAY_ONLY = re.compile(r"^--(\d{2})-(\d{2})$")  # ISO 8601's form for a day whose year is not known
YEARLESS = 10**6  # where a day-only date sorts: after every dated one


def is_leap(year: int) -> bool:
    """Whether ``year`` (historians' numbering, no year 0) has a 29 February."""
    astro = year if year > 0 else year + 1
    if year < 1583:
        return astro % 4 == 0
    return astro % 4 == 0 and (astro % 100 != 0 or astro % 400 == 0)


def days_in_month(month: int, year: int | None = None) -> int:
    """Days in ``month``; with no year, February has 29 (the day exists in some years)."""
    if month == 2:
        return 29 if year is None or is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class HDate:
    """A date in history, known to the year, the month or the day; or to the day without a year.

    The last form (``--05-15``) is for events imported from calendar files that give no year: they show
    on their day but, having no year, in no timeline.

    A plain slotted class rather than a frozen dataclass: an index build makes one per event, and a
    frozen dataclass's ``__init__`` costs several times as much. Treat instances as immutable.
    """

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int | None, month: int | None = None, day: int | None = None):
        self.year = year
        self.month = month
        self.day = day

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HDate):
            return NotImplemented
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day))

    def __repr__(self) -> str:
        return f"HDate({self.year!r}, {self.month!r}, {self.day!r})"

    @property
    def precision(self) -> str:
        if self.year is None:
            return "day-only"
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple[int, int, int]:
        return (YEARLESS if self.year is None else self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        sign = "-" if self.year < 0 else ""
        text = f"{sign}{abs(self.year):04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def year_text(self) -> str:
        if self.year is None:
            return ""
        return f"{-self.year} BC" if self.year < 0 else str(self.year)

    def human(self) -> str:
        """'15 May 1989', 'Dec 1949', '1969', '15 March 44 BC', '15 May' (no year known)."""
        if self.year is None:
            return f"{self.day} {MONTHS[self.month - 1]}"
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year_text()}"
        if self.month:
            return f"{MONTHS[self.month - 1][:3]} {self.year_text()}"
        return self.year_text()

    @classmethod
    def parse(cls, text: str) -> HDate:
        """Parse a corpus date; raise ValueError with the reason."""
        if isinstance(text, str) and (d := _DAY_ONLY.match(text)):
            month, day = int(d.group(1)), int(d.group(2))
            if not 1 <= month <= 12 or not 1 <= day <= days_in_month(month):
                raise ValueError(f"--{d.group(1)}-{d.group(2)} is not a day of the year")
            return cls(None, month, day)
        m = _CORPUS_DATE.match(text) if isinstance(text, str) else None
        if not m:
            raise ValueError("not YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")
        year = int(m.group(2)) * (-1 if m.group(1) else 1)
        if year == 0:
            raise ValueError("there is no year 0 (1 BC is -0001)")
        month = int(m.group(3)) if m.group(3) else None
        day = int(m.group(4)) if m.group(4) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist")
        if day is not None and not 1 <= day <= days_in_month(month, year):
            raise ValueError(f"{MONTHS[month - 1]} {year} has no day {day}")
        return cls(year, month, day)


def years_between(then: int, now: int) -> int:
    """Whole years from year ``then`` to year ``now``, skipping the missing year 0."""
    return now - then - (1 if then < 0 < now else 0)


def ago(date: HDate, today: _dt.date) -> str:
    """'37 years ago', 'a year ago', 'this year', 'in 3 years'; 'year unknown' for a day-only date."""
    if date.year is None:
        return "year unknown"
    n = years_between(date.year, today.year)
    if n == 0:
        return "this year"
    if n < 0:
        return f"in {-n} year{'s' if n != -1 else ''}"
    return "a year ago" if n == 1 else f"{n:,} years ago"


@dataclass(frozen=True)
class DayQuery:
    """What the user asked for: a day of the year, and the year if they gave one."""

    month: int
    day: int
    year: int | None = None

    def human(self) -> str:
        base = f"{self.day} {MONTHS[self.month - 1]}"
        return f"{base} {HDate(self.year).year_text()}" if self.year is not None else base

    def iso(self) -> str:
        md = f"{self.month:02d}-{self.day:02d}"
        return f"{HDate(self.year).iso()}-{md}" if self.year is not None else md


_HINT = "try 1989-05-15, 05-15, 'May 15', '15 May 1989' or 'tomorrow'"


_JULIAN_INPUT = False  # set while an Old Style date is parsed: the Julian calendar has 29 February 1700


def _check(month: int, day: int, year: int | None, text: str) -> DayQuery:
    if year is not None:
        if year == 0:
            raise UsageError(f"'{text}' is not a date: there is no year 0")
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise UsageError(f"'{text}' is out of range: years go from 9999 BC to 9999")
    if not 1 <= month <= 12:
        raise UsageError(f"'{text}' is not a date: there is no month {month}")
    if not 1 <= day <= days_in_month(month, year) and not (_JULIAN_INPUT and month == 2 and day == 29):
        if month == 2 and day == 29:
            raise UsageError(f"'{text}' is not a date: {year} is not a leap year")
        raise UsageError(f"'{text}' is not a date: {MONTHS[month - 1]} has no day {day}")
    return DayQuery(month, day, year)


def _take_year(tokens: list[str]) -> int | None:
    """Remove a year ('1989', '44 BC', 'AD 800') from either end of ``tokens`` and return it.

    A bare number counts as a year only with three or more digits ('15 May 89' is refused), so that a
    day is never taken for a year.
    """
    era, leading = None, False
    if tokens and tokens[-1] in ("bc", "bce", "ad", "ce"):
        era = tokens.pop()
    elif tokens and tokens[0] in ("ad", "ce"):
        era, leading = tokens.pop(0), True
    year_like = (lambda t: re.fullmatch(r"\d{1,5}", t)) if era else (lambda t: re.fullmatch(r"\d{3,5}", t))
    if len(tokens) == 3 and not leading and year_like(tokens[-1]):
        year = int(tokens.pop())
    elif len(tokens) == 3 and (leading or not era) and year_like(tokens[0]):
        year = int(tokens.pop(0))
    elif era:
        raise ValueError(era)
    else:
        return None
    return -year if era in ("bc", "bce") else year


def _parse_words(text: str) -> DayQuery | None:
    """'May 15', '15 May', 'May 15th, 1989', 'Monday 15 May 1989', '15 March 44 BC', '1989 May 15'."""
    clean = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text.lower())
    tokens = [t for t in re.split(r"[\s,.]+", clean) if t and t != "of"]
    if tokens and tokens[0] in _WEEKDAYS:
        tokens.pop(0)
    try:
        year = _take_year(tokens)
    except ValueError:
        return None
    if len(tokens) != 2:
        return None
    a, b = tokens
    if year is None and any(re.fullmatch(r"\d{3,}", t) for t in tokens):
        raise UsageError(f"'{text}' names a month, not a day: {_HINT}")
    if a in _MONTH_LOOKUP and b.isdigit():
        month, day = _MONTH_LOOKUP[a], int(b)
    elif b in _MONTH_LOOKUP and a.isdigit():
        month, day = _MONTH_LOOKUP[b], int(a)
    else:
        return None
    return _check(month, day, year, text)


def _parse_with_dateutil(text: str) -> DayQuery | None:
    """Last resort for other spellings ('1989 May 15'); only when month and day were really given."""
    from dateutil import parser  # lazy: most inputs never get here

    marks = (_dt.datetime(2000, 1, 1), _dt.datetime(2001, 2, 2))
    try:
        a, b = (parser.parse(text, default=d, fuzzy=False) for d in marks)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.month != b.month or a.day != b.day:
        return None  # dateutil filled month or day from its default: the user did not give them
    year = None
    if a.year == b.year:
        if not re.search(rf"(?<!\d){a.year}(?!\d)", text):
            return None  # dateutil guessed a century ('15 May 89'); we do not guess
        year = a.year
    return _check(a.month, a.day, year, text)


def _numeric(a: int, b: int, year_text: str | None, text: str) -> DayQuery:
    """'15.05.1989', '15/05/1989', '05/15/1989': taken where only one reading is possible.

    Day/month and month/day are both in use; a pair is read only when one number cannot be a month (or
    both readings give the same day), and refused with both readings shown otherwise.
    """
    if year_text is not None and len(year_text) < 3:
        raise UsageError(f"'{text}': write the year in full (1989, not 89)")
    year = int(year_text) if year_text is not None else None
    readings = []
    for month, day in ((a, b), (b, a)):  # month/day first, then day/month
        try:
            readings.append(_check(month, day, year, text))
        except UsageError:
            pass
    readings = list(dict.fromkeys(readings))
    if not readings:
        raise UsageError(f"'{text}' is impossible: neither {a} nor {b} can be a month with such a day")
    if len(readings) == 1:
        return readings[0]
    md, dm = readings
    raise UsageError(f"'{text}' is ambiguous: {md.human()} (month/day) or {dm.human()} (day/month)? "
                     f"Write {md.month:02d}-{md.day:02d} for {md.human()}, or spell the month")


def parse_day(text: str, today: _dt.date) -> DayQuery:
    """Parse a day typed by a user; raise UsageError (exit 2) for anything else."""
    raw = text
    text = text.strip()
    if not text:
        raise UsageError(f"no date given: {_HINT}")
    if len(text) > 64:
        raise UsageError(f"'{raw[:40]}...' is not a date: {_HINT}")
    low = text.lower()
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if low in relative:
        try:
            d = today + _dt.timedelta(days=relative[low])
        except OverflowError:
            raise UsageError(f"'{text}' is out of range: the calendar ends there") from None
        return DayQuery(d.month, d.day, d.year)
    if m := re.fullmatch(r"(-?\d+)-(\d{1,2})-(\d{1,2})", text):
        return _check(int(m.group(2)), int(m.group(3)), int(m.group(1)), text)
    if m := re.fullmatch(r"(?:--)?(\d{1,2})-(\d{1,2})", text):
        return _check(int(m.group(1)), int(m.group(2)), None, text)
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text):
        return _check(int(m.group(2)), int(m.group(3)), int(m.group(1)), text)
    if m := re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})(?:\2(\d{1,4}))?", text):
        return _numeric(int(m.group(1)), int(m.group(3)), m.group(4), text)
    if re.fullmatch(r"[\d\s./-]+", text):
        raise UsageError(f"'{text}' is not a date: {_HINT}")
    result = _parse_words(text)
    if result is None and re.search(r"[a-z]{3}", low) and re.search(r"\d", low):
        result = _parse_with_dateutil(text)
    if result is None:
        raise UsageError(f"'{text}' is not a date: {_HINT}")
    return result


# ---------------------------------------------------------------------------------------------------------
# Periods and Old Style dates: what `almanac on` takes besides a day.


@dataclass(frozen=True)
class PeriodQuery:
    """A year ('1989') or a month of a year ('May 1989', '1989-05')."""

    year: int
    month: int | None = None

    def human(self) -> str:
        y = HDate(self.year).year_text()
        return f"{MONTHS[self.month - 1]} {y}" if self.month else y


_OLD_STYLE = re.compile(r"\s*(?:\(?\s*(?:o\.\s?s\.?|os|old style|julian)\s*\)?)\s*$", re.I)


def _astronomical(year: int) -> int:
    return year + 1 if year < 0 else year


def julian_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a Julian-calendar date (historians' years: -44 is 44 BC)."""
    y = _astronomical(year)
    a = (14 - month) // 12
    y, m = y + 4800 - a, month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def gregorian_to_jdn(year: int, month: int, day: int) -> int:
    """Julian Day Number of a (proleptic) Gregorian date."""
    y = _astronomical(year)
    a = (14 - month) // 12
    y, m = y + 4800 - a, month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    """The proleptic Gregorian date of a Julian Day Number (Richards' algorithm)."""
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return (year if year > 0 else year - 1), month, day


def jdn_to_julian(jdn: int) -> tuple[int, int, int]:
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return (year if year > 0 else year - 1), month, day


def julian_day_valid(year: int, month: int, day: int) -> bool:
    leap = _astronomical(year) % 4 == 0
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 and leap else 28 if month == 2
                                              else 30 if month in (4, 6, 9, 11) else 31)


@dataclass(frozen=True)
class OldStyle:
    """An Old Style (Julian) date the user typed, and the Gregorian day it is."""

    julian: tuple[int, int, int]
    gregorian: DayQuery

    def note(self) -> str:
        y, m, d = self.julian
        return f"{d} {MONTHS[m - 1]} {HDate(y).year_text()} (Julian) is {self.gregorian.human()} (Gregorian)"


def _from_julian(q: DayQuery, text: str) -> OldStyle:
    if q.year is None:
        raise UsageError(f"'{text}': an Old Style date needs its year (the calendars drift apart over time)")
    if not julian_day_valid(q.year, q.month, q.day):
        raise UsageError(f"'{text}' is not a date in the Julian calendar")
    y, m, d = jdn_to_gregorian(julian_to_jdn(q.year, q.month, q.day))
    return OldStyle((q.year, q.month, q.day), DayQuery(m, d, y))


def _parse_period(text: str) -> PeriodQuery | None:
    low = text.strip().lower()
    if m := re.fullmatch(r"(-?\d{1,4})", low):
        year = int(m.group(1))
        if len(m.group(1).lstrip("-")) >= 3 or year < 0:
            return _period(year, None, text)
        return None
    if m := re.fullmatch(r"(\d{1,4})\s*(bc|bce|ad|ce)", low) or re.fullmatch(r"(?:ad|ce)\s*(\d{1,4})", low):
        year = int(m.group(1))
        return _period(-year if low.endswith(("bc", "bce")) else year, None, text)
    if m := re.fullmatch(r"(-?\d{3,4})-(\d{1,2})", low):
        return _period(int(m.group(1)), int(m.group(2)), text)
    tokens = [t for t in re.split(r"[\s,]+", low) if t]
    if len(tokens) in (2, 3):
        month = [t for t in tokens if t in _MONTH_LOOKUP]
        rest = [t for t in tokens if t not in _MONTH_LOOKUP]
        if len(month) == 1 and rest:
            year = None
            if len(rest) == 1 and re.fullmatch(r"-?\d{3,4}", rest[0]):
                year = int(rest[0])
            elif len(rest) == 2 and rest[1] in ("bc", "bce", "ad", "ce") and rest[0].isdigit():
                year = -int(rest[0]) if rest[1] in ("bc", "bce") else int(rest[0])
            elif len(rest) == 2 and rest[0] in ("ad", "ce") and rest[1].isdigit():
                year = int(rest[1])
            if year is not None:
                return _period(year, _MONTH_LOOKUP[month[0]], text)
    return None


def _period(year: int, month: int | None, text: str) -> PeriodQuery:
    if year == 0:
        raise UsageError(f"'{text}' is not a year: there is no year 0")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"'{text}' is out of range: years go from 9999 BC to 9999")
    if month is not None and not 1 <= month <= 12:
        raise UsageError(f"'{text}' is not a month: there is no month {month}")
    return PeriodQuery(year, month)


def parse_when(text: str, today: _dt.date, julian: bool = False) -> DayQuery | PeriodQuery | OldStyle:
    """What `almanac on` was asked: a day (``DayQuery``), a year or month (``PeriodQuery``), or an Old
    Style day converted to the Gregorian calendar (``OldStyle``; also with ``julian``)."""
    stripped = _OLD_STYLE.sub("", text) if _OLD_STYLE.search(text or "") else None
    if stripped is not None and stripped.strip():
        julian, text = True, stripped
    if not julian and len(text) <= 64:
        period = _parse_period(text)
        if period is not None:
            return period
    if not julian:
        return parse_day(text, today)
    global _JULIAN_INPUT
    _JULIAN_INPUT = True
    try:
        q = parse_day(text, today)
    finally:
        _JULIAN_INPUT = False
    return _from_julian(q, text)
