"""almanac as a library: the names of __all__ resolve lazily, and a script can open the corpus and ask."""

from __future__ import annotations

import subprocess
import sys

import pytest

import almanac


def test_every_exported_name_resolves():
    for name in almanac.__all__:
        assert getattr(almanac, name) is not None, name
    assert sorted(almanac.__all__) == dir(almanac)


def test_unknown_name_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        almanac.nothing_here  # noqa: B018


def test_importing_almanac_loads_no_library_module():
    """The greeting imports the package: it must not pull the query layer, the store or the parser."""
    code = ("import sys, almanac; print(sorted(m for m in sys.modules if m.startswith('almanac')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['almanac']"


@pytest.mark.slow  # parses the whole bundled corpus
def test_a_script_asks_the_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = almanac.open_corpus(cache=False)
    day = almanac.on_day(store, almanac.parse_day("15 May", almanac.today()))
    assert "sino-soviet-summit-1989" in [e.id for e in day.events]
    ids = [e.id for e in almanac.timeline(store, ["China", "USSR"]).events]
    assert ids[0] == "treaty-of-nerchinsk-1689" and "sino-soviet-summit-1989" in ids  # with the states before
