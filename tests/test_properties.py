"""Property tests: any corpus bytes load or are reported, never a traceback; JSON round-trips any text."""

from __future__ import annotations

import json

import pytest
import tomli as tomllib  # the parser the loader uses, so the two agree on what is TOML
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from almanac.cli.app import app
from almanac.corpus import Source, load, load_countries
from conftest import MINI, TODAY

TABLE = load_countries()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

toml_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_load_or_are_reported(tmp_path_factory, data):
    """Random bytes as a corpus file: either events or problems, never an exception."""
    f = tmp_path_factory.mktemp("b") / "x.toml"
    f.write_bytes(data)
    loaded = load([Source(f, "option")], TABLE)
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        doc = None
    if doc is None:  # not UTF-8, or not TOML: always reported, never silently empty
        assert loaded.problems and not loaded.events
    elif doc == {}:  # blank, or comments only: an empty corpus file, nothing to say
        assert not loaded.problems and not loaded.events
    else:  # a document: any key that is not [[event]] or [[person]] is reported
        assert loaded.problems or set(doc) <= {"event", "person"}


@SETTINGS
@given(st.lists(st.sampled_from([
    b'[[event]]\n', b'id = "a-1"\n', b'date = "1989-05-15"\n', b'date = "1989-02-30"\n', b'date = 5\n',
    b'title = "T"\n', b'summary = "S"\n', b'countries = ["CN"]\n', b'countries = ["QB"]\n', b'sources = []\n',
    b'[[event.sections]]\n', b'heading = "H"\n', b'body = 1\n', b'end = "1900"\n', b'x = 1\n', b'"\n', b'[a]\n',
]), max_size=25))
def test_structured_garbage_never_raises(tmp_path_factory, lines):
    """Plausible but broken corpus files are checked without a traceback, through the CLI too."""
    f = tmp_path_factory.mktemp("s") / "x.toml"
    f.write_bytes(b"".join(lines))
    result = CliRunner().invoke(app, ["check", str(f)], obj=_env(tmp_path_factory))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _env(factory):
    from almanac.env import Env

    d = factory.mktemp("env")
    return Env(today=TODAY, bundled=MINI, data_dir=d / "data", cache_dir=d / "cache", state_dir=d / "state",
               config_dir=d / "config")


def _toml_string(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@pytest.mark.slow  # the CLI run 180 times, an index built for each example
@SETTINGS
@given(title=toml_text.filter(lambda s: s.strip() and "\n" not in s.strip()), summary=toml_text.filter(str.strip),
       person=toml_text)
def test_json_round_trips_any_text(tmp_path_factory, title, summary, person):
    """Whatever the text (controls, quotes, markup, any script), JSON output gives it back exactly."""
    f = tmp_path_factory.mktemp("j") / "x.toml"
    f.write_text("[[event]]\nid = \"any-2000\"\ndate = \"2000-05-15\"\n"
                 f"title = {_toml_string(title)}\nsummary = {_toml_string(summary)}\n"
                 f"people = [{_toml_string(person)}]\ncountries = [\"FR\"]\nsources = [\"s\"]\n", encoding="utf-8")
    env = _env(tmp_path_factory)  # one cache for the three runs: built once, then read
    result = CliRunner().invoke(app, ["--data", str(f), "on", "05-15", "-f", "json"], obj=env)
    assert result.exit_code == 0, result.output
    event = [e for e in json.loads(result.stdout) if e["id"] == "any-2000"][0]
    assert (event["title"], event["summary"], event["people"]) == (title, summary, [person])
    for cards in (["on", "05-15"], ["on", "05-15", "-f", "brief"]):
        shown = CliRunner().invoke(app, ["--data", str(f), *cards], obj=env).stdout
        assert not any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in shown)


_VALUES = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(
    ["", " ", "x", "T\nU", "a-1", "Bad Id", "1989-05-15", "1989-02-30", "1989", "1989-05", "--05-15", "-0044-03-15",
     "1988-01-01", "CN", "QB"]),
    st.lists(st.sampled_from(["CN", "SU", "QB", "", "x"]), max_size=3),
    st.lists(st.integers(0, 2), max_size=2),
    st.lists(st.fixed_dictionaries({"heading": st.sampled_from(["H", "", 1]), "body": st.sampled_from(["B", " "])}),
             max_size=2))
_KEYS = st.sampled_from(["id", "date", "end", "title", "summary", "countries", "people", "tags", "sources",
                         "fun_fact", "reading", "sections", "extra"])


@SETTINGS
@given(st.fixed_dictionaries({"id": st.just("a-1"), "date": st.just("1989-05-15"), "title": st.just("T"),
                              "summary": st.just("S"), "countries": st.just(["CN"])}),
       st.dictionaries(_KEYS, _VALUES, max_size=5))
def test_quick_validator_agrees_with_the_full_check(base, changes):
    """The index build's fast path accepts exactly the events the full check finds no error in."""
    from almanac.validate import _quick, check_event

    raw = {**base, **changes}
    raw = {k: v for k, v in raw.items() if v is not None}  # TOML has no null: a None means "absent"
    problems, date = check_event(raw, 1, "f", TABLE, strict=True)
    fatal = [p for p in problems if not p.strict_only]
    assert (date is not None) == (not fatal)
    _, fast_date = check_event(raw, 1, "f", TABLE, strict=False)  # the build's path, through _quick
    assert fast_date == date, (raw, [str(p) for p in fatal])
    quick = _quick(raw, TABLE)
    if quick is not None:  # the fast path never accepts what the full check refuses
        assert not fatal and quick == date, (raw, [str(p) for p in fatal])
