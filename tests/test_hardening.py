"""Faults found by trying to break almanac from the outside; each stays fixed."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat

import pytest

from almanac import greet
from almanac.corpus import Source, resources
from almanac.env import decide_color
from almanac.store.open import open_store
from almanac.store.sqlite import IndexStore
from conftest import MINI

ESC = "\x1b"
EVIL_ID = ('[[event]]\nid = "x\\u001b]0;pwned\\u0007"\ndate = "1989-05-15"\ntitle = "T"\nsummary = "S"\n'
           'countries = ["CN"]\n')


@pytest.mark.slow  # builds the whole bundled corpus
def test_index_damaged_in_the_middle_is_rebuilt(tmp_path):
    """Damage past the header and meta table is found on first use and the answer comes from a rebuild."""
    srcs = [Source(resources.events_file(), "bundled")]
    expected = open_store(srcs, tmp_path).events_on(5, 15)
    [path] = tmp_path.glob("index-*.sqlite3")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 200_000] = b"A" * len(data[middle:middle + 200_000])
    path.write_bytes(bytes(data))
    store = open_store(srcs, tmp_path)
    assert store.events_on(5, 15) == expected
    assert store.event_days() and store.countries.name("SU") == "Soviet Union"
    assert isinstance(open_store(srcs, tmp_path), IndexStore)


def test_fifo_as_a_corpus_file_is_refused(run, make_env, tmp_path):
    """A FIFO named with --data or ALMANAC_DATA is refused (exit 1) instead of hanging; the greeting greets."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = run("--data", str(fifo), "on", "05-15", bundled=MINI)
    assert (result.exit_code, result.stderr) == (
        1, f"almanac: cannot read corpus file '{fifo}' (from --data): not a regular file\n")
    assert run("check", str(fifo), bundled=MINI).stdout.startswith(f"{fifo}: cannot read: not a regular file")
    out, err = io.StringIO(), io.StringIO()
    env = make_env(bundled=MINI, today=dt.date(2026, 5, 15), environ={"ALMANAC_DATA": str(fifo)})
    assert greet.run([], env.with_streams(out, err)) == 0
    assert "Okinawa" in out.getvalue() and len(err.getvalue().splitlines()) == 1


def test_deeply_nested_toml_is_a_problem_not_a_crash(run, tmp_path):
    """A file nested beyond what the parser can follow is reported, exit 1."""
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 50000 + "]" * 50000 + "\n")
    result = run("check", str(deep), bundled=MINI)
    assert result.exit_code == 1 and f"{deep}: TOML nested too deeply to read" in result.stdout


def test_check_never_prints_control_characters(run, tmp_path):
    """Ids and values quoted by `check` come out as visible escapes."""
    f = tmp_path / "evil.toml"
    f.write_text(EVIL_ID)
    result = run("check", str(f), bundled=MINI)
    assert result.exit_code == 1 and ESC not in result.stdout and "\\x1b]0;pwned\\x07" in result.stdout


def test_import_and_verify_never_print_control_characters(run, tmp_path):
    """Calendar text echoed in notes, and corpus text in warnings, are shown harmlessly."""
    cal = tmp_path / "evil.cal"
    cal.write_text("01/01\tPeace of something, 1950\nfoo\x1b]0;pwned\x07 bar\n")
    result = run("import", str(cal), "--verbose", bundled=MINI)
    assert result.exit_code == 0
    assert ESC not in result.stderr and "\x07" not in result.stderr and "\\x1b]0;pwned\\x07" in result.stderr
    evil = tmp_path / "evil-corpus.toml"  # corpus text that verify quotes in its mismatch lines
    evil.write_text('[[event]]\nid = "peace-1950"\ndate = "1950-03-01"\n'
                    'title = "Peace of \\u001b]0;pwned\\u0007something"\n'
                    'summary = "s"\ncountries = ["FR"]\nsources = ["s"]\n')
    verified = run("--data", str(evil), "verify", str(cal), bundled=MINI)
    assert verified.exit_code in (0, 1)
    both = verified.stdout + verified.stderr
    assert ESC not in both and "\x07" not in both


