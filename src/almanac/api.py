"""Opening the corpus from Python, as the command line does: the bundled corpus, the user's files."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path


def open_corpus(*files: str | Path, cache: bool = True):
    """The store of the bundled corpus, the user's data folder, ALMANAC_DATA and ``files``.

    With ``cache`` (the default) the index in the user cache folder is used and kept current, as the
    command line does; without it, the files are read into memory.
    """
    from .corpus import discover
    from .env import Env
    from .store.open import open_store

    env = Env.from_os()
    return open_store(discover(env, [str(f) for f in files]), env.folder("cache") if cache else None)


def today() -> _dt.date:
    """Today as almanac sees it (``ALMANAC_TODAY`` may fix it, as in the tests)."""
    from .env import Env

    return Env.from_os().today
