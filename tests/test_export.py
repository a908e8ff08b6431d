"""Exports: JSON, CSV, iCalendar and Markdown built from the mini corpus, read back and checked exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from almanac import export
from almanac.corpus import Source, load, load_countries
from almanac.countries import CountryTable
from almanac.dates import HDate
from almanac.errors import UsageError
from almanac.model import Event, Section
from almanac.text import clean
from conftest import MINI, TODAY


@pytest.fixture(scope="module")
def table():
    """The bundled country table."""
    return load_countries()


@pytest.fixture(scope="module")
def events(table):
    """The ten events of tests/data/mini.toml, in date order."""
    loaded = load([Source(MINI, "option")], table)
    return sorted(loaded.events, key=Event.sort_key)


def by_id(events, eid):
    return next(e for e in events if e.id == eid)


def vevents(text):
    return {str(v["UID"]): v for v in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_json_round_trips_to_the_same_dicts(events, table):
    """The JSON export is an array of Event.to_dict() objects that parse back to equal events."""
    data = json.loads(export.export(events, "json", table, TODAY))
    assert data == [e.to_dict() for e in events]
    assert [Event.from_dict(d) for d in data] == events


def test_csv_header_and_a_row(events, table):
    """The CSV has the pinned header, one row per event, lists joined with '; '."""
    text = export.export(events, "csv", table, TODAY)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "date", "end", "title", "countries", "people", "tags", "summary", "sources"]
    assert len(rows) == 11
    assert rows[-2] == [
        "sino-soviet-summit-1989", "1989-05-15", "1989-05-18",
        "Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years", "CN; SU",
        "Mikhail Gorbachev; Deng Xiaoping", "diplomacy; summit",
        "Gorbachev and Deng Xiaoping normalise relations between the two parties and states.",
        "seed:000; seed:001"]
    assert text.endswith("\r\n")


def test_csv_quotes_commas_quotes_and_newlines():
    """Fields with commas, quotes and newlines survive the RFC 4180 round trip."""
    e = Event("x-1", HDate(1900), 'A "quoted", title', "line one\nline two", ("GB",))
    row = list(csv.reader(io.StringIO(export.to_csv([e]))))[1]
    assert row[3:8] == ['A "quoted", title', "GB", "", "", "line one\nline two"]


def test_csv_neutralises_formulas_and_control_characters():
    """A cell that a spreadsheet would run as a formula gets a leading quote; escape codes are shown."""
    e = Event("x-1", HDate(1900), "=HYPERLINK(\"http://x\")", "bell \x07 here", ("GB",))
    row = list(csv.reader(io.StringIO(export.to_csv([e]))))[1]
    assert row[3] == "'=HYPERLINK(\"http://x\")"
    assert row[7] == "bell \\x07 here"


def test_ics_event_fields(events, table):
    """A day-precision event becomes a yearly all-day VEVENT with a stable UID and a fixed DTSTAMP."""
    v = vevents(export.export(events, "ics", table, TODAY))["sino-soviet-summit-1989@almanac"]
    assert v.decoded("DTSTART") == dt.date(1989, 5, 15)
    assert v.decoded("DTEND") == dt.date(1989, 5, 16)
    assert v["RRULE"].to_ical() == b"FREQ=YEARLY"
    assert str(v["SUMMARY"]) == "1989: Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years"
    assert v.decoded("DTSTAMP") == dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
    assert str(v["DESCRIPTION"]) == (
        "15 May 1989\n\nGorbachev and Deng Xiaoping normalise relations between the two parties and "
        "states.\n\nSources:\n- seed:000\n- seed:001")


def test_ics_calendar_header(events, table):
    """The calendar names our PRODID and iCalendar version 2.0."""
    cal = icalendar.Calendar.from_ical(export.export(events, "ics", table, TODAY))
    assert str(cal["PRODID"]) == "-//almanac//history-almanac//EN"
    assert str(cal["VERSION"]) == "2.0"


def test_ics_skips_year_and_month_precision(events, table):
    """Events known only to the month or year are left out, and ics_skipped names them."""
    uids = set(vevents(export.export(events, "ics", table, TODAY)))
    assert [e.id for e in export.ics_skipped(events)] == ["mao-in-moscow-1949", "border-clashes-1969"]
    assert len(uids) == 8
    assert "mao-in-moscow-1949@almanac" not in uids


def test_ics_early_years_move_to_1972(events, table):
    """A BC event starts in 1972 with its real year in SUMMARY; 1504 likewise."""
    vs = vevents(export.export(events, "ics", table, TODAY))
    ides = vs["ides-of-march-44bc@almanac"]
    assert ides.decoded("DTSTART") == dt.date(1972, 3, 15)
    assert str(ides["SUMMARY"]) == "44 BC: Julius Caesar is killed in the Senate"
    assert vs["russo-japanese-war-1904@almanac"].decoded("DTSTART") == dt.date(1904, 2, 8)


def test_ics_29_february_recurs_on_the_last_day_of_february(events, table):
    """A 29 February event recurs every year on February's last day, from a real 29 February."""
    v = vevents(export.export(events, "ics", table, TODAY))["columbus-eclipse-1504@almanac"]
    assert v.decoded("DTSTART") == dt.date(1972, 2, 29)
    assert dict(v["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}


def test_ics_is_deterministic(events, table):
    """Two exports on the same day are byte for byte the same."""
    assert export.export(events, "ics", table, TODAY) == export.export(events, "ics", table, TODAY)


ICS_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n;,\\:\"é中😀"),
                   max_size=400)


