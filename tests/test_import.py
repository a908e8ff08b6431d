"""Importing BSD calendar(1) and pal files: parsing, notes, TOML output and the cross-check with a corpus."""

from __future__ import annotations

import pytest
import tomli

from almanac import calendars as importer
from almanac.corpus import Source, load, load_countries
from almanac.errors import DataError, UsageError
from conftest import DATA

BSD = DATA / "calendar.history-sample"
PAL = DATA / "history.pal"
CROSS = DATA / "crosscheck.toml"


@pytest.fixture(scope="module")
def table():
    """The bundled country table."""
    return load_countries()


@pytest.fixture(scope="module")
def bsd(table):
    """The sample BSD calendar file, converted."""
    return importer.convert(BSD.read_text(), None, table, "calendar.history-sample")


@pytest.fixture(scope="module")
def pal(table):
    """The sample pal file, converted."""
    return importer.convert(PAL.read_text(), None, table, "history.pal")


@pytest.fixture(scope="module")
def corpus(table):
    """The cross-check fixture corpus: the true dates of the Iron Curtain speech and the PRC."""
    loaded = load([Source(CROSS, "option")], table)
    assert loaded.problems == []
    return loaded.events


def test_detects_both_kinds():
    """The kind comes from the content: BSD for calendar.history, pal for a .pal file, None otherwise."""
    assert importer.detect(BSD.read_text()) == "bsd"
    assert importer.detect(PAL.read_text()) == "pal"
    assert importer.detect("just some prose\nover two lines\n") is None


def test_undetectable_text_is_refused(table):
    """Text of neither kind is a data error (exit 1) instead of an empty import."""
    with pytest.raises(DataError, match="cannot tell the calendar kind of notes.txt"):
        importer.convert("hello\n", None, table, "notes.txt")


def test_unknown_kind_is_a_usage_error(table):
    """A kind other than bsd or pal is a usage error (exit 2)."""
    with pytest.raises(UsageError, match="choose from bsd, pal"):
        importer.convert("01/01\tx, 1900\n", "ical", table)


def test_bsd_events(bsd):
    """Dated events come first in date order, then the days with no year; each is in corpus form."""
    assert bsd.kind == "bsd"
    assert [(e["date"], e["id"]) for e in bsd.events] == [
        ("-0044-03-15", "julius-caesar-is-stabbed-to-death-by-several-44bc"),
        ("1947-01-01", "churchill-delivers-his-iron-curtain-speech-1947"),
        ("1948-01-04", "burma-becomes-independent-from-the-united-kingdom-1948"),
        ("1949-10-19", "mao-tse-tung-establishes-the-peoples-republic-of-1949"),
        ("--06-21", "sun-rises-over-the-heelstone-at-stonehenge"),
        ("--10-23", "day-of-the-1956-revolution-in-hungary"),
    ]
    assert bsd.lines == [13, 11, 12, 17, 16, 18]


def test_bsd_event_fields(bsd):
    """The title loses the year, the summary keeps the calendar's words, the source names the line."""
    assert bsd.events[3] == {
        "id": "mao-tse-tung-establishes-the-peoples-republic-of-1949",
        "date": "1949-10-19",
        "title": "Mao Tse-tung establishes the People's Republic of China",
        "summary": "Mao Tse-tung establishes the People's Republic of China, 1949",
        "countries": ["CN"],
        "sources": ["imported from calendar.history-sample, line 17"],
    }


def test_bsd_continuation_line_is_joined(bsd):
    """A line starting with a TAB continues the event above it, and the BC year is found at its end."""
    assert bsd.events[0]["title"] == "Julius Caesar is stabbed to death by several senators"
    assert bsd.events[0]["summary"] == "Julius Caesar is stabbed to death by several senators, 44BC"


def test_bsd_notes(bsd):
    """Comments, preprocessor lines, settings, '*' dates, impossible days and guesses each get a note."""
    assert [str(n) for n in bsd.notes] == [
        "line 1: comment skipped",
        "line 2: comment skipped",
        "line 3: comment skipped",
        "line 5: #ifndef line skipped",
        "line 6: #define line skipped",
        "line 8: #include calendar.world: no such file (looked in no folder)",
        "line 9: setting skipped: LANG=en_US.UTF-8",
        "line 11: no country recognised: fill in countries",
        "line 13: no country recognised: fill in countries",
        "line 15: date marked '*' (not fixed from year to year): skipped",
        "line 16: no year in the text: imported as a day with no year",
        "line 16: no country recognised: fill in countries",
        "line 18: no year in the text: imported as a day with no year",
        "line 19: 02/30 is not a day of the year: skipped",
        "line 21: #endif line skipped",
    ]


@pytest.mark.parametrize("text, year, rest", [
    ("Mao Tse-tung establishes the People's Republic of China, 1949", 1949,
     "Mao Tse-tung establishes the People's Republic of China"),
    ('"Star Trek" debuts on NBC (1966)', 1966, '"Star Trek" debuts on NBC'),
    ("1963 Revolution Anniversary in Iraq", 1963, "Revolution Anniversary in Iraq"),
    ("Death of King Richard III, 1485, Last of the Plantagenets", 1485,
     "Death of King Richard III, Last of the Plantagenets"),
    ("Rome is founded by Romulus and Remus, 753 BC", -753, "Rome is founded by Romulus and Remus"),
    ("The treaty was signed in 1947 at Paris", 1947, "The treaty was signed in 1947 at Paris"),
    ("Michigan 49 - Stanford 0, 1902", 1902, "Michigan 49 - Stanford 0"),
    ("The Roman Emperor Nero commits suicide, 68", None, "The Roman Emperor Nero commits suicide, 68"),
    ("Krakatoa explodes with a force of 1,300 megatons", None, "Krakatoa explodes with a force of 1,300 megatons"),
    ("Day of the 1848 revolution in Hungary", None, "Day of the 1848 revolution in Hungary"),
])
def test_find_year(text, year, rest):
    """Only a clearly placed year counts: at the end, in parentheses, leading, set off by commas, 'in'."""
    assert importer.find_year(text) == (year, rest)


