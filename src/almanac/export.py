"""Exports: events as JSON, CSV, iCalendar or Markdown text. Functions return text; they never print.

Text formats pass corpus text through ``text.clean`` so no control character survives; JSON escapes
them itself (``text.json_dumps``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Sequence

from .countries import CountryTable
from .dates import MONTHS
from .errors import UsageError
from .model import Event, Person
from .text import clean
from .text import json_dumps as dumps

FORMATS = ("json", "csv", "ics", "markdown")
CSV_HEADER = ("id", "date", "end", "title", "countries", "people", "tags", "summary", "sources")
PRODID = "-//almanac//history-almanac//EN"
DEFAULT_MARKDOWN_TITLE = "History almanac"

# Years before this go into the .ics in ICS_STAND_IN_YEAR instead (see ics_start).
ICS_FIRST_REAL_YEAR = 1601
ICS_STAND_IN_YEAR = 1972  # a leap year, so a 29 February event still has its day


def export(events: Sequence[Event], fmt: str, table: CountryTable, today: _dt.date,
           title: str | None = None, people: Sequence[Person] | None = None) -> str:
    """``events`` (and, if given, ``people``) as one document in ``fmt`` (json, csv, ics or markdown).

    Without ``people`` every format is exactly the events' (the contract scripts rely on); with them,
    each entry says its kind.
    """
    if fmt == "json":
        return to_json(events, people)
    if fmt == "csv":
        return to_csv(events, people)
    if fmt == "ics":
        return to_ics(events, today, people)
    if fmt == "markdown":
        return to_markdown(events, table, today, title, people)
    raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


# --- JSON ------------------------------------------------------------------------------------------

def to_json(events: Sequence[Event], people: Sequence[Person] | None = None) -> str:
    """An array of the same objects ``--format json`` prints (``Event.to_dict``); people after, with kinds."""
    if people is None:
        return dumps([e.to_dict() for e in events]) + "\n"
    return dumps([{"kind": "event", **e.to_dict()} for e in events]
                 + [{"kind": "person", **p.to_dict(), "age": p.age()} for p in people]) + "\n"


# --- CSV -------------------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection): we prefix
# a quote, the usual neutraliser. Dates are left alone: they are ours, never corpus free text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(event: Event) -> list[str]:
    """One event as the cells under ``CSV_HEADER``; lists are joined with '; '."""
    joined = lambda items: _cell("; ".join(items))  # noqa: E731 - reads best inline
    # BC and year-unknown dates begin with '-': quoted too, so no spreadsheet reads them as a formula.
    return [event.id, _cell(event.date.iso()), _cell(event.end.iso()) if event.end else "", _cell(event.title),
            joined(event.countries), joined(event.people), joined(event.tags), _cell(event.summary),
            joined(event.sources)]


def person_row(p: Person) -> list[str]:
    """A person under ``CSV_HEADER``: born as the date, died as the end, the name as the title."""
    joined = lambda items: _cell("; ".join(items))  # noqa: E731
    return [p.id, _cell(p.born.iso()), _cell(p.died.iso()) if p.died else "", _cell(p.name),
            joined(p.countries), "", joined(p.tags), _cell(p.description), joined(p.sources)]


def to_csv(events: Sequence[Event], people: Sequence[Person] | None = None) -> str:
    """RFC 4180 CSV (quoted as needed, CRLF line ends) with a header row; with people, a ``kind`` column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if people is None:
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_row(e) for e in events)
    else:
        writer.writerow(("kind", *CSV_HEADER))
        writer.writerows(["event", *csv_row(e)] for e in events)
        writer.writerows(["person", *person_row(p)] for p in people)
    return out.getvalue()


# --- iCalendar -------------------------------------------------------------------------------------

def ics_skipped(events: Sequence[Event]) -> list[Event]:
    """The events an .ics cannot hold as a yearly day: those known only to the year or the month."""
    return [e for e in events if e.date.day is None]


def ics_start(event: Event) -> _dt.date:
    """The DTSTART of ``event``'s yearly VEVENT.

    The event's own year from 1601 on; before that, the same month and day in 1972. Python's ``date``
    and iCalendar cannot hold years before 1 AD at all, calendar apps mishandle early years (Outlook's
    dates start in 1601), and iCalendar counts in the Gregorian calendar while our dates before 1583
    are Julian: placing such a day in a modern year shows the anniversary on the day people expect.
    The real year is always in SUMMARY and DESCRIPTION. 1972 is a leap year, so 29 February fits.
    """
    known = event.date.year
    year = known if known is not None and known >= ICS_FIRST_REAL_YEAR else ICS_STAND_IN_YEAR
    return _dt.date(year, event.date.month, event.date.day)


def _rrule(month: int, day: int) -> str:
    if (month, day) == (2, 29):
        # A plain yearly rule on 29 February recurs only in leap years (RFC 5545 drops invalid dates),
        # so an "on this day" calendar would hide the event three years in four. The last day of
        # February is the 29th whenever there is one and the 28th otherwise: shown every year, and
        # still on the true day when it exists. DTSTART is a 29 February, so it matches the rule.
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def _ics_description(event: Event) -> str:
    parts = [event.date.human(), clean(event.summary)]
    if event.sources:
        parts.append("Sources:\n" + "\n".join(f"- {clean(s, one_line=True)}" for s in event.sources))
    return "\n\n".join(parts)