@given(summary=ICS_TEXT, description=ICS_TEXT)
@settings(max_examples=150, deadline=None)
def test_ics_text_reads_back_whole_with_lines_of_at_most_75_octets(summary, description):
    """Whatever the text (commas, semicolons, backslashes, newlines, CJK, emoji), the icalendar package
    reads back exactly what was written, and no line is longer than RFC 5545's 75 octets."""
    e = Event("x-1", HDate(1989, 5, 15), summary, description, ("GB",))
    text = export.to_ics([e], TODAY)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    (v,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(v["SUMMARY"]) == "1989: " + clean(summary, one_line=True)
    assert str(v["DESCRIPTION"]).startswith("15 May 1989\n\n" + clean(description))


@pytest.mark.slow  # reads back a 1 MB calendar twice with the icalendar package
def test_ics_says_what_the_icalendar_package_would_write(table):
    """Property by property, the hand-written export of the whole bundled corpus is what the icalendar
    package builds from the same events (the way this export was written before)."""
    from almanac.corpus import resources

    srcs = [Source(p, "bundled") for p in resources.bundled_files()]
    events = load(srcs, table).events[::3]  # a third of the corpus, all eras: enough, and a third the time
    cal = icalendar.Calendar()
    for key, value in (("prodid", export.PRODID), ("version", "2.0"), ("calscale", "GREGORIAN")):
        cal.add(key, value)
    for e in events:
        if e.date.day is None:
            continue
        v = icalendar.Event()
        start = export.ics_start(e)
        v.add("uid", f"{e.id}@almanac")
        v.add("dtstamp", dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc))
        v.add("dtstart", start)
        v.add("dtend", start + dt.timedelta(days=1))
        v.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1} if (start.month, start.day) == (2, 29)
              else {"freq": "yearly"})
        year = f"{e.date.year_text()}: " if e.date.year is not None else ""
        v.add("summary", year + clean(e.title, one_line=True))
        v.add("description", export._ics_description(e))
        cal.add_component(v)

    def props(text):
        parsed = icalendar.Calendar.from_ical(text)
        return ({k: parsed[k] for k in parsed},
                {str(v["UID"]): {k: v[k].to_ical() for k in v} for v in parsed.walk("VEVENT")})

    ours = props(export.to_ics(events, TODAY))
    assert len(ours[1]) > 1000
    assert ours == props(cal.to_ical().decode("utf-8"))


def test_markdown_structure(events, table):
    """The Markdown document has the title, a '## date — title' per event, sections, fun fact and lists."""
    text = export.export([by_id(events, "sino-soviet-summit-1989")], "markdown", table, TODAY, title="Summits")
    assert text == (
        "# Summits\n"
        "\n"
        "1 event, exported on 22 November 2026.\n"
        "\n"
        "## 15 May 1989 — Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years\n"
        "\n"
        "Countries: China, Soviet Union\n"
        "\n"
        "Gorbachev and Deng Xiaoping normalise relations between the two parties and states.\n"
        "\n"
        "### Significance\n"
        "\n"
        "The summit ended the split that began around 1960.\n"
        "\n"
        "> Student protests in Tiananmen Square forced changes to the welcome ceremony.\n"
        "\n"
        "### Further reading\n"
        "\n"
        "- Lorenz M. Luthi, The Sino-Soviet Split (Princeton, 2008)\n"
        "\n"
        "### Sources\n"
        "\n"
        "- seed:000\n"
        "- seed:001\n")


def test_markdown_default_title_and_count(events, table):
    """Without a title the document is headed 'History almanac' and counts its events."""
    lines = export.export(events, "markdown", table, TODAY).splitlines()
    assert lines[:3] == ["# History almanac", "", "10 events, exported on 22 November 2026."]
    assert sum(line.startswith("## ") for line in lines) == 10


def test_markdown_escapes_html_markup_and_controls():
    """Corpus text cannot inject HTML, links, emphasis, headings or escape codes."""
    e = Event("x-1", HDate(1900, 1, 2), "<script>alert(1)</script> *bold*", "# not a heading\n1989. a year\x1b[2J",
              ("GB",), sources=("https://example.org/a_b", "[link](http://x)"),
              sections=(Section("H", "&amp; <b>"),))
    text = export.to_markdown([e], CountryTable([]), TODAY)
    assert "<script>" not in text and "<b>" not in text
    assert "## 2 January 1900 — &lt;script>alert(1)&lt;/script> \\*bold\\*" in text
    assert "\\# not a heading\n1989\\. a year\\\\x1b\\[2J" in text  # renders as the text \\x1b[2J
    assert "&amp;amp; &lt;b>" in text
    assert "- <https://example.org/a_b>\n- \\[link\\](http://x)" in text
    assert "\x1b" not in text


def test_unknown_format_is_refused(events, table):
    """An unknown format name is a usage error (exit 2) naming the choices."""
    with pytest.raises(UsageError, match="choose from json, csv, ics, markdown"):
        export.export(events, "xml", table, TODAY)
