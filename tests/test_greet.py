"""`almanac greet`: short, stable within a day, fitted to the width, never breaking a login."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from almanac import greet
from almanac.greet import SHELLS, fit
from conftest import MINI


def greet_run(make_env, *argv, data=(), **overrides):
    """Run the lean greeting path (the one the shell uses) with captured streams."""
    out, err = io.StringIO(), io.StringIO()
    env = make_env(**{"bundled": MINI, **overrides})
    env = env.with_streams(out, err)
    code = greet.run(list(argv), env, data)
    return code, out.getvalue(), err.getvalue()


def test_greets_with_year_how_long_ago_and_title(make_env):
    """One line per event: year, how long ago, title."""
    code, out, err = greet_run(make_env, today=dt.date(2026, 5, 15))
    assert (code, err) == (0, "")
    assert out == ("1972 · 54 years ago · The United States returns Okinawa to Japan\n"
                   "1989 · 37 years ago · Gorbachev comes to Beijing for the first Sino-Soviet…\n")


def test_count_limits_lines(make_env):
    """--count 1 prints one line."""
    code, out, _ = greet_run(make_env, "--count", "1", today=dt.date(2026, 5, 15))
    assert code == 0 and len(out.splitlines()) == 1


def test_fits_the_width_with_an_ellipsis(make_env):
    """Lines are cut to the terminal's width with an ellipsis, never wrapped."""
    _, out, _ = greet_run(make_env, today=dt.date(2026, 5, 15), width=40)
    assert all(len(line) <= 40 for line in out.splitlines())
    assert out.splitlines()[1] == "1989 · 37 years ago · Gorbachev comes…"
    assert fit("日本と中国の歴史", 9) == "日本と中…"


def test_stable_within_a_day_varied_across_days(make_env, tmp_path):
    """The same day picks the same events; different days pick differently."""
    big = tmp_path / "many.toml"
    big.write_text("".join(
        f'[[event]]\nid = "e-{n}"\ndate = "{1000 + n}-05-15"\ntitle = "Event {n}"\nsummary = "s"\n'
        f'countries = ["FR"]\nsources = ["s"]\n\n' for n in range(40)))
    first = greet_run(make_env, data=[str(big)], today=dt.date(2026, 5, 15))[1]
    assert greet_run(make_env, data=[str(big)], today=dt.date(2026, 5, 15))[1] == first
    assert greet_run(make_env, data=[str(big)], today=dt.date(2027, 5, 15))[1] != first


def test_empty_day_uses_the_nearest_and_says_which(make_env):
    """A day with nothing greets from the nearest day that has something, and names it."""
    _, out, _ = greet_run(make_env, today=dt.date(2026, 2, 10))
    assert out == ("Nothing recorded for today; on 8 February:\n"
                   "1904 · 122 years ago · Japan attacks the Russian fleet at Port Arthur\n")


def test_once_greets_only_the_first_time_a_day(make_env):
    """--once: the first call greets, later calls that day print nothing and exit 0; a new day greets."""
    env = make_env(today=dt.date(2026, 5, 15))
    assert greet_run(make_env, "--once", today=dt.date(2026, 5, 15))[1]
    assert greet_run(make_env, "--once", today=dt.date(2026, 5, 15)) == (0, "", "")
    assert greet_run(make_env, "--once", today=dt.date(2026, 5, 16))[0] == 0
    assert (env.state_dir / "greeted").read_text() == "2026-05-16\n"


@pytest.mark.parametrize("state", ["directory", "empty", "garbage"])
def test_broken_state_file_still_greets(make_env, state):
    """A state file that is a directory, empty or garbage does not stop the greeting."""
    env = make_env()
    path = env.state_dir / "greeted"
    path.parent.mkdir(parents=True)
    if state == "directory":
        path.mkdir()
    else:
        path.write_bytes(b"" if state == "empty" else b"\xff\x00garbage")
    code, out, err = greet_run(make_env, "--once", today=dt.date(2026, 5, 15))
    assert code == 0 and "Okinawa" in out


