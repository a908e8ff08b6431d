"""`almanac on DATE` and `almanac today`, on the small named corpus tests/data/mini.toml."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import MINI

SUMMIT_CARD = """\
On 15 May 1989: 1 event, and 1 more on this day in other years

────────────────────────────────────────────────────────────────────────
15 May 1989 – 18 May 1989 · 37 years ago
Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years
China, Soviet Union

Gorbachev and Deng Xiaoping normalise relations between the two parties and
states.

Significance
  The summit ended the split that began around 1960.

Fun fact: Student protests in Tiananmen Square forced changes to the welcome
ceremony.

Further reading:
  - Lorenz M. Luthi, The Sino-Soviet Split (Princeton, 2008)

Sources:
- "The Historic 1989 Sino-Soviet Summit in Beijing", a "today in history" web
  page (one of almanac's seed documents; see seeds/000.md)
- "Sino-Soviet relations", Wikipedia,
  https://en.wikipedia.org/wiki/Sino-Soviet_relations

────────────────────────────────────────────────────────────────────────
15 May 1972 · 54 years ago
The United States returns Okinawa to Japan
United States, Japan

American administration of the Ryukyu Islands ends.

Sources:
- Wikipedia, "Okinawa Reversion Agreement"
"""


def test_on_with_year_shows_exact_date_first(run):
    """With a year, that exact date comes first; the card shows dates, years ago and every part."""
    result = run("on", "1989-05-15", bundled=MINI)
    assert result.exit_code == 0
    assert result.stdout == SUMMIT_CARD
    assert result.stderr == ""


def test_on_without_year_is_chronological(run):
    """Without a year the same day's events come in chronological order."""
    result = run("on", "May 15", "--format", "brief", bundled=MINI)
    assert result.stdout == (
        "1972-05-15  The United States returns Okinawa to Japan  [US JP]\n"
        "1989-05-15  Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years  [CN SU]\n")


@pytest.mark.parametrize("form", ["1989-05-15", "May 15", "15 May", "15 May 1989", "05-15", "may 15th"])
def test_every_form_finds_the_same_day(run, form):
    """All the forms a person types reach the same events."""
    result = run("on", form, "--format", "json", bundled=MINI)
    assert result.exit_code == 0
    assert {e["id"] for e in json.loads(result.stdout)} == {"sino-soviet-summit-1989", "okinawa-reversion-1972"}


def test_relative_words_use_the_injected_today(run):
    """'tomorrow' is relative to the frozen date, not the machine's clock."""
    result = run("on", "tomorrow", "-f", "brief", bundled=MINI, today=dt.date(2026, 5, 14))
    assert result.stdout.splitlines()[0] == "1972-05-15  The United States returns Okinawa to Japan  [US JP]"


@pytest.mark.parametrize("args, message", [
    (["on", ""], "almanac: no date given: try 1989-05-15, 05-15, 'May 15', '15 May 1989' or 'tomorrow'\n"),
    (["on", "99999-01-01"], "almanac: '99999-01-01' is out of range: years go from 9999 BC to 9999\n"),
    (["on", "05/06"], "almanac: '05/06' is ambiguous: 6 May (month/day) or 5 June (day/month)? "
                      "Write 05-06 for 6 May, or spell the month\n"),
    (["on", "13/13"], "almanac: '13/13' is impossible: neither 13 nor 13 can be a month with such a day\n"),
    (["on", "1989", "--days", "3"], "almanac: --days, --ahead and --behind go with a day, not a year or a month\n"),
    (["on", "05-15", "--days", "0"], "almanac: --days takes a number of days from 1 to 366, not 0\n"),
    (["on", "05-15", "--country", "Korea"], "almanac: 'Korea' names several states: South Korea (KR), "
                                            "North Korea (KP), Korea (before 1948) (XU); name one of them\n"),
    (["on", "1989-02-30"], "almanac: '1989-02-30' is not a date: February has no day 30\n"),
    (["on", "2023-02-29"], "almanac: '2023-02-29' is not a date: 2023 is not a leap year\n"),
    (["on", "05-15", "--format", "xml"],
     "almanac: Invalid value for '--format' / '-f': 'xml' is not one of 'cards', 'brief', 'json', 'html' "
     "(see 'almanac on --help')\n"),
    (["on"], "almanac: Missing argument 'DATE' (see 'almanac on --help')\n"),
    (["frobnicate"], "almanac: No such command 'frobnicate' (see 'almanac --help')\n"),
])
def test_usage_errors_are_one_line_and_exit_2(run, args, message):
    """A user mistake: one clear line on stderr, exit 2, nothing on stdout, no traceback."""
    result = run(*args, bundled=MINI)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_day_with_nothing_says_so_and_shows_nearest(run):
    """An empty day exits 0, says so, and shows the nearest day that has events."""
    result = run("on", "02-10", "-f", "cards", bundled=MINI)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "On 10 February: nothing recorded"
    assert lines[1] == "Nothing recorded on 10 February; the nearest day with events is 8 February"
    assert "Japan attacks the Russian fleet at Port Arthur" in result.stdout


def test_json_of_an_empty_day_is_an_empty_array(run):
    """Scripts get [] for a day with nothing, not the stand-in days."""
    result = run("on", "02-10", "-f", "json", bundled=MINI)
    assert json.loads(result.stdout) == []


def test_today_on_28_february_of_a_common_year_shows_29_february(run):
    """A common year's 28 February also shows the leap day's events."""
    result = run("today", "-f", "cards", bundled=MINI, today=dt.date(2023, 2, 28))
    assert "Also on 29 February, which this year does not have" in result.stdout
    assert "Columbus uses a lunar eclipse" in result.stdout
    leap = run("today", "-f", "json", bundled=MINI, today=dt.date(2024, 2, 28))
    assert json.loads(leap.stdout) == []


def test_today_uses_the_local_date(run):
    """`today` is `on` for the injected date."""
    result = run("today", "-f", "brief", bundled=MINI, today=dt.date(2030, 1, 20))
    assert result.stdout == "1925-01-20  Japan and the USSR establish diplomatic relations  [JP SU]\n"


def test_bc_dates_and_years_ago(run):
    """Years BC print as such, and 'years ago' skips the missing year 0."""
    result = run("on", "15 March 44 BC", bundled=MINI)
    assert "15 March 44 BC · 2,069 years ago" in result.stdout


def test_year_and_month_events_never_appear_on_a_day(run):
    """A year-only or month-only event has no day, so no day shows it."""
    for day in ("12-01", "01-01", "12-31"):
        result = run("on", day, "-f", "json", bundled=MINI)
        assert all(e["id"] not in ("mao-in-moscow-1949", "border-clashes-1969") for e in json.loads(result.stdout))


def test_day_only_events_show_on_their_day_but_not_in_timelines(run, tmp_path):
    """An event known to the day only appears under 'on' (year unknown) and in no timeline."""
    f = tmp_path / "imported.toml"
    f.write_text('[[event]]\nid = "feast-of-something"\ndate = "--05-15"\ntitle = "A feast kept on this day"\n'
                 'summary = "Imported from a calendar file without a year."\ncountries = ["CN"]\n'
                 'sources = ["calendar.history, line 3"]\n')
    result = run("--data", str(f), "on", "1989-05-15", "-f", "brief", bundled=MINI)
    assert result.stdout.splitlines()[-1] == "--05-15  A feast kept on this day  [CN]"
    assert "15 May · year unknown" in run("--data", str(f), "on", "05-15", bundled=MINI).stdout
    timeline = run("--data", str(f), "timeline", "China", "USSR", "-f", "json", bundled=MINI)
    assert "feast-of-something" not in timeline.stdout
