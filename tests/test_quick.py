"""The plainest calls (``almanac on DATE``...) are answered without Typer: the same output, errors and exit
statuses as Typer's path, and anything with an option still goes through Typer."""

from __future__ import annotations

import pytest

from almanac.cli.app import run
from almanac.cli.commands import plain_call, quick


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    f = tmp_path_factory.mktemp("data") / "mine.toml"
    f.write_text('[[event]]\nid = "mine-1990"\ndate = "1990-05-15"\ntitle = "A day of my own"\n'
                 'summary = "Something happened."\ncountries = ["FR", "DE"]\nsources = ["A book"]\n',
                 encoding="utf-8")
    return str(f)


@pytest.fixture
def live(tmp_path_factory, monkeypatch):
    """The process environment both paths read (Env.from_os): a fixed day, private folders, piped output."""
    home = tmp_path_factory.getbasetemp() / "quick-home"
    for k in ("ALMANAC_DATA", "NO_COLOR", "FORCE_COLOR", "ALMANAC_DEBUG"):
        monkeypatch.delenv(k, raising=False)
    for name in ("CACHE", "DATA", "STATE", "CONFIG"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(home / name.lower()))
    monkeypatch.setenv("ALMANAC_TODAY", "2026-05-15")
    monkeypatch.setenv("COLUMNS", "80")


def _both(capsys, argv):
    code = quick(argv)
    assert code is not None, f"{argv} should be answered without Typer"
    quick_out = capsys.readouterr()
    with pytest.raises(SystemExit) as typer_exit:
        run(argv)
    typer_out = capsys.readouterr()
    return (code, quick_out.out, quick_out.err), (typer_exit.value.code, typer_out.out, typer_out.err)


@pytest.mark.parametrize("argv", [
    [], ["today"], ["on", "05-15"], ["on", "1989-05-15"], ["on", "May 1989"], ["on", "1989"],
    ["on", "29 February"], ["on", "25 October 1917 OS"], ["on", "tomorrow"],
    ["on", "foo"], ["on", "02-30"], ["on", ""], ["on", "05/06"],
    ["timeline", "China", "USSR"], ["timeline", "japan"], ["timeline", "USA", "USSR", "Cuba"],
    ["timeline", "Atlantis"], ["timeline", "Korea"],
    ["search", "treaty"], ["search", "zhou", "enlai"], ["search", "zzzqqqxx"], ["search", "!!!"],
    # --format and --no-pager, anywhere among the arguments, the last --format winning
    ["on", "05-15", "--format", "brief"], ["on", "-f", "json", "1989-05-15"], ["on", "1989", "-f", "cards"],
    ["on", "05-15", "--format=html", "--no-pager"], ["today", "-f", "brief"], ["today", "--no-pager"],
    ["timeline", "China", "USSR", "-f", "brief"], ["timeline", "-f", "json", "japan"],
    ["search", "treaty", "--format", "cards", "--no-pager"], ["search", "-f", "json", "zhou"],
    ["on", "05-15", "-f", "json", "-f", "brief"], ["on", "foo", "-f", "brief"],
])
def test_the_quick_path_answers_as_typer_does(live, capsys, argv):
    quick_result, typer_result = _both(capsys, argv)
    assert quick_result == typer_result
    assert quick_result[1] or quick_result[2]  # something was said: the comparison is not of two silences


def test_the_quick_path_reads_named_files(live, capsys, corpus_file):
    quick_result, typer_result = _both(capsys, ["--data", corpus_file, "on", "05-15"])
    assert quick_result == typer_result
    assert "A day of my own" in quick_result[1]


def test_errors_keep_their_exit_status(live, capsys):
    (code, out, err), _ = _both(capsys, ["on", "foo"])
    assert (code, out) == (2, "")
    assert err.startswith("almanac: 'foo' is not a date") and err.count("\n") == 1
    (code, out, err), _ = _both(capsys, ["timeline", "Atlantis"])
    assert (code, out, err) == (2, "", "almanac: unknown country 'Atlantis'; 'almanac countries' lists them all\n")


@pytest.mark.parametrize("argv, expected", [
    ([], ([], "", [])),
    (["today"], ([], "today", [])),
    (["on", "05-15"], ([], "on", ["05-15"])),
    (["-d", "x.toml", "--data", "y.toml", "on", "May 15"], (["x.toml", "y.toml"], "on", ["May 15"])),
    (["timeline", "China", "USSR"], ([], "timeline", ["China", "USSR"])),
    (["search", "border", "treaty"], ([], "search", ["border", "treaty"])),
    (["on", "-f", "json", "05-15", "--no-pager"], ([], "on", ["05-15"], {"fmt": "json", "no_pager": True})),
    (["timeline", "China", "--format=brief", "USSR"], ([], "timeline", ["China", "USSR"], {"fmt": "brief"})),
])
def test_plain_calls(argv, expected):
    assert plain_call(argv, {}) == (expected if len(expected) == 4 else (*expected, {}))


