"""The greeting table: the lean path prints what the full path prints, and never trusts a stale table."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import subprocess
import sys

import pytest

from almanac import greet, greetings
from almanac.env import Env
from almanac.resources import data_dir
from almanac.terminal import frozen_day, ordinal, xdg_folder


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """XDG folders of a user of the bundled corpus, with the table written by a first, full greeting."""
    root = tmp_path_factory.mktemp("greetings")
    environ = {f"XDG_{k}_HOME": str(root / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    run_full(environ, dt.date(2026, 5, 15))
    return environ


def env_of(environ: dict, today: dt.date, width: int = 80, color: bool = False) -> Env:
    folders = {k: root for k in ("cache", "state", "data", "config")
               if (root := xdg_folder(k, environ)) is not None}
    return Env(stdout=io.StringIO(), stderr=io.StringIO(), today=today, width=width, color=color, isatty=color,
               environ={**environ, "ALMANAC_TODAY": today.isoformat()},
               **{f"{k}_dir": greet.Path(v) for k, v in folders.items()})


def run_full(environ: dict, today: dt.date, *argv: str, width: int = 80, color: bool = False) -> str:
    env = env_of(environ, today, width, color)
    assert greet.run(list(argv), env) == 0
    assert env.stderr.getvalue() == ""
    return env.stdout.getvalue()


def run_lean(environ: dict, today: dt.date, *argv: str, width: int = 80, color: bool = False) -> str | None:
    out = io.StringIO()
    out.isatty = lambda: color
    lean_env = {**environ, "ALMANAC_TODAY": today.isoformat(), "COLUMNS": str(width), "LINES": "24"}
    if not color:
        lean_env["NO_COLOR"] = "1"
    code = greetings.fast(list(argv), lean_env, out)
    return None if code is None else out.getvalue()


def table(environ: dict) -> str:
    return os.path.join(xdg_folder("cache", environ), greetings.NAME)


def test_the_first_greeting_writes_the_table_for_every_day(home):
    with open(table(home), "rb") as f:
        first = f.readline().decode()
        header = f.read(int(first.split("\t")[1])).decode()
    assert first.startswith(greetings.FORMAT + "\t")
    days = [line.split("\t")[1] for line in header.splitlines() if line.startswith("day\t")]
    assert days == greetings.day_keys() and len(days) == 367
    assert f"bundled\t{data_dir()}" in header.splitlines()


def test_the_table_holds_each_day_as_the_corpus_gives_it(home):
    """Every day of a leap year, and 28 February of a common year: the candidates read back from the table
    are those the full path makes from the corpus."""
    store, _ = greet._open_store(env_of(home, dt.date(2024, 1, 1)), [], [])
    days = [dt.date(2024, 1, 1) + dt.timedelta(n) for n in range(366)] + [dt.date(2025, 2, 28)]
    for day in days:
        found = greetings.read(table(home), greetings.key_of(day.year, day.month, day.day), str(data_dir()))
        assert found is not None, day
        want = greet.candidates(store, day)
        assert (found[0].events, found[0].people, found[0].note) == (want.events, want.people, want.note), day
        assert found[0].events, day  # every day has events


def test_the_common_year_28_february_also_shows_29_february(home):
    leap = greetings.read(table(home), "02-28c", str(data_dir()))[0]
    plain = greetings.read(table(home), "02-28", str(data_dir()))[0]
    assert len(leap.events) > len(plain.events)
    assert leap.events[: len(plain.events)] == plain.events


@pytest.mark.parametrize("seed", range(12))
def test_the_lean_path_prints_what_the_full_path_prints(home, seed):
    """Random days, years, widths, counts and colour: the same bytes from both paths."""
    rng = random.Random(seed)
    day = dt.date(rng.choice([1999, 2024, 2025, 2026, 2100]), 1, 1) + dt.timedelta(rng.randrange(365))
    width, color = rng.choice([20, 42, 80, 133]), rng.random() < 0.5
    argv, count = rng.choice([([], 3), (["-n", "1"], 1), (["--count=5"], 5), (["-n10"], 10)])
    lean = run_lean(home, day, *argv, width=width, color=color)
    assert lean is not None
    assert lean == run_full(home, day, *argv, width=width, color=color)
    assert len(lean.splitlines()) == count  # every day has at least 10 events


def test_the_lean_path_hands_over_when_it_cannot_answer(home):
    """--data, --country, --shell, ALMANAC_DATA, a frozen date it does not read, another option: None."""
    day = dt.date(2026, 5, 15)
    assert run_lean(home, day) is not None
    for argv in (["--country", "japan"], ["--shell", "bash"], ["-h"], ["--count", "11"], ["--bogus"]):
        assert run_lean(home, day, *argv) is None, argv
    assert greetings.fast([], {**home, "ALMANAC_DATA": "/x.toml"}, io.StringIO()) is None
    assert greetings.fast([], {**home, "ALMANAC_TODAY": "15 May 2026"}, io.StringIO()) is None


def test_a_changed_corpus_or_config_makes_the_table_stale(tmp_path):
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    day = dt.date(2026, 5, 15)
    assert run_lean(environ, day) is None  # no table yet
    run_full(environ, day)
    assert run_lean(environ, day) == run_full(environ, day)
    # A file of the user's own: stale (the data folder changed), and the full path greets with it.
    mine = tmp_path / "data" / "almanac" / "mine.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text('[[event]]\nid = "mine-1"\ndate = "2001-05-15"\ntitle = "My own event of the day"\n'
                    'summary = "Mine."\ncountries = ["FR"]\nsources = ["https://example.org"]\n')
    assert run_lean(environ, day) is None
    full = run_full(environ, day, "-n", "10")
    assert "My own event of the day" in full
    assert run_lean(environ, day, "-n", "10") == full  # the full path wrote a fresh table
    mine.write_text(mine.read_text().replace("My own event", "My edited event"))
    assert run_lean(environ, day) is None
    assert "My edited event" in run_full(environ, day, "-n", "10")
    # A config with a preferred country: stale, then a table made with it.
    config = tmp_path / "config" / "almanac" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('countries = ["Japan"]\ncount = 2\n')
    assert run_lean(environ, day) is None
    full = run_full(environ, day)
    assert len(full.splitlines()) == 2 and run_lean(environ, day) == full


def test_a_damaged_table_is_never_trusted(tmp_path):
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    day = dt.date(2026, 5, 15)
    run_full(environ, day)
    path = table(environ)
    data = open(path, "rb").read()
    evil = data.replace(b"Rerum novarum", b"\x1b]0;pwned!!!\x07")
    assert evil != data
    for broken in (data[:100], b"", b"\xff\xfe" + data, data.replace(b"version\t", b"version\t9"), evil):
        with open(path, "wb") as f:
            f.write(broken)
        assert run_lean(environ, day) is None
    run_full(environ, day)  # the full path greets and writes it again
    assert run_lean(environ, day) is not None


def test_once_greets_once_a_day(tmp_path):
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    day = dt.date(2026, 5, 15)
    run_full(environ, day)
    assert run_lean(environ, day, "--once").count("\n") == 3
    assert run_lean(environ, day, "--once") == ""
    assert run_full(environ, day, "--once") == ""  # the same state file as the full path
    assert run_lean(environ, day + dt.timedelta(1), "--once").count("\n") == 3


def test_hostile_text_stays_data_in_the_table(tmp_path):
    """Tabs, newlines and escapes in a title are cleaned before they reach the table or the terminal."""
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    mine = tmp_path / "data" / "almanac" / "mine.toml"
    mine.parent.mkdir(parents=True)
    mine.write_text('[[event]]\nid = "x-1"\ndate = "2001-05-15"\ntitle = "Evil\\t\\u001b[31mred\\u2029end"\n'
                    'summary = "s"\ncountries = ["FR"]\nsources = ["https://example.org"]\n')
    day = dt.date(2026, 5, 15)
    full = run_full(environ, day, "-n", "10")
    lean = run_lean(environ, day, "-n", "10")
    assert lean == full and "\x1b" not in lean and "Evil \\x1b[31mred end" in lean


def test_ordinal_and_frozen_day_agree_with_datetime():
    for n in range(0, 800_000, 997):
        d = dt.date(1, 1, 1) + dt.timedelta(n)
        assert ordinal(d.year, d.month, d.day) == d.toordinal()
        assert frozen_day({"ALMANAC_TODAY": d.isoformat()}) == (d.year, d.month, d.day)
    for bad in ("2026-02-30", "2026-13-01", "0000-01-01", "2026-5-15", "20260515", "2026-05-15 "):
        assert frozen_day({"ALMANAC_TODAY": bad}) is None


def test_since_agrees_with_dates_ago():
    from almanac.dates import HDate, ago

    for year in (-500, -1, 1, 1000, 2025, 2026, 2027, 2100):
        for now in (1, 2025, 2026):
            assert greetings.since(year, now) == ago(HDate(year, 1, 1), dt.date(now, 1, 1))
    assert greetings.since(None, 2026) == ago(HDate(None, 5, 15), dt.date(2026, 1, 1))


def test_the_lean_greeting_imports_almost_nothing(home):
    """From the table: no pathlib, datetime, sqlite3, json, re, tomli, nor the corpus or the full greeting."""
    code = ("import sys\nfrom almanac.__main__ import main\ntry:\n    main(['greet'])\nexcept SystemExit:\n"
            "    pass\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)")
    env = {**os.environ, **home, "ALMANAC_TODAY": "2026-05-15"}
    env.pop("ALMANAC_DATA", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.count("\n") == 3
    loaded = set(result.stderr.split())
    assert {"almanac.greetings", "almanac.cells", "almanac.terminal"} <= loaded
    for heavy in ("pathlib", "datetime", "sqlite3", "json", "re", "tomli", "random", "almanac.greet",
                  "almanac.corpus", "almanac.env", "almanac.store", "almanac.dates", "almanac.text"):
        assert heavy not in loaded, heavy


def test_a_corpus_far_larger_than_the_bundled_one_gets_a_table_of_two_days(tmp_path, monkeypatch):
    """Past MAX_SOURCE_BYTES of corpus files the table holds today and tomorrow only (a table of every day
    would grow with the corpus): the lean path answers those two days as the full path does, and the day
    after that goes to the full path, which writes the next two days."""
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    monkeypatch.setattr(greetings, "MAX_SOURCE_BYTES", 1000)
    day, tomorrow, later = dt.date(2026, 5, 15), dt.date(2026, 5, 16), dt.date(2026, 5, 17)
    full = run_full(environ, day)
    assert full.count("\n") == 3
    with open(table(environ), encoding="utf-8") as f:
        days = [line.split("\t")[1] for line in f if line.startswith("day\t")]
    assert days == ["05-15", "05-16"]
    assert run_lean(environ, day) == full
    assert run_lean(environ, tomorrow) == run_full(environ, tomorrow)
    assert run_lean(environ, later) is None
    assert run_full(environ, later) == run_lean(environ, later)  # the full path wrote the 17th and 18th
    # Without the limit, every day: the table of two days is stale for the others and is made whole again.
    monkeypatch.setattr(greetings, "MAX_SOURCE_BYTES", 24 << 20)
    assert run_lean(environ, dt.date(2026, 12, 25)) is None
    christmas = run_full(environ, dt.date(2026, 12, 25))
    assert run_lean(environ, dt.date(2026, 12, 25)) == christmas


def test_named_files_get_a_table_of_their_own(tmp_path):
    """--data and ALMANAC_DATA: the full path writes a table for that set of files, the lean path reads
    it for the same set, and the everyday table stays what it was."""
    environ = {f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CACHE", "STATE", "DATA", "CONFIG")}
    day = dt.date(2026, 5, 15)
    mine = tmp_path / "mine.toml"
    mine.write_text('[[event]]\nid = "mine-1"\ndate = "2001-05-15"\ntitle = "My named event of the day"\n'
                    'summary = "Mine."\ncountries = ["FR"]\nsources = ["https://example.org"]\n')
    everyday = run_full(environ, day, "-n", "10")
    env = env_of(environ, day)
    assert greet.run(["-n", "10"], env, [str(mine)]) == 0 and env.stderr.getvalue() == ""
    named = env.stdout.getvalue()
    assert "My named event" in named and "My named event" not in everyday
    out = io.StringIO()
    lean_env = {**environ, "ALMANAC_TODAY": day.isoformat(), "COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"}
    assert greetings.fast(["-n", "10"], lean_env, out, data=[str(mine)]) == 0 and out.getvalue() == named
    assert run_lean(environ, day, "-n", "10") == everyday
    # The same file through ALMANAC_DATA is the same set of files: the same table.
    out = io.StringIO()
    assert greetings.fast(["-n", "10"], {**lean_env, "ALMANAC_DATA": str(mine)}, out) == 0
    assert out.getvalue() == named
    assert greetings.table_name([str(mine)], {}) != greetings.NAME
    mine.write_text(mine.read_text().replace("My named", "My renamed"))
    assert greetings.fast(["-n", "10"], lean_env, io.StringIO(), data=[str(mine)]) is None
    assert greetings.fast([], lean_env, io.StringIO(), data=[str(tmp_path / "missing.toml")]) is None


def test_tidying_the_cache_removes_month_old_tables_of_named_files(tmp_path):
    from almanac.store.open import _tidy

    old = os.path.getmtime(tmp_path) - 40 * 86400
    names = ("greetings-0123.txt", "greetings-4567.txt", "greetings.txt", "greetings.txt.99.tmp", "other.txt")
    for name in names:
        (tmp_path / name).write_text("x")
    for name in ("greetings-0123.txt", "greetings.txt", "greetings.txt.99.tmp", "other.txt"):
        os.utime(tmp_path / name, (old, old))
    _tidy(tmp_path, tmp_path / "index-keep.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["greetings-4567.txt", "greetings.txt", "other.txt"]
