"""The checks behind ``almanac check``. They return problems; they never print."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from .dates import HDate
from .model import EVENT_FIELDS, LIST_FIELDS, PERSON_FIELDS, PERSON_LIST_FIELDS

_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    event: str | None = None
    field: str | None = None
    line: int | None = None
    col: int | None = None
    strict_only: bool = False  # reported only by ``check --strict``
    kind: str = "event"

    def __str__(self) -> str:
        from .text import clean  # ids, fields and values come from the file: data, not control

        return clean(self._text(), one_line=True)

    def _text(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.col}" if self.col is not None else "")
        if self.event is not None:
            where += f": {self.kind} '{self.event}'"
        if self.field is not None:
            where += f": {self.field}"
        return f"{where}: {self.message}"


_FIELDS = frozenset(EVENT_FIELDS)
_FIELD_LIST = ", ".join(EVENT_FIELDS)


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _date(raw: dict, key: str, bad) -> HDate | None:
    value = raw[key]
    if not isinstance(value, str):
        bad(key, f"must be a string such as \"1989-05-15\", not {type(value).__name__}")
        return None
    try:
        return HDate.parse(value)
    except ValueError as e:
        bad(key, f"'{value}' is not a date: {e}")
        return None


def _lists_and_countries(raw: dict, list_fields, codes: Container[str], bad, what: str) -> list[str] | None:
    """Check the list fields and the country codes of an event or a person; the codes if they are a list."""
    for key in list_fields:
        if key in raw and not _is_str_list(raw[key]):
            bad(key, "must be a list of strings")
    countries = raw.get("countries")
    if countries is None:
        bad("countries", "missing")
        return None
    if not _is_str_list(countries):
        return None
    if not countries:
        bad("countries", f"is empty: name {what}", strict_only=True)
    for code in countries:
        if code not in codes:
            bad("countries", f"unknown country code '{code}' ('almanac countries' lists them)")
    return countries


def _quick(raw: dict, codes: Container[str]) -> HDate | None:
    """The event's date if it has no error at all, else None (then ``check_event`` says what is wrong).

    Every index build runs this on every event, so it is the common case made cheap: the same rules as
    ``check_event`` without building a message.
    """
    if not _FIELDS.issuperset(raw):
        return None
    eid, title, summary, countries = raw.get("id"), raw.get("title"), raw.get("summary"), raw.get("countries")
    if type(eid) is not str or not _ID.match(eid) or type(title) is not str or type(summary) is not str:
        return None
    if not summary.strip() or not title.strip() or "\n" in title.strip():
        return None
    if type(countries) is not list or not countries or not all(type(c) is str and c in codes for c in countries):
        return None
    for key in ("people", "tags", "sources", "reading"):
        value = raw.get(key)
        if value is not None and (type(value) is not list or not all(type(v) is str for v in value)):
            return None
    if "fun_fact" in raw and type(raw["fun_fact"]) is not str:
        return None
    sections = raw.get("sections")
    if sections is not None and (type(sections) is not list or not all(
            type(x) is dict and x.keys() == {"heading", "body"} and type(x["heading"]) is str
            and type(x["body"]) is str and x["heading"].strip() and x["body"].strip() for x in sections)):
        return None
    date, end = raw.get("date"), raw.get("end")
    if type(date) is not str or (end is not None and type(end) is not str):
        return None
    try:
        start = HDate.parse(date)
        stop = HDate.parse(end) if end is not None else None
    except ValueError:
        return None
    if stop is not None and ((start.year is None) != (stop.year is None) or stop.sort_key() < start.sort_key()):
        return None
    return start


def check_event(raw, position: int, file: str, codes: Container[str],
                strict: bool = True) -> tuple[list[Problem], HDate | None]:
    """Every problem with one ``[[event]]`` table, and its date when that parses.

    ``position`` names the event when it has no usable id. This runs once per event on every index
    build, so it parses the date only once and hands it back for the build to use; without ``strict``
    (a build, or a plain ``check``), an event with no error at all takes the quick path.
    """
    if not strict and type(raw) is dict and (date := _quick(raw, codes)) is not None:
        return [], date
    if not isinstance(raw, dict):
        return [Problem(file, f"event #{position} is not a table")], None
    eid = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{position}"
    out: list[Problem] = []

    def bad(field: str, message: str, strict_only: bool = False) -> None:
        out.append(Problem(file, message, eid, field, strict_only=strict_only))

    if not _FIELDS.issuperset(raw):
        for key in raw:
            if key not in _FIELDS:
                bad(key, f"unknown field (a typo? the fields are: {_FIELD_LIST})")
    if "id" not in raw:
        bad("id", "missing")
    elif not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        bad("id", "must be a lowercase slug such as 'sino-soviet-summit-1989'")
    for key in ("title", "summary"):
        value = raw.get(key)
        if value is None:
            bad(key, "missing")
        elif not isinstance(value, str):
            bad(key, f"must be a string, not {type(value).__name__}")
        elif not value.strip():
            bad(key, "is empty")
    title = raw.get("title")
    if isinstance(title, str) and "\n" in title.strip():
        bad("title", "must be one line")
    start = _date(raw, "date", bad) if "date" in raw else bad("date", "missing")
    end = _date(raw, "end", bad) if "end" in raw else None
    if start and end and (start.year is None) != (end.year is None):
        bad("end", "a day-only date (--MM-DD) and a dated one cannot be mixed")
    elif start and end and end.sort_key() < start.sort_key():
        bad("end", f"{end.iso()} is before the date {start.iso()}")
    # Imported drafts may not name a country yet; the bundled corpus (--strict) always does.
    countries = _lists_and_countries(raw, LIST_FIELDS, codes, bad, "the countries involved")
    if countries:
        by_code = getattr(codes, "by_code", None)
        for code in countries if start and by_code else ():
            state = by_code.get(code)
            if state is not None and not state.existed(start):
                bad("countries", f"{code} ({state.name}) did not exist on {start.iso()}: name the state of "
                    "the time", strict_only=True)
    if "fun_fact" in raw and not isinstance(raw["fun_fact"], str):
        bad("fun_fact", "must be a string")
    sections = raw.get("sections")
    if sections is not None:
        if not isinstance(sections, list) or not all(isinstance(x, dict) for x in sections):
            bad("sections", "must be a list of [[event.sections]] tables")
        else:
            for i, section in enumerate(sections, 1):
                for key in section:
                    if key not in ("heading", "body"):
                        bad(f"sections[{i}].{key}", "unknown field (sections have heading and body)")
                for key in ("heading", "body"):
                    if not isinstance(section.get(key), str) or not section.get(key, "").strip():
                        bad(f"sections[{i}].{key}", "missing or not a string")
    if not raw.get("sources"):
        bad("sources", "no source named: every event needs at least one", strict_only=True)
    full = [k for k in ("sections", "fun_fact", "reading") if raw.get(k)]
    if full and len(full) < 3:
        missing = ", ".join(k for k in ("sections", "fun_fact", "reading") if k not in full)
        bad(missing, "a full card has sections, a fun fact and further reading; this one lacks "
            + missing, strict_only=True)
    return out, (start if not out or all(p.strict_only for p in out) else None)


_PERSON_FIELD_LIST = ", ".join(PERSON_FIELDS)
MAX_AGE = 130


def check_person(raw, position: int, file: str, codes: Container[str]) -> list[Problem]:
    """Every problem with one ``[[person]]`` table: fields, dates at their precision, age, countries."""
    if not isinstance(raw, dict):
        return [Problem(file, f"person #{position} is not a table")]
    pid = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{position}"
    out: list[Problem] = []

    def bad(field: str, message: str, strict_only: bool = False) -> None:
        out.append(Problem(file, message, f"{pid}", field, strict_only=strict_only, kind="person"))

    for key in raw:
        if key not in PERSON_FIELDS:
            bad(key, f"unknown field (a typo? a person has: {_PERSON_FIELD_LIST})")
    if "id" not in raw:
        bad("id", "missing")
    elif not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        bad("id", "must be a lowercase slug such as 'mikhail-gorbachev-1931'")
    for key in ("name", "description"):
        value = raw.get(key)
        if value is None:
            bad(key, "missing")
        elif not isinstance(value, str) or not value.strip() or "\n" in value.strip():
            bad(key, "must be a non-empty one-line string")
    dates = {}
    for key in ("born", "died", "born_julian", "died_julian"):
        if key in raw:
            dates[key] = _date(raw, key, bad)
        elif key == "born":
            bad("born", "missing")
    born, died = dates.get("born"), dates.get("died")
    for d, key in ((born, "born"), (died, "died")):
        if d is not None and d.year is None:
            bad(key, "needs a year")
    if born and died and born.year is not None and died.year is not None:
        if died.sort_key() < born.sort_key():
            bad("died", f"{died.iso()} is before the birth {born.iso()}")
        elif died.year - born.year >= MAX_AGE:
            bad("died", f"an age of {died.year - born.year} years: check the dates")
    _lists_and_countries(raw, PERSON_LIST_FIELDS, codes, bad, "the countries of their life")
    if not raw.get("sources"):
        bad("sources", "no source named: every person needs at least one", strict_only=True)
    return out


def check_document(doc: dict, file: str, codes: Container[str], strict: bool = True,
                   dates: list | None = None, first: int = 1) -> list[Problem]:
    """Problems of a parsed corpus file: its shape, then each event, then (``strict``) its order.

    ``dates``, if given, receives each event's parsed date (None for an event with errors); ``first``
    numbers the events of a piece of a larger file.
    """
    out: list[Problem] = []
    for key in doc:
        if key not in ("event", "person"):
            out.append(Problem(file, f"unknown top-level key '{key}' (a corpus file holds [[event]] and "
                               "[[person]] tables)"))
    people = doc.get("person", [])
    if not isinstance(people, list):
        out.append(Problem(file, "'person' must be an array of tables: write [[person]]"))
    else:
        for i, raw in enumerate(people, 1):
            out.extend(check_person(raw, i, file, codes))
    events = doc.get("event", [])
    if not isinstance(events, list):
        return out + [Problem(file, "'event' must be an array of tables: write [[event]]")]
    previous = None
    for i, raw in enumerate(events, first):
        problems, date = check_event(raw, i, file, codes, strict)
        out.extend(problems)
        if dates is not None:
            dates.append(date)
        if not strict or date is None:
            continue
        key = date.sort_key()
        if previous is not None and key < previous[0]:
            out.append(Problem(file, f"not sorted by date: {raw['date']} comes after {previous[1]}",
                               raw.get("id"), "date", strict_only=True))
        previous = (key, raw["date"]) if previous is None or key >= previous[0] else previous
    return out
