"""The checks behind ``almanac check``. They return problems; they never print."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from .dates import HDate
from .model import EVENT_FIELDS, LIST_FIELDS

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

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}" + (f":{self.col}" if self.col is not None else "")
        if self.event is not None:
            where += f": event '{self.event}'"
        if self.field is not None:
            where += f": {self.field}"
        return f"{where}: {self.message}"


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_event(raw, position: int, file: str, codes: Container[str]) -> list[Problem]:
    """Every problem with one ``[[event]]`` table (``position`` names it when it has no usable id)."""
    if not isinstance(raw, dict):
        return [Problem(file, f"event #{position} is not a table")]
    eid = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{position}"
    out: list[Problem] = []

    def bad(field: str, message: str, strict_only: bool = False) -> None:
        out.append(Problem(file, message, eid, field, strict_only=strict_only))

    for key in raw:
        if key not in EVENT_FIELDS:
            bad(key, "unknown field (a typo? the fields are: " + ", ".join(EVENT_FIELDS) + ")")
    if "id" not in raw:
        bad("id", "missing")
    elif not isinstance(raw["id"], str) or not _ID.match(raw["id"]):
        bad("id", "must be a lowercase slug such as 'sino-soviet-summit-1989'")
    for key in ("title", "summary"):
        if key not in raw:
            bad(key, "missing")
        elif not isinstance(raw[key], str):
            bad(key, f"must be a string, not {type(raw[key]).__name__}")
        elif not raw[key].strip():
            bad(key, "is empty")
    if isinstance(raw.get("title"), str) and "\n" in raw["title"].strip():
        bad("title", "must be one line")
    start = end = None
    if "date" not in raw:
        bad("date", "missing")
    for key in ("date", "end"):
        if key not in raw:
            continue
        if not isinstance(raw[key], str):
            bad(key, f"must be a string such as \"1989-05-15\", not {type(raw[key]).__name__}")
            continue
        try:
            parsed = HDate.parse(raw[key])
        except ValueError as e:
            bad(key, f"'{raw[key]}' is not a date: {e}")
            continue
        if key == "date":
            start = parsed
        else:
            end = parsed
    if start and end and (start.year is None) != (end.year is None):
        bad("end", "a day-only date (--MM-DD) and a dated one cannot be mixed")
    elif start and end and end.sort_key() < start.sort_key():
        bad("end", f"{end.iso()} is before the date {start.iso()}")
    for key in LIST_FIELDS:
        if key in raw and not _is_str_list(raw[key]):
            bad(key, "must be a list of strings")
    if "countries" not in raw:
        bad("countries", "missing")
    elif _is_str_list(raw["countries"]):
        if not raw["countries"]:
            # Imported drafts may not name a country yet; the bundled corpus (--strict) always does.
            bad("countries", "is empty: name the countries involved", strict_only=True)
        for code in raw["countries"]:
            if code not in codes:
                bad("countries", f"unknown country code '{code}' ('almanac countries' lists them)")
    if "fun_fact" in raw and not isinstance(raw["fun_fact"], str):
        bad("fun_fact", "must be a string")
    sections = raw.get("sections")
    if sections is not None:
        if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
            bad("sections", "must be a list of [[event.sections]] tables")
        else:
            for i, s in enumerate(sections, 1):
                for key in s:
                    if key not in ("heading", "body"):
                        bad(f"sections[{i}].{key}", "unknown field (sections have heading and body)")
                for key in ("heading", "body"):
                    if not isinstance(s.get(key), str) or not s.get(key, "").strip():
                        bad(f"sections[{i}].{key}", "missing or not a string")
    if not raw.get("sources"):
        bad("sources", "no source named: every event needs at least one", strict_only=True)
    full = [k for k in ("sections", "fun_fact", "reading") if raw.get(k)]
    if full and len(full) < 3:
        missing = ", ".join(k for k in ("sections", "fun_fact", "reading") if k not in full)
        bad(missing, "a full card has sections, a fun fact and further reading; this one lacks "
            + missing, strict_only=True)
    return out


def check_document(doc: dict, file: str, codes: Container[str]) -> list[Problem]:
    """Problems of a parsed corpus file: its shape, then each event, then its order."""
    out: list[Problem] = []
    for key in doc:
        if key != "event":
            out.append(Problem(file, f"unknown top-level key '{key}' (a corpus file holds [[event]] tables)"))
    events = doc.get("event", [])
    if not isinstance(events, list):
        return out + [Problem(file, "'event' must be an array of tables: write [[event]]")]
    previous = None
    for i, raw in enumerate(events, 1):
        out.extend(check_event(raw, i, file, codes))
        try:
            key = HDate.parse(raw["date"]).sort_key()
        except (KeyError, TypeError, ValueError):
            continue
        if previous is not None and key < previous[0]:
            out.append(Problem(file, f"not sorted by date: {raw['date']} comes after {previous[1]}",
                               raw.get("id"), "date", strict_only=True))
        previous = (key, raw["date"]) if previous is None or key >= previous[0] else previous
    return out