def test_output_to_a_device_is_written_not_replaced(run, tmp_path):
    """--output naming something that is not a regular file writes to it and never replaces it."""
    result = run("export", "-f", "csv", "-o", os.devnull, "--force", bundled=MINI)
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_files_follow_the_umask(run, tmp_path):
    """An exported file gets the permissions an ordinary new file would."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "x.csv"
        run("export", "-f", "csv", "-o", str(out), bundled=MINI)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_cache_path_with_uri_characters_keeps_its_index(tmp_path):
    """A cache folder named with '#', '?' or '%' is read back, not rebuilt on every run."""
    cache = tmp_path / "ca#ch?e%20"
    srcs = [Source(MINI, "bundled")]
    open_store(srcs, cache)
    assert isinstance(open_store(srcs, cache), IndexStore)


def test_the_same_file_by_two_paths_shares_one_index(tmp_path, monkeypatch):
    """A relative and an absolute name for one file reach the same, current index."""
    f = tmp_path / "mine.toml"
    f.write_text(MINI.read_text())
    cache = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    open_store([Source(f, "bundled")], cache)
    assert isinstance(open_store([Source(type(f)("mine.toml"), "bundled")], cache), IndexStore)
    assert len(list(cache.glob("index-*.sqlite3"))) == 1


def test_broken_file_in_the_data_folder_is_skipped_with_a_warning(run, make_env):
    """Commands warn about a broken file found in the user data folder and answer from the rest."""
    env = make_env(bundled=MINI)
    env.data_dir.mkdir(parents=True)
    (env.data_dir / "broken.toml").write_text("[[event]\n")
    result = run("on", "05-15", "-f", "brief", env=env)
    assert result.exit_code == 0 and "Okinawa" in result.stdout
    assert result.stderr == (f"almanac: warning: skipped {env.data_dir / 'broken.toml'}: it has errors "
                             "(run 'almanac check')\n")
    assert isinstance(open_store([Source(MINI, "bundled"), Source(env.data_dir / "broken.toml", "user")],
                                 env.cache_dir), IndexStore)


@pytest.mark.parametrize("args, environ, message", [
    (["export"], {}, "almanac: Missing option '--format' / '-f'. Choose from: json, csv, ics, markdown, html "
                     "(see 'almanac export --help')\n"),
    (["on", "tomorrow"], {}, "almanac: 'tomorrow' is out of range: the calendar ends there\n"),
])
def test_errors_stay_one_line(run, args, environ, message):
    """Multi-line messages are folded; the ends of the calendar are usage errors, not crashes."""
    result = run(*args, bundled=MINI, today=dt.date(9999, 12, 31), environ=environ)
    assert (result.exit_code, result.stderr) == (2, message)


def test_typed_control_characters_are_not_echoed(run):
    """A date typed with an escape sequence is quoted harmlessly in the error."""
    result = run("on", "May\x1b[31m 15", bundled=MINI)
    assert result.exit_code == 2 and ESC not in result.stderr


def test_negative_years_are_dates_not_options(run):
    """`almanac on -0044-03-15` reaches the Ides of March."""
    result = run("on", "-0044-03-15", "-f", "brief", bundled=MINI)
    assert result.stdout.startswith("15 Mar 44 BC  Julius Caesar is killed in the Senate")


def test_bad_pager_setting_prints_instead(run, make_env):
    """An unparsable $PAGER falls back to printing."""
    env = make_env(bundled=MINI, isatty=True, height=3, environ={"PAGER": '"less'})
    result = run("countries", env=env)
    assert result.exit_code == 0 and "Soviet Union" in result.stdout
    assert "Soviet Union" in run("countries", "--no-pager", env=env).stdout


def test_search_words_split_like_the_index(tmp_path):
    """The files and the index agree on what a word is ('a_b' is two words for both)."""
    from almanac import query
    from almanac.corpus import load, load_countries
    from almanac.store.memory import MemoryStore

    srcs = [Source(MINI, "bundled")]
    open_store(srcs, tmp_path)
    indexed = open_store(srcs, tmp_path)
    memory = MemoryStore(load(srcs, load_countries()).events, load_countries())
    for text in ("treaty_alliance", "sino-soviet", "Moscow!", "caesar"):
        assert [e.id for e in query.search(indexed, text, sort="date")] == \
               [e.id for e in query.search(memory, text, sort="date")]


def test_greet_short_options_glued(make_env):
    """`almanac greet -n1` works like `--count 1`."""
    out, err = io.StringIO(), io.StringIO()
    env = make_env(bundled=MINI, today=dt.date(2026, 5, 15)).with_streams(out, err)
    assert greet.run(["-n1"], env) == 0 and len(out.getvalue().splitlines()) == 1


def test_force_color_zero_forces_nothing():
    """FORCE_COLOR=0 does not force colour."""
    assert decide_color({"FORCE_COLOR": "0"}, False) is False


def test_a_reader_that_goes_away_ends_quietly(run, monkeypatch):
    """A broken pipe while printing (a pager or head closed early) exits 0 without a word."""

    def gone(env, text):
        raise BrokenPipeError

    monkeypatch.setattr("almanac.render.write", gone)
    result = run("on", "05-15", bundled=MINI)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_an_unwritable_cache_is_said_once_a_day(run, make_env, tmp_path):
    """A cache folder that cannot be written: the run still answers, and says why it is slow, once a day."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = make_env(bundled=MINI, cache_dir=blocker / "cache")
    first = run("on", "05-15", env=env)
    second = run("on", "05-15", env=env)
    assert first.exit_code == second.exit_code == 0 and "Gorbachev" in first.stdout
    assert first.stderr.startswith(f"almanac: warning: cannot write the cache folder {blocker / 'cache'}")
    assert "slow" in first.stderr and second.stderr == ""


