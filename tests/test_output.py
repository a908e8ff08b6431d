"""Output contracts: JSON keys, brief lines, colour decided once, hostile corpus text shown harmlessly."""

from __future__ import annotations

import json
import re

import pytest

from almanac.env import decide_color
from almanac.model import EVENT_FIELDS
from conftest import DATA, MINI

ESC = "\x1b"
HOSTILE = DATA / "hostile.toml"


def test_json_is_a_stable_array_with_every_field(run):
    """Every event object carries exactly the corpus format's keys, in order, absent ones null or []."""
    result = run("on", "1989-05-15", "-f", "json", bundled=MINI)
    events = json.loads(result.stdout)
    assert [list(e) for e in events] == [["kind", *EVENT_FIELDS]] * 2
    assert all(e.pop("kind") == "event" for e in events)
    summit = events[0]
    assert summit == {
        "id": "sino-soviet-summit-1989", "date": "1989-05-15", "end": "1989-05-18",
        "title": "Gorbachev comes to Beijing for the first Sino-Soviet summit in thirty years",
        "summary": "Gorbachev and Deng Xiaoping normalise relations between the two parties and states.",
        "countries": ["CN", "SU"], "people": ["Mikhail Gorbachev", "Deng Xiaoping"],
        "tags": ["diplomacy", "summit"], "sources": ["seed:000", "seed:001"],
        "fun_fact": "Student protests in Tiananmen Square forced changes to the welcome ceremony.",
        "reading": ["Lorenz M. Luthi, The Sino-Soviet Split (Princeton, 2008)"],
        "sections": [{"heading": "Significance", "body": "The summit ended the split that began around 1960."}],
    }
    assert events[1]["end"] is None and events[1]["fun_fact"] is None and events[1]["sections"] == []


def test_cards_on_a_colour_terminal_use_colour(run):
    """With colour on (a terminal), cards are drawn with escape codes and boxes."""
    result = run("on", "1989-05-15", "--no-pager", bundled=MINI, color=True, isatty=True)
    assert ESC + "[" in result.stdout
    assert "╭─" in result.stdout and "Fun fact" in result.stdout


def test_piped_output_has_no_escape_codes(run):
    """Colour off (piped or NO_COLOR): not a single escape code, in any format."""
    for fmt in ("cards", "brief", "json"):
        assert ESC not in run("on", "05-15", "-f", fmt, bundled=MINI).stdout


@pytest.mark.parametrize("environ, tty, expected", [
    ({}, True, True), ({}, False, False), ({"NO_COLOR": "1"}, True, False), ({"FORCE_COLOR": "1"}, False, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False), ({"TERM": "dumb"}, True, False),
])
def test_colour_is_decided_once_in_order(environ, tty, expected):
    """NO_COLOR beats FORCE_COLOR beats the tty check."""
    assert decide_color(environ, tty) is expected


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("fmt", ["cards", "brief"])
def test_hostile_text_never_reaches_the_terminal_as_control(run, fmt, color):
    """ESC, OSC, BEL and C1 controls in corpus text are shown as visible escapes; markup stays literal."""
    result = run("--data", str(HOSTILE), "on", "1999-05-15", "-f", fmt, bundled=MINI, color=color)
    out = result.stdout
    assert result.exit_code == 0
    assert "\x07" not in out and "\x9b" not in out and "]0;pwned" in out
    assert "\\x1b]0;pwned\\x07" in out
    # the only escape codes are our own colour codes (CSI ... m), never the corpus's
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", out)
    assert "[bold red]markup[/bold red]" in out
    if fmt == "cards":
        assert "[link=http://x]link[/link]" in out.replace("\n", " ").replace("│", "").replace("  ", " ")


def test_hostile_text_in_json_is_escaped_but_intact(run):
    """JSON escapes every control character and still round-trips the exact text."""
    result = run("--data", str(HOSTILE), "on", "1999-05-15", "-f", "json", bundled=MINI)
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\x07" not in result.stdout
    event = json.loads(result.stdout)[0]
    assert event["title"] == "Evil \x1b]0;pwned\x07 title [bold red]markup[/bold red]"
    assert "\x9b31m" in event["summary"]


@pytest.mark.parametrize("width", [20, 33, 200])
def test_narrow_and_wide_terminals(run, width):
    """Cards wrap to any width without crashing; no plain line is wider than the terminal."""
    result = run("on", "1989-05-15", bundled=MINI, width=width)
    assert result.exit_code == 0
    longest_word = max(len(w) for w in result.stdout.split())
    assert all(len(line) <= max(width, longest_word) for line in result.stdout.splitlines())
    coloured = run("on", "1989-05-15", bundled=MINI, width=width, color=True)
    assert coloured.exit_code == 0


def test_version(run):
    """--version prints the version."""
    from almanac import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"almanac {__version__}\n")


def test_cards_keep_a_reading_width_on_wide_terminals(run):
    """At 120 columns, card text wraps at 88 (as good terminal readers do); narrower terminals use all."""
    wide = run("on", "1989-05-15", bundled=MINI, width=120).stdout
    assert max(len(line) for line in wide.splitlines()) <= 88
    narrow = run("on", "1989-05-15", bundled=MINI, width=60).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60


def test_almanac_alone_shows_today(run):
    """`almanac` with no command shows today's cards, as calendar(1) shows today."""
    import datetime as dt

    alone = run(bundled=MINI, today=dt.date(2026, 5, 15))
    assert alone.exit_code == 0
    assert alone.stdout == run("today", bundled=MINI, today=dt.date(2026, 5, 15)).stdout
    assert alone.stdout.startswith("On 15 May: 2 events in history\n")


def test_top_level_help_lines_are_never_cut(run):
    result = run("--help")
    commands = result.stdout.split("Commands:", 1)[1]
    assert result.exit_code == 0 and "..." not in commands and "almanac person" not in commands


def test_brief_with_nothing_says_so(run):
    out = run("search", "nothing-of-the-kind", "-f", "brief", bundled=MINI)
    assert out.exit_code == 0 and out.stderr == "No events match 'nothing-of-the-kind'.\n"
    day = run("on", "1989", "--country", "Chile", bundled=MINI)
    assert day.stdout == "1989: nothing recorded\n"
    assert run("on", "1989", "--country", "Chile", "-f", "json", bundled=MINI).stdout == "[]\n"
