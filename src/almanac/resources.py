"""Where the bundled data lives: inside the installed package, or the checkout's top-level data/."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"
_CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The folder holding events.toml and countries.toml.

    A wheel carries them as ``almanac/data`` (hatch force-include); an editable install or a checkout
    reads the top-level ``data/`` the design asks for.
    """
    return _PACKAGE_DATA if (_PACKAGE_DATA / "events.toml").is_file() else _CHECKOUT_DATA


def events_file() -> Path:
    return data_dir() / "events.toml"


def countries_file() -> Path:
    return data_dir() / "countries.toml"


def people_file() -> Path:
    return data_dir() / "people.toml"


def bundled_files() -> list[Path]:
    """The bundled corpus: the events, and the people beside them (once that file exists)."""
    people = people_file()
    return [events_file(), people] if people.is_file() else [events_file()]


def sources_file() -> Path:
    return data_dir() / "sources.toml"