def _person_days(people: Sequence[Person]):
    """(uid, date, summary, description) of each birth and death known to the day."""
    for p in people:
        for label, d in (("Born", p.born), ("Died", p.died)):
            if d is None or d.day is None or d.year is None:
                continue
            yield (f"{p.id}-{label.lower()}@almanac", d, f"{label}: {clean(p.name, one_line=True)} "
                   f"({d.year_text()})", f"{clean(p.name, one_line=True)}, {clean(p.description, one_line=True)}")


# RFC 5545 by hand: the few properties an "on this day" calendar uses do not need a library whose import
# alone took 300 ms (tests read every export back with the icalendar package).
_ICS_TEXT = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
ICS_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded (CRLF, then one space)


def ics_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 3.3.11 asks (backslash, semicolon, comma, newline)."""
    return value.translate(_ICS_TEXT)


def ics_fold(line: str) -> str:
    """One content line folded at 75 octets, never inside a UTF-8 character; CRLF at the end."""
    data = line.encode("utf-8")
    if len(data) <= ICS_LINE_OCTETS:
        return line + "\r\n"
    out, start, limit = [], 0, ICS_LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before the character it belongs to
            end -= 1
        out.append(data[start:end].decode("utf-8"))
        start, limit = end, ICS_LINE_OCTETS - 1  # a continuation line starts with the folding space
    out.append(data[start:].decode("utf-8"))
    return "\r\n ".join(out) + "\r\n"


def _vevent(uid: str, stamp: str, start: _dt.date, summary: str, description: str) -> list[str]:
    end = start + _dt.timedelta(days=1)
    return ["BEGIN:VEVENT", f"SUMMARY:{ics_text(summary)}", f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}", f"DTSTAMP:{stamp}", f"UID:{ics_text(uid)}",
            f"RRULE:{_rrule(start.month, start.day)}", f"DESCRIPTION:{ics_text(description)}", "END:VEVENT"]


def to_ics(events: Sequence[Event], today: _dt.date, people: Sequence[Person] | None = None) -> str:
    """An iCalendar file: one yearly all-day VEVENT per day-precision event (see ``ics_skipped``);
    with ``people``, one for each birth and death ("Born: ...", "Died: ...")."""
    stamp = f"{today:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", f"PRODID:{PRODID}", "VERSION:2.0", "CALSCALE:GREGORIAN"]
    for event in events:
        if event.date.day is None:
            continue
        year = f"{event.date.year_text()}: " if event.date.year is not None else ""
        lines += _vevent(f"{event.id}@almanac", stamp, ics_start(event), year + clean(event.title, one_line=True),
                         _ics_description(event))
    for uid, d, summary, description in _person_days(people or ()):
        year = d.year if d.year >= ICS_FIRST_REAL_YEAR else ICS_STAND_IN_YEAR
        lines += _vevent(uid, stamp, _dt.date(year, d.month, d.day), summary, description)
    lines.append("END:VCALENDAR")
    return "".join(map(ics_fold, lines))


# --- Markdown --------------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+(?=[.)]))", re.MULTILINE)
_ENTITY = re.compile(r"&(?=#?\w+;)")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


def md_escape(text: str) -> str:
    """Corpus text as Markdown that renders as itself: no HTML, links, emphasis or block markers."""
    text = clean(text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match) -> str:
    """'# x' -> '\\# x'; '1989. x' -> '1989\\. x' (a backslash before a digit would stay visible)."""
    lead, mark = m.group(1), m.group(2)
    return lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def _md_item(text: str) -> str:
    text = text.strip()
    return f"<{clean(text, one_line=True)}>" if _URL.match(text) else md_escape(" ".join(text.split()))


def markdown_event(event: Event, table: CountryTable) -> list[str]:
    """The lines for one event (no trailing blank line)."""
    lines = [f"## {event.date.human()} — {md_escape(' '.join(event.title.split()))}", ""]
    if event.countries:
        lines += ["Countries: " + md_escape(", ".join(table.name(c) for c in event.countries)), ""]
    lines.append(md_escape(event.summary.strip()))
    for section in event.sections:
        lines += ["", f"### {md_escape(' '.join(section.heading.split()))}", "", md_escape(section.body.strip())]
    if event.fun_fact:
        lines += [""] + ["> " + line if line else ">" for line in md_escape(event.fun_fact.strip()).split("\n")]
    for heading, items in (("Further reading", event.reading), ("Sources", event.sources)):
        if items:
            lines += ["", f"### {heading}", ""] + [f"- {_md_item(i)}" for i in items]
    return lines


def to_markdown(events: Sequence[Event], table: CountryTable, today: _dt.date, title: str | None = None,
                people: Sequence[Person] | None = None) -> str:
    """A readable document: a title, then one '## date — title' part per event, then the people."""
    from .text import plural

    n = len(events)
    stamp = f"{today.day} {MONTHS[today.month - 1]} {today.year}"
    count = plural(n, "event") + (f" and {plural(len(people), 'person', 'people')}" if people else "")
    lines = [f"# {md_escape(' '.join((title or DEFAULT_MARKDOWN_TITLE).split()))}", "",
             f"{count}, exported on {stamp}."]
    for event in events:
        lines += [""] + markdown_event(event, table)
    if people:
        lines += ["", "## People", ""]
        for p in people:
            life = f"born {p.born.human()}" + (f", died {p.died.human()}" if p.died else "")
            lines.append(f"- **{md_escape(p.name)}** ({life}): {md_escape(p.description)}")
    return "\n".join(lines) + "\n"
