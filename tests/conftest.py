"""Shared fixtures: an injected environment (frozen date, fixed width, temporary folders) and a runner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from almanac.cli.app import app
from almanac.env import Env

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.toml"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    """One cache folder for the whole run: an index is named by its files and trusted only if it was
    built from exactly them, so tests share the fixture corpus's index instead of each building it.
    A test about the cache itself names its own folder (``cache_dir=tmp_path / ...``)."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def make_env(tmp_path, shared_cache):
    """Build an Env like the one a terminal gives, but frozen and isolated in tmp_path."""

    def make(**overrides) -> Env:
        values = dict(today=TODAY, width=80, height=24, color=False, isatty=False,
                      data_dir=tmp_path / "user-data", cache_dir=shared_cache,
                      state_dir=tmp_path / "state", config_dir=tmp_path / "config",
                      environ={"ALMANAC_CALENDAR_DIRS": ""})  # no system calendar folder: includes stay unread
        values.update(overrides)
        return Env(**values)

    return make


@pytest.fixture
def run(make_env):
    """Invoke the CLI in-process: ``run("on", "05-15", bundled=MINI)`` -> click Result."""
    runner = CliRunner()

    def invoke(*args: str, env: Env | None = None, **overrides):
        return runner.invoke(app, list(args), obj=env or make_env(**overrides))

    return invoke
