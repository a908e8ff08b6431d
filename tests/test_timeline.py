"""`almanac timeline A B`: names people type, lines of succession, decades, precision."""

from __future__ import annotations

import json

import pytest

from conftest import MINI


def ids(result):
    return [e["id"] for e in json.loads(result.stdout)]


@pytest.mark.parametrize("a, b", [("China", "USSR"), ("PRC", "Soviet Union"), ("cn", "su"),
                                  ("Chinese", "soviet"), ("People's Republic of China", "U.S.S.R.")])
def test_names_people_type(run, a, b):
    """Aliases, adjectives and codes in any case reach the same pair."""
    result = run("timeline", a, b, "-f", "json", bundled=MINI)
    assert result.exit_code == 0
    assert ids(result) == ["mao-in-moscow-1949", "sino-soviet-treaty-1950", "border-clashes-1969",
                           "sino-soviet-summit-1989", "good-neighbourliness-treaty-2001"]


def test_russia_includes_the_soviet_years_unless_strict(run):
    """Russia brings in the USSR and the Russian Empire; --strict keeps to Russia alone."""
    wide = run("timeline", "china", "russia", "-f", "json", bundled=MINI)
    assert "sino-soviet-summit-1989" in ids(wide)
    strict = run("timeline", "china", "russia", "--strict", "-f", "json", bundled=MINI)
    assert ids(strict) == ["good-neighbourliness-treaty-2001"]


def test_output_says_which_states_matched_and_groups_by_decade(run):
    """The header names the matched states; decades head the groups; every precision prints as known."""
    result = run("timeline", "Japan", "Russia", bundled=MINI, width=100)
    assert result.stdout == (
        "Japan and Russia: 2 events, 1904 to 1925\n"
        "Russia includes Soviet Union, Soviet Russia, Russian Empire (use --strict for one state\n"
        "only)\n"
        "\n1900s · 1 event\n───────────────\n\n"
        "8 February 1904  Japan attacks the Russian fleet at Port Arthur\n"
        "    A night torpedo attack opens the Russo-Japanese War (26 January Old Style).\n"
        "\n1920s · 1 event\n───────────────\n\n"
        "20 January 1925  Japan and the USSR establish diplomatic relations\n"
        "    The Basic Convention is signed in Beijing. Japan leaves northern Sakhalin.\n")
    month_year = run("timeline", "China", "USSR", "--to", "1969", bundled=MINI).stdout
    assert "\nDec 1949  Mao Zedong travels to Moscow\n" in month_year
    assert "\n1969  Chinese and Soviet troops clash on the border\n" in month_year


def test_from_and_to_bound_the_years(run):
    """--from and --to keep the years between them, inclusive."""
    result = run("timeline", "CN", "SU", "--from", "1950", "--to", "1989", "-f", "json", bundled=MINI)
    assert ids(result) == ["sino-soviet-treaty-1950", "border-clashes-1969", "sino-soviet-summit-1989"]


def test_a_pair_with_no_shared_events_says_so(run):
    """Exit 0 and a plain statement when the corpus has nothing for the pair."""
    result = run("timeline", "Chile", "Norway", bundled=MINI)
    assert result.exit_code == 0
    assert result.stdout == "Chile and Norway: 0 events\nNo events in the corpus involve both.\n"


@pytest.mark.parametrize("args, message", [
    (["timeline", "CN", "CN"], "almanac: 'CN' and 'CN' are the same country (China): name two countries\n"),
    (["timeline", "china", "PRC"], "almanac: 'china' and 'PRC' are the same country (China): name two countries\n"),
    (["timeline", "russia", "ussr"], "almanac: Russia and Soviet Union are one line of states (one continues "
                                     "the other); name two different countries, or add --strict\n"),
    (["timeline"], "almanac: Missing argument 'COUNTRY...' (see 'almanac timeline --help')\n"),
    (["timeline", "chna", "ussr"], "almanac: unknown country 'chna'; did you mean 'China', 'Chad'?\n"),
    (["timeline", "Atlantis", "ussr"], "almanac: unknown country 'Atlantis'; 'almanac countries' lists them all\n"),
    (["timeline", "CN", "SU", "--from", "1990", "--to", "1950"], "almanac: --from 1990 is after --to 1950\n"),
    (["timeline", "CN", "SU", "--from", "soon"],
     "almanac: Invalid value for '--from': 'soon' is not a valid int (see 'almanac timeline --help')\n"),
])
def test_timeline_usage_errors(run, args, message):
    """Unknown or identical countries and bad years are one-line usage errors (exit 2)."""
    result = run(*args, bundled=MINI)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_density_strip_shows_events_per_decade(run):
    """Above a long timeline, a strip of the decades: plain characters when piped, --no-chart to leave it out."""
    out = run("timeline", "China", "USSR", bundled=MINI, width=80).stdout
    lines = out.splitlines()
    strip = lines[lines.index("") + 1]
    assert strip == "### # #"  # one event in each of the 1940s, 1950s, 1960s, 1980s and 2000s
    assert lines[lines.index("") + 2].startswith("1940s") and lines[lines.index("") + 2].endswith("2000s")
    assert "Events per decade; most in the 1940s (1)" in out
    assert "\x1b" not in out
    assert "Events per decade" not in run("timeline", "China", "USSR", "--no-chart", bundled=MINI).stdout


def test_one_country_and_three_countries(run):
    """One country gives its whole story; three give what all three share."""
    one = ids(run("timeline", "Japan", "-f", "json", bundled=MINI))
    assert one == ["russo-japanese-war-1904", "soviet-japanese-convention-1925", "okinawa-reversion-1972"]
    assert run("timeline", "Japan", bundled=MINI).stdout.startswith("Japan: 3 events, 1904 to 1972\n")
    three = run("timeline", "China", "USSR", "Japan", bundled=MINI)
    assert three.exit_code == 0 and three.stdout.startswith("China, Soviet Union and Japan: 0 events\n")
