"""Faults the layout review found: what the user typed is data everywhere, greet has one definition."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from almanac import greet
from conftest import MINI

ESC = "\x1b"
OSC = "\x1b]0;pwned\x07"


def test_search_never_echoes_control_sequences(run):
    """A query holding an OSC title sequence reaches neither stream as a control sequence."""
    for fmt in ("cards", "brief", "json"):
        found = run("search", f"summit{OSC}", "-f", fmt, bundled=MINI)
        missing = run("search", f"nothing{OSC}", "-f", fmt, bundled=MINI)
        for result in (found, missing):
            assert ESC not in result.stdout and "\x07" not in result.stdout
            assert ESC not in result.stderr and "\x07" not in result.stderr
    assert "No events match 'nothing\\x1b]0;pwned\\x07'." in run("search", f"nothing{OSC}", bundled=MINI).stderr


def test_long_arguments_are_shortened_in_messages(run):
    """A 10,000-character argument is not repeated in full in an error line."""
    long = "x" * 10_000
    for args in (("timeline", long, "China"), ("search", "a" * 10_000), ("person", long), ("on", long)):
        result = run(*args, bundled=MINI)
        assert result.exit_code in (0, 2)
        assert len(result.stderr) < 400, (args[0], len(result.stderr))
        assert result.stderr.count("\n") <= 1


def _lean(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = greet.run(list(argv), greet.Env(stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_greet_options_mean_the_same_on_both_paths(run):
    """The lean path and the Typer CLI parse greet's options with one definition."""
    full = run("greet", "-n", "11", bundled=MINI)
    code, _, err = _lean("-n", "11")
    assert (full.exit_code, full.stderr) == (code, err) == (2, "almanac greet: --count takes a whole number "
                                                                "from 1 to 10, not '11'\n")
    assert run("greet", "--help", bundled=MINI).stdout == _lean("--help")[1] == greet.HELP
    assert "the count is a maximum" in greet.HELP


@pytest.mark.slow  # starts a process
def test_greet_help_with_data_works_in_a_process(tmp_path):
    """`almanac greet --data F --help` is help, exit 0 (it said 'No such option: --data')."""
    result = subprocess.run([sys.executable, "-m", "almanac", "greet", "--data", str(MINI), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == greet.HELP


def test_each_command_offers_only_the_formats_it_has(run):
    """stats is a summary or JSON, countries a table or JSON: asking another format is a usage error."""
    for args in (("stats", "--format", "brief"), ("countries", "--format", "cards")):
        result = run(*args, bundled=MINI)
        assert result.exit_code == 2, args
        assert "Invalid value for '--format'" in result.stderr
    assert run("stats", "--format", "cards", bundled=MINI).stdout.startswith("Events:")
    assert run("countries", "--format", "json", bundled=MINI).stdout.lstrip().startswith("[")


def test_one_switch_of_formats():
    """The renderers choose a format in one place: no other render function tests for 'json' itself."""
    import inspect

    from almanac import render

    source = inspect.getsource(render)
    assert source.count('fmt == "json"') == 1  # emit alone


@pytest.mark.slow  # builds the whole bundled corpus
def test_completion_reads_the_country_table_from_a_current_index(tmp_path, monkeypatch):
    """With an index built, completion never parses countries.toml; without one it never builds one."""
    from almanac.cli import complete_country
    from almanac.corpus import discover
    from almanac.env import Env
    from almanac.store.open import open_store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert "Soviet Union" in complete_country("Sov")  # no index yet: from the file
    assert not (tmp_path / "cache").exists()  # ...and none was built
    env = Env.from_os()
    open_store(discover(env), env.folder("cache"))

    def no_parse():
        raise AssertionError("countries.toml parsed")

    monkeypatch.setattr("almanac.corpus.load_countries", no_parse)
    assert "Soviet Union" in complete_country("Sov")


def test_search_shows_a_limited_number_and_counts_all(run):
    """search shows at most --limit events (50 by default) and always says how many matched in all."""
    every = json.loads(run("search", "treaty", "--format", "json", "--limit", "0", bundled=MINI).stdout)
    assert len(every) >= 3
    some = run("search", "treaty", "--format", "json", "--limit", "2", bundled=MINI)
    assert [e["id"] for e in json.loads(some.stdout)] == [e["id"] for e in every[:2]]
    assert some.stderr == f"2 of {len(every)} matches shown (--limit N for more, --limit 0 for all)\n"
    cards = run("search", "treaty", "--limit", "1", "--format", "cards", bundled=MINI).stdout
    assert cards.startswith(f"{len(every)} events match 'treaty'; the first 1 shown")
    assert run("search", "treaty", "--limit", "-1", bundled=MINI).exit_code == 2


def test_the_command_line_builds_only_the_command_asked_for(monkeypatch, capsys):
    """`almanac on ...` turns one function into a Click command, not all of them; the group's help,
    a mistyped name and completion still see every command."""
    import importlib

    import typer.main

    cli = importlib.import_module("almanac.cli.app")  # the module: the package exports the app by this name

    built = []
    real = typer.main.get_command_from_info

    def counting(command_info, **kw):
        built.append(command_info.name or typer.main.get_command_name(command_info.callback.__name__))
        return real(command_info, **kw)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    every = list(cli.app.registered_commands)
    for argv, expect in ((["on", "--help"], ["on"]), (["--data", "x.toml", "timeline", "--help"], ["timeline"]),
                         (["--help"], None), (["onn", "05-15"], None)):
        built.clear()
        with pytest.raises(SystemExit):
            cli.run(argv)
        assert built == (expect or [c.name or typer.main.get_command_name(c.callback.__name__) for c in every])
        assert cli.app.registered_commands == every
    assert "Usage: almanac timeline" in capsys.readouterr().out
    # A completion request: the command its words name in full is built alone; while the command's own
    # name is being typed (or for zsh, whose words come in _TYPER_COMPLETE_ARGS), every command is seen.
    monkeypatch.setenv("_ALMANAC_COMPLETE", "complete_bash")
    for words, cword, expect in (("almanac timeline chi", 2, "timeline"), ("almanac ti", 1, None),
                                 ("almanac -d x.toml on 05-15 --country fr", 5, "on"), ("almanac", 1, None),
                                 ("almanac --help", 1, None)):
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(cword))
        assert cli._named_command([]) == expect, words
    monkeypatch.delenv("COMP_WORDS")
    monkeypatch.delenv("COMP_CWORD")
    monkeypatch.setenv("_ALMANAC_COMPLETE", "complete_zsh")
    for line, expect in (("almanac timeline chi", "timeline"), ("almanac timeline ", "timeline"),
                         ("almanac tim", None)):
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        assert cli._named_command([]) == expect, line
    monkeypatch.setenv("_ALMANAC_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "almanac timeline chi")
    monkeypatch.setenv("COMP_CWORD", "2")
    built.clear()
    with pytest.raises(SystemExit):
        cli.run([])
    assert built == ["timeline"] and "china" in capsys.readouterr().out.split()
    monkeypatch.delenv("_ALMANAC_COMPLETE")
    assert [cli._named_command(a) for a in (["-dx.toml", "on"], ["--data=x", "on"], ["--version"], [])] == \
           ["on", "on", None, None]