def test_broken_user_corpus_warns_once_and_greets(make_env, tmp_path):
    """A broken corpus file: exit 0, a greeting from what can be read, one short warning line."""
    env = make_env()
    env.data_dir.mkdir(parents=True)
    (env.data_dir / "broken.toml").write_text("[[event]\nnope")
    code, out, err = greet_run(make_env, today=dt.date(2026, 5, 15))
    assert code == 0 and "Okinawa" in out
    assert err == f"almanac: skipped {env.data_dir / 'broken.toml'}: it has errors (run 'almanac check')\n"


def test_missing_data_file_warns_and_greets(make_env, tmp_path):
    """Even a --data file that does not exist does not break the greeting."""
    code, out, err = greet_run(make_env, data=[str(tmp_path / "nope.toml")], today=dt.date(2026, 5, 15))
    assert code == 0 and "Okinawa" in out and len(err.splitlines()) == 1


def test_unwritable_cache_still_greets(make_env, tmp_path):
    """A cache folder that cannot be created costs the index, not the greeting."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    code, out, err = greet_run(make_env, today=dt.date(2026, 5, 15), cache_dir=blocker / "c")
    assert code == 0 and "Okinawa" in out
    assert err.startswith(f"almanac: cannot write the cache folder {blocker / 'c'}")  # on stderr, once a day
    assert greet_run(make_env, today=dt.date(2026, 5, 15), cache_dir=blocker / "c")[2] == ""


@pytest.mark.parametrize("config, warning", [
    ("count = 1\n", None),
    ("count = 'many'\n", "ignoring in {path}: count = 'many' (it takes a whole number from 1 to 10)"),
    ("colour = true\n", "ignoring in {path}: unknown setting 'colour' (known: countries, count, color)"),
    ("this is not toml", "ignoring {path}: Expected '=' after a key in a key/value pair (at line 1, column 6)"),
    (b"count = 1 # caf\xe9\n", "ignoring {path}: it is not UTF-8 text"),
])
def test_config_file(make_env, config, warning):
    """config.toml sets the count; a bad one is reported in one line and ignored."""
    env = make_env()
    env.config_dir.mkdir(parents=True)
    path = env.config_dir / "config.toml"
    path.write_bytes(config if isinstance(config, bytes) else config.encode())
    code, out, err = greet_run(make_env, today=dt.date(2026, 5, 15))
    assert code == 0
    if warning is None:
        assert len(out.splitlines()) == 1 and err == ""
    else:
        assert len(out.splitlines()) == 2 and err == "almanac: " + warning.format(path=path) + "\n"


def test_config_directory_instead_of_file(make_env):
    """A config.toml that is a directory is reported and ignored."""
    env = make_env()
    (env.config_dir / "config.toml").mkdir(parents=True)
    code, out, err = greet_run(make_env, today=dt.date(2026, 5, 15))
    assert code == 0 and out and err.startswith("almanac: ignoring ")


@pytest.mark.parametrize("country, expected", [
    ("Russia", "Gorbachev comes to Beijing"),  # through the USSR, Russia's predecessor
    ("Japan", "The United States returns Okinawa to Japan"),
])
def test_preferred_countries_come_first(make_env, country, expected):
    """Countries named in the config are preferred (with their predecessors and successors).

    15 May in the mini corpus has two events, one of each country: whichever is preferred is the one line.
    """
    env = make_env()
    env.config_dir.mkdir(parents=True)
    (env.config_dir / "config.toml").write_text(f'countries = ["{country}"]\ncount = 1\n')
    _, out, _ = greet_run(make_env, today=dt.date(2026, 5, 15))
    assert len(out.splitlines()) == 1 and expected in out


def test_colour_only_on_a_colour_terminal(make_env):
    """Colour when the terminal has it; none when piped or turned off in the config."""
    assert "\x1b[" in greet_run(make_env, today=dt.date(2026, 5, 15), color=True)[1]
    assert "\x1b" not in greet_run(make_env, today=dt.date(2026, 5, 15), color=False)[1]
    env = make_env()
    env.config_dir.mkdir(parents=True)
    (env.config_dir / "config.toml").write_text("color = false\n")
    assert "\x1b" not in greet_run(make_env, today=dt.date(2026, 5, 15), color=True)[1]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_snippets(make_env, shell):
    """--shell prints a snippet that checks for an interactive shell and an installed almanac."""
    code, out, _ = greet_run(make_env, "--shell", shell)
    assert code == 0 and out == SHELLS[shell]
    assert "greet --once" in out and "/.local/bin/almanac" in out
    assert {"bash": "$- == *i*", "zsh": "-o interactive", "fish": "status is-interactive"}[shell] in out


@pytest.mark.parametrize("argv, message", [
    (["--shell", "tcsh"], "almanac greet: --shell takes bash, zsh or fish, not 'tcsh'\n"),
    (["--count", "0"], "almanac greet: --count takes a whole number from 1 to 10, not '0'\n"),
    (["--bogus"], "almanac greet: unknown option '--bogus' (see 'almanac greet --help')\n"),
])
def test_own_flag_mistakes_are_usage_errors(make_env, argv, message):
    """Typed by hand, the greeting's own flag mistakes are exit 2 with one line."""
    assert greet_run(make_env, *argv) == (2, "", message)