def test_a_locked_index_is_never_deleted(make_env, tmp_path, monkeypatch):
    """A query that meets a locked index answers from the files and leaves the index in place."""
    import sqlite3

    monkeypatch.setattr("almanac.store.sqlite.CHECK_WAIT_SECONDS", 0.2)  # the lock outlasts any wait

    from almanac.corpus import Source
    from almanac.store.open import open_store

    cache = tmp_path / "cache"
    store = open_store([Source(MINI, "bundled")], cache)
    path = store.path
    store._conn.close()
    locker = sqlite3.connect(path)
    locker.execute("BEGIN EXCLUSIVE")  # another process writing: every reader is told 'locked'
    try:
        store._conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=0.1)
        assert [e.id for e in store.events_on(5, 15)] == ["okinawa-reversion-1972", "sino-soviet-summit-1989"]
    finally:
        locker.rollback()
        locker.close()
    assert path.exists()


def test_indexes_of_files_that_are_gone_are_pruned(tmp_path):
    """An index built for a corpus file that no longer exists is removed by the next build."""
    from almanac.corpus import Source
    from almanac.store.open import open_store

    cache = tmp_path / "cache"
    extra = tmp_path / "extra.toml"
    extra.write_text(MINI.read_text(encoding="utf-8").replace('id = "', 'id = "x-'), encoding="utf-8")
    old = open_store([Source(extra, "option")], cache).path
    extra.unlink()
    stale_build = cache / ".build-dead.sqlite3"
    stale_build.write_text("")
    os.utime(stale_build, (1, 1))
    other = tmp_path / "other.toml"
    other.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    open_store([Source(other, "option")], cache)
    assert not old.exists() and not stale_build.exists()