@pytest.mark.parametrize("argv", [
    ["--help"], ["on", "--help"], ["on", "05-15", "--kind", "births"], ["on", "-0044-03-15"], ["on"],
    ["on", "05-15", "-f"], ["on", "05-15", "-f", "BRIEF"], ["on", "05-15", "-fbrief"], ["on", "05-15", "--format="],
    ["on", "05-15", "-f", "csv"], ["--format", "json"], ["search", "x", "--limit", "3"],
    ["timeline", "CN", "--no-chart"],
    ["on", "May", "15"], ["today", "--days", "3"], ["today", "extra"], ["timeline"], ["search"],
    ["week"], ["stats"], ["greet"], ["--version"], ["--data"], ["--data=x.toml", "on", "05-15"],
    ["-dx.toml", "today"], ["on", "05-15", "--"], ["timeline", "China", "--strict"],
])
def test_anything_else_goes_through_typer(argv):
    assert plain_call(argv, {}) is None


def test_the_formats_read_without_typer_are_the_apps():
    from almanac.cli.commands import FORMATS
    from almanac.cli.options import Format

    assert FORMATS == tuple(f.value for f in Format)


def test_a_completion_request_is_not_a_plain_call():
    assert plain_call(["on", "05-15"], {"_ALMANAC_COMPLETE": "complete_bash"}) is None


def _completion_env(monkeypatch, shell: str, line: str, action: str = "get-args") -> None:
    """The variables Typer's completion script sets for ``line`` (ending in a space: a new word)."""
    for k in ("COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS", "_TYPER_COMPLETE_FISH_ACTION"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("_ALMANAC_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        words = line.split()
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) if line.endswith(" ") else len(words) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        if shell == "fish":
            monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", action)


COUNTRY_TABS = ["almanac timeline chi", "almanac timeline China Sov", "almanac timeline ", "almanac timeline zzz",
                 "almanac timeline 'Côte", "almanac timeline Japan Korea so", "almanac timeline \"Ott",
                 "almanac on --country chi", "almanac on 05-15 -c Japan -c Sov", "almanac search treaty -c Jap",
                 "almanac export --country ", "almanac random -c zzz", "almanac today --country 'Ott"]


def test_the_commands_with_a_country_option_are_the_apps_own():
    """complete.COMMANDS_WITH_COUNTRY names exactly the commands declared with options.CountryOpt."""
    import typer.main

    from almanac.cli.app import app
    from almanac.cli.complete import COMMANDS_WITH_COUNTRY, COUNTRY_OPTION

    group = typer.main.get_command(app)
    having = {name for name, command in group.commands.items()
              if any(tuple(p.opts) + tuple(p.secondary_opts) == COUNTRY_OPTION for p in command.params)}
    assert having == set(COMMANDS_WITH_COUNTRY)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", COUNTRY_TABS)
def test_a_tab_on_a_country_is_answered_as_typer_answers_it(live, capsys, monkeypatch, shell, line):
    """The same text and exit status as Typer's completion classes, without importing Typer."""
    actions = ["get-args", "is-args"] if shell == "fish" else ["-"]
    for action in actions:
        _completion_env(monkeypatch, shell, line, action)
        code = quick([])
        assert code is not None, f"{shell} {line!r} should be answered without Typer"
        ours = (code, capsys.readouterr().out)
        with pytest.raises(SystemExit) as typer_exit:
            run([])
        assert ours == (typer_exit.value.code or 0, capsys.readouterr().out)


def test_a_tab_on_a_timeline_country_lists_the_matching_names(live, capsys, monkeypatch):
    _completion_env(monkeypatch, "bash", "almanac timeline China Sov")
    assert quick([]) == 0
    assert capsys.readouterr().out.splitlines() == ["Soviet", "Soviet Russia", "Soviet Union", "Soviets"]
    _completion_env(monkeypatch, "zsh", "almanac timeline zzz")
    assert quick([]) == 0
    assert capsys.readouterr().out == "_files\n"  # nothing matches: zsh offers files, as with Typer
    _completion_env(monkeypatch, "fish", "almanac timeline zzz", "is-args")
    assert quick([]) == 1


@pytest.mark.parametrize("line", ["almanac tim", "almanac ", "almanac timeline --format js", "almanac timeline -f ",
                                  "almanac --data x.toml timeline Chi", "almanac on --format --country chi",
                                  "almanac timeline China --strict ", "almanac timeline -c chi",
                                  "almanac week --countr", "almanac person --country chi", "almanac on -c"])
def test_other_tabs_go_through_typer(live, monkeypatch, line):
    _completion_env(monkeypatch, "bash", line)
    assert quick([]) is None


def test_powershell_tabs_go_through_typer(live, monkeypatch):
    monkeypatch.setenv("_ALMANAC_COMPLETE", "complete_powershell")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "almanac timeline chi")
    assert quick([]) is None