def test_greet_through_the_full_cli(run):
    """`almanac greet` also works through the Typer app (used for --help)."""
    result = run("greet", "--count", "1", bundled=MINI, today=dt.date(2026, 5, 15))
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_hostile_corpus_text_is_harmless_in_the_greeting(make_env):
    """Control sequences and markup in a title reach the login terminal as visible text only."""
    from conftest import DATA

    code, out, err = greet_run(make_env, "--count", "10", data=[str(DATA / "hostile.toml")],
                               today=dt.date(2026, 5, 15), color=True)
    assert code == 0 and "pwned" in out
    assert "\x07" not in out and "\x9b" not in out
    assert "\x1b]" not in out  # only our own colour codes (CSI ... m) remain


@pytest.mark.parametrize("width", [50, 80, 120])
def test_titles_are_cut_at_a_word_never_mid_word(make_env, width):
    """A title that must be cut ends at a whole word with an ellipsis, at any width."""
    from conftest import MINI

    titles = {line.split(" · ", 2)[2].rstrip("…") for line in greet_run(
        make_env, today=dt.date(2026, 5, 15), width=width)[1].splitlines()}
    words = set(MINI.read_text(encoding="utf-8").replace('"', " ").split())
    for title in titles:
        assert all(len(line) <= width for line in [title])
        assert title.split()[-1] in words, title


def test_a_day_with_few_events_greets_with_a_birth(make_env, tmp_path):
    """When the day has fewer events than lines asked for, people born or died that day fill in."""
    from conftest import DATA

    code, out, _ = greet_run(make_env, "--count", "3", data=[str(DATA / "people-mini.toml")],
                             today=dt.date(2026, 5, 15), width=120)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert any(" · Born: " in line for line in lines)


@pytest.mark.parametrize("seed", [1, 2, 730_000, 739_000, 739_001, 2**40 + 7])
def test_the_greetings_shuffle_is_randoms(seed):
    """greet.shuffle puts items in exactly the order random.Random(seed).shuffle does, so the lean greeting
    picks the lines it always picked (and a Python that changes random's algorithm fails here)."""
    import random

    for n in (0, 1, 2, 3, 5, 17, 64, 300):
        ours, theirs = list(range(n)), list(range(n))
        greet.shuffle(ours, seed)
        random.Random(seed).shuffle(theirs)
        assert ours == theirs