def test_pal_conversion(pal):
    """pal's 0000mmdd is yearly (year from the text), yyyymmdd is the year itself; the header names it."""
    assert pal.kind == "pal"
    assert "line 2: pal calendar header: marker 'HI', name 'History'" in [str(n) for n in pal.notes]
    assert [(e["date"], e["title"]) for e in pal.events] == [
        ("1946-03-05", 'Churchill speaks of an "iron curtain" at Fulton, Missouri'),
        ("1949-10-19", "Mao Tse-tung establishes the People's Republic of China"),
        ("--06-21", "Midsummer sunrise at Stonehenge"),
    ]
    assert [str(n) for n in pal.notes if "skipped" in n.message] == [
        "line 1: comment skipped",
        "line 6: pal date '000000015' is not a fixed day (yyyymmdd or 0000mmdd): skipped",
        "line 7: pal date 'MON' is not a fixed day (yyyymmdd or 0000mmdd): skipped",
    ]


def test_ids_are_unique_and_avoid_taken_ones(table):
    """Two lines with the same title and year get distinct ids, and ids in taken_ids are not reused."""
    text = "01/01\tA thing happens, 1900\n01/02\tA thing happens, 1900\n"
    result = importer.convert(text, "bsd", table, taken_ids={"a-thing-happens-1900"})
    assert [e["id"] for e in result.events] == ["a-thing-happens-1900-2", "a-thing-happens-1900-3"]


def test_countries_found_by_alias(table):
    """Names and adjectives find countries; capital-only aliases do not match ordinary words."""
    finder = importer.CountryFinder(table)
    assert finder.find("Chinese and Soviet troops clash, and the USSR protests", 1969) == ["CN", "SU"]
    assert finder.find("Bread and water", 1900) == []


def test_crosscheck_catches_the_two_famous_wrong_dates(bsd, corpus):
    """calendar.history's 19 October PRC and 1 January 1947 Iron Curtain speech are flagged."""
    assert [str(m) for m in importer.crosscheck(bsd, corpus)] == [
        "line 11: the calendar file says 1 January 1947 for \"Churchill delivers his \"Iron Curtain\" speech\", "
        "our corpus has 5 March 1946 for \"Churchill warns of an "
        "'iron curtain' across Europe in a speech at Fulton, Missouri\" (id iron-curtain-speech-1946; "
        "source: Wikipedia, \"Sinews of Peace\")",
        "line 17: the calendar file says 19 October 1949 for \"Mao Tse-tung establishes the People's Republic of "
        "China\", our corpus has 1 October 1949 for \"Mao Zedong proclaims "
        "the People's Republic of China in Beijing\" (id prc-proclaimed-1949; source: Wikipedia, "
        "\"Proclamation of the People's Republic of China\")",
    ]


def test_crosscheck_leaves_the_import_unchanged(bsd, corpus):
    """The cross-check reports; it never edits what it was given."""
    before = [dict(e) for e in bsd.events]
    importer.crosscheck(bsd, corpus)
    assert bsd.events == before


def test_crosscheck_agreeing_pal_line_is_quiet(pal, corpus):
    """A pal line with the corpus's own date for the speech is not flagged; its PRC line is."""
    assert [m.line for m in importer.crosscheck(pal, corpus)] == [3]


def test_to_toml_parses_back(bsd):
    """The written TOML parses with tomli to exactly the imported dicts."""
    doc = tomli.loads(importer.to_toml(bsd.events, header="Imported from calendar.history-sample"))
    assert doc == {"event": bsd.events}


EXOTIC = ('quote " backslash \\ tab \t newline \n cr \r ff \f bs \b nul \x00 esc \x1b del \x7f '
          'c1 \x9b bidi \u202e emoji \U0001f600 accents éñ 中文 trailing backslash \\')


def test_to_toml_round_trips_exotic_strings():
    """Quotes, backslashes, newlines, control characters and unicode survive to_toml and tomli."""
    event = {"id": "x-1900", "date": "1900", "title": EXOTIC, "summary": EXOTIC, "countries": ["GB"],
             "sources": [EXOTIC, "plain"],
             "sections": [{"heading": EXOTIC, "body": EXOTIC}]}
    text = importer.to_toml([event])
    assert tomli.loads(text) == {"event": [event]}
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text


def test_to_toml_layout():
    """Fields come in corpus order, empty ones are left out except countries, the header is a comment."""
    event = {"sources": ["s"], "countries": [], "summary": "S", "title": "T", "date": "--05-15", "id": "t",
             "people": [], "fun_fact": None}
    assert importer.to_toml([event], header="draft\nreview it") == (
        "# draft\n# review it\n\n[[event]]\nid = \"t\"\ndate = \"--05-15\"\ntitle = \"T\"\nsummary = \"S\"\n"
        "countries = []\nsources = [\"s\"]\n")


def test_toml_string_replaces_lone_surrogates():
    """A lone surrogate, which TOML cannot hold, is written as U+FFFD."""
    assert importer.toml_string("a\ud800b") == '"a\\uFFFDb"'
