"""The historical date type and the strict parser for what users type."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from almanac.dates import (
    DayQuery,
    HDate,
    OldStyle,
    PeriodQuery,
    ago,
    gregorian_to_jdn,
    is_leap,
    jdn_to_gregorian,
    jdn_to_julian,
    julian_to_jdn,
    parse_day,
    parse_when,
)
from almanac.errors import UsageError

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("text, expected", [
    ("1989-05-15", DayQuery(5, 15, 1989)),
    ("May 15", DayQuery(5, 15)),
    ("15 May", DayQuery(5, 15)),
    ("15 May 1989", DayQuery(5, 15, 1989)),
    ("05-15", DayQuery(5, 15)),
    ("5-15", DayQuery(5, 15)),
    ("--05-15", DayQuery(5, 15)),
    ("May 15th, 1989", DayQuery(5, 15, 1989)),
    ("Monday 15 May 1989", DayQuery(5, 15, 1989)),
    ("1989 May 15", DayQuery(5, 15, 1989)),
    ("1989/05/15", DayQuery(5, 15, 1989)),
    ("15 March 44 BC", DayQuery(3, 15, -44)),
    ("-0044-03-15", DayQuery(3, 15, -44)),
    ("sept 1", DayQuery(9, 1)),
    ("today", DayQuery(11, 22, 2026)),
    ("tomorrow", DayQuery(11, 23, 2026)),
    ("Yesterday", DayQuery(11, 21, 2026)),
    ("2024-02-29", DayQuery(2, 29, 2024)),
    ("02-29", DayQuery(2, 29)),
    ("1500-02-29", DayQuery(2, 29, 1500)),  # Julian leap year, before the reform
])
def test_accepted_forms(text, expected):
    """Every documented form parses to the day it names."""
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text, message", [
    ("", "no date given: try 1989-05-15, 05-15, 'May 15', '15 May 1989' or 'tomorrow'"),
    ("05/06", "'05/06' is ambiguous: 6 May (month/day) or 5 June (day/month)? Write 05-06 for 6 May, "
              "or spell the month"),
    ("13/13", "'13/13' is impossible: neither 13 nor 13 can be a month with such a day"),
    ("31/31/1989", "'31/31/1989' is impossible: neither 31 nor 31 can be a month with such a day"),
    ("15/05/89", "'15/05/89': write the year in full (1989, not 89)"),
    ("30.02.1989", "'30.02.1989' is impossible: neither 30 nor 2 can be a month with such a day"),
    ("99999-01-01", "'99999-01-01' is out of range: years go from 9999 BC to 9999"),
    ("1989-02-30", "'1989-02-30' is not a date: February has no day 30"),
    ("2023-02-29", "'2023-02-29' is not a date: 2023 is not a leap year"),
    ("1900-02-29", "'1900-02-29' is not a date: 1900 is not a leap year"),
    ("0000-01-01", "'0000-01-01' is not a date: there is no year 0"),
    ("13-01", "'13-01' is not a date: there is no month 13"),
    ("May 1989", "'May 1989' names a month, not a day: try 1989-05-15, 05-15, 'May 15', '15 May 1989' "
                 "or 'tomorrow'"),
    ("15 May 89", "'15 May 89' is not a date: try 1989-05-15, 05-15, 'May 15', '15 May 1989' or 'tomorrow'"),
    ("next tuesday", "'next tuesday' is not a date: try 1989-05-15, 05-15, 'May 15', '15 May 1989' "
                     "or 'tomorrow'"),
])
def test_refused_forms(text, message):
    """Impossible, ambiguous and guessable inputs are usage errors with a clear message."""
    with pytest.raises(UsageError) as err:
        parse_day(text, TODAY)
    assert str(err.value) == message


def test_corpus_date_forms():
    """Corpus dates keep their precision and print as people write them."""
    assert HDate.parse("1989-05-15").human() == "15 May 1989"
    assert HDate.parse("1949-12").human() == "Dec 1949"
    assert HDate.parse("1969").human() == "1969"
    assert HDate.parse("-0044-03-15").human() == "15 March 44 BC"
    assert HDate.parse("-0044-03-15").iso() == "-0044-03-15"
    assert [HDate.parse(s).precision for s in ("1969", "1949-12", "1989-05-15")] == ["year", "month", "day"]


@pytest.mark.parametrize("text", ["1989-13-01", "1989-02-30", "0000", "89-5-15", "1989-5-15", "May 1989"])
def test_corpus_date_refused(text):
    """The corpus format is strict: zero-padded ISO forms only, real days only."""
    with pytest.raises(ValueError):
        HDate.parse(text)


def test_years_ago_skips_year_zero():
    """From 44 BC to AD 2026 is 2,069 years, since there is no year 0."""
    assert ago(HDate(-44, 3, 15), TODAY) == "2,069 years ago"
    assert ago(HDate(2025), TODAY) == "a year ago"
    assert ago(HDate(2026), TODAY) == "this year"


def test_leap_rules_switch_at_the_reform():
    """Julian rule before 1583 (1500 leap), Gregorian after (1700 not, 2000 yes); 1 BC is leap."""
    assert is_leap(1500) and not is_leap(1700) and is_leap(2000) and is_leap(-1) and not is_leap(-2)


@given(st.integers(-9999, 9999).filter(bool), st.integers(1, 12), st.integers(1, 31))
def test_valid_dates_round_trip(year, month, day):
    """Every real date written in ISO form parses back to itself; every unreal one is a usage error."""
    date = HDate(year, month, day)
    try:
        HDate.parse(date.iso())
    except ValueError:
        with pytest.raises(UsageError):
            parse_day(date.iso(), TODAY)
        return
    assert parse_day(date.iso(), TODAY) == DayQuery(month, day, year)
    assert HDate.parse(date.iso()) == date


@given(st.text(max_size=80))
def test_any_string_is_a_day_or_a_usage_error(text):
    """Nothing a user types makes the parser raise anything but our usage error."""
    try:
        q = parse_day(text, TODAY)
    except UsageError as e:
        assert "\n" not in str(e).strip() or "\n" in text
        return
    assert 1 <= q.month <= 12 and 1 <= q.day <= 31
    HDate(q.year or 2000, q.month, q.day)


def test_day_only_dates():
    """'--05-15' is a day whose year is not known: it prints as '15 May' and sorts after dated events."""
    d = HDate.parse("--05-15")
    assert (d.year, d.month, d.day, d.precision) == (None, 5, 15, "day-only")
    assert d.iso() == "--05-15" and d.human() == "15 May" and ago(d, TODAY) == "year unknown"
    assert d.sort_key() > HDate(9999, 12, 31).sort_key()
    with pytest.raises(ValueError):
        HDate.parse("--02-30")


@pytest.mark.parametrize("text, expected", [
    ("15.05.1989", DayQuery(5, 15, 1989)),
    ("15/05/1989", DayQuery(5, 15, 1989)),
    ("05/15/1989", DayQuery(5, 15, 1989)),
    ("5/5/1989", DayQuery(5, 5, 1989)),
    ("31.12", DayQuery(12, 31)),
])
def test_unambiguous_numeric_dates(text, expected):
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text, expected", [
    ("1989", PeriodQuery(1989)), ("May 1989", PeriodQuery(1989, 5)), ("1989-05", PeriodQuery(1989, 5)),
    ("44 BC", PeriodQuery(-44)), ("-0044", PeriodQuery(-44)), ("March 44 BC", PeriodQuery(-44, 3)),
    ("AD 800", PeriodQuery(800)), ("1989 may", PeriodQuery(1989, 5)),
])
def test_years_and_months(text, expected):
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text, julian, gregorian", [
    ("25 October 1917 OS", (1917, 10, 25), DayQuery(11, 7, 1917)),  # the October Revolution
    ("10 April 1870 O.S.", (1870, 4, 10), DayQuery(4, 22, 1870)),  # Lenin's birth
    ("5 October 1582 (Julian)", (1582, 10, 5), DayQuery(10, 15, 1582)),  # the first day of the reform
    ("1 March 1700 Old Style", (1700, 3, 1), DayQuery(3, 12, 1700)),  # after the Julian-only leap day
    ("1 January 1500 OS", (1500, 1, 1), DayQuery(1, 10, 1500)),
    ("1 January 2100 OS", (2100, 1, 1), DayQuery(1, 14, 2100)),
    ("15 March 44 BC OS", (-44, 3, 15), DayQuery(3, 13, -44)),
])
def test_old_style_dates_convert_exactly(text, julian, gregorian):
    q = parse_when(text, TODAY)
    assert q == OldStyle(julian, gregorian)


def test_old_style_needs_a_year_and_a_julian_day():
    with pytest.raises(UsageError, match="needs its year"):
        parse_when("25 October OS", TODAY)
    assert parse_when("29 February 1700", TODAY, julian=True).gregorian == DayQuery(3, 11, 1700)
    with pytest.raises(UsageError):
        parse_when("29 February 1701 OS", TODAY)


@given(st.integers(-4000, 4000).filter(lambda y: y != 0), st.integers(1, 12), st.integers(1, 28))
def test_julian_round_trip(year, month, day):
    """Julian -> day number -> Julian is the identity, and so is Gregorian -> day number -> Gregorian."""
    assert jdn_to_julian(julian_to_jdn(year, month, day)) == (year, month, day)
    assert jdn_to_gregorian(gregorian_to_jdn(year, month, day)) == (year, month, day)


@given(st.integers(1, 12), st.integers(1, 12), st.integers(1000, 2999))
def test_the_unambiguous_date_rule(a, b, year):
    """A numeric date is read only when one reading is possible, and then read as that reading."""
    text = f"{a:02d}/{b:02d}/{year}"
    readings = {(m, d) for m, d in ((a, b), (b, a))}
    try:
        q = parse_day(text, TODAY)
    except UsageError as e:
        assert len(readings) == 2 and "ambiguous" in str(e)
    else:
        assert len(readings) == 1 and (q.month, q.day) in readings
