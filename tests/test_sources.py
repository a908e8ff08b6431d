"""Where corpus files come from: bundled, the user data folder, ALMANAC_DATA and --data."""

from __future__ import annotations

import json
import os

import pytest

from conftest import MINI

EXTRA = """[[event]]
id = "my-own-event-2020"
date = "2020-05-15"
title = "Something I want to remember"
summary = "A personal note."
countries = ["FR"]
sources = ["my diary"]
"""


def ids(result):
    return [e["id"] for e in json.loads(result.stdout)]


def test_data_option_adds_events(run, tmp_path):
    """--data FILE adds its events to the bundled ones."""
    f = tmp_path / "mine.toml"
    f.write_text(EXTRA)
    result = run("--data", str(f), "on", "05-15", "-f", "json", bundled=MINI)
    assert ids(result) == ["okinawa-reversion-1972", "sino-soviet-summit-1989", "my-own-event-2020"]


def test_environment_variable_adds_events(run, tmp_path):
    """ALMANAC_DATA is a path-separator list of corpus files."""
    f = tmp_path / "mine.toml"
    f.write_text(EXTRA)
    result = run("on", "05-15", "-f", "json", bundled=MINI,
                 environ={"ALMANAC_DATA": os.pathsep.join(["", str(f)])})
    assert "my-own-event-2020" in ids(result)


def test_user_data_folder_is_read(run, make_env, tmp_path):
    """*.toml files in the user data folder are read too."""
    env = make_env(bundled=MINI)
    env.data_dir.mkdir(parents=True)
    (env.data_dir / "notes.toml").write_text(EXTRA)
    assert "my-own-event-2020" in ids(run("on", "05-15", "-f", "json", env=env))


def test_named_files_that_do_not_exist_are_errors(run, tmp_path):
    """A --data file or an ALMANAC_DATA entry that cannot be read is exit 1, naming it."""
    result = run("--data", str(tmp_path / "nope.toml"), "on", "05-15", bundled=MINI)
    assert (result.exit_code, result.stderr) == (
        1, f"almanac: cannot read corpus file '{tmp_path / 'nope.toml'}' (from --data): no such file\n")
    result = run("on", "05-15", bundled=MINI, environ={"ALMANAC_DATA": str(tmp_path)})
    assert (result.exit_code, result.stderr) == (
        1, f"almanac: cannot read corpus file '{tmp_path}' (from ALMANAC_DATA): it is a directory\n")


def test_unreadable_file(run, tmp_path):
    """A file without read permission is exit 1 (skipped when running as root, who can read anything)."""
    f = tmp_path / "secret.toml"
    f.write_text(EXTRA)
    f.chmod(0)
    if os.access(f, os.R_OK):
        return
    result = run("--data", str(f), "on", "05-15", bundled=MINI)
    assert result.exit_code == 1 and "permission denied" in result.stderr


def test_user_folders_follow_xdg(tmp_path, monkeypatch):
    """XDG variables choose the folders; unset, empty or relative ones fall back to the defaults."""
    import sys

    import pytest

    from almanac.env import Env

    if not sys.platform.startswith("linux"):
        pytest.skip("XDG folders are a Linux convention")
    monkeypatch.setenv("HOME", str(tmp_path))
    env = Env(environ={"XDG_CACHE_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": "relative/path",
                       "XDG_STATE_HOME": ""})
    assert env.folder("cache") == tmp_path / "c" / "almanac"
    assert env.folder("data") == tmp_path / ".local/share/almanac"
    assert env.folder("state") == tmp_path / ".local/state/almanac"
    assert env.folder("config") == tmp_path / ".config/almanac"


def test_cards_name_their_sources_from_the_index_without_parsing_sources_toml(tmp_path, monkeypatch):
    """The index keeps the names sites are given (with the size and CRC of the sources.toml they came
    from); a card then needs no TOML parse, and a sources.toml of other content is parsed again."""
    from almanac import sources
    from almanac.corpus import Source, resources
    from almanac.store.open import open_store

    srcs = [Source(p, "bundled") for p in resources.bundled_files()]
    open_store(srcs, tmp_path)  # build
    sources.names.cache_clear()
    open_store(srcs, tmp_path)  # opened: the index offers what it stored
    parsed = sources.sites().names
    monkeypatch.setattr(sources, "sites", lambda: (_ for _ in ()).throw(AssertionError("parsed sources.toml")))
    try:
        assert sources.names() == parsed and parsed["en.wikipedia.org"] == "Wikipedia"
        assert sources.cite("https://en.wikipedia.org/wiki/Treaty_of_Nerchinsk").startswith(
            'Wikipedia, "Treaty of Nerchinsk"')
        sources.names.cache_clear()
        stale = json.loads(sources._offered[0])
        sources.offer(json.dumps({**stale, "crc": stale["crc"] ^ 1, "names": {"en.wikipedia.org": "Stale"}}))
        with pytest.raises(AssertionError, match="parsed sources.toml"):
            sources.names()  # not this file's content: the file is read instead
    finally:
        sources.offer(None)
        sources.names.cache_clear()
