"""The historical date type and the strict parser for what users type."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from almanac.dates import DayQuery, HDate, ago, is_leap, parse_day
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
    ("05/06", "'05/06' is ambiguous (month/day or day/month?): write 05-06 for May 6, "
              "or spell the month: '6 May' or 'May 6'"),
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
