"""Writing the user's files safely: never over an existing file unless asked, always whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, UsageError


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An existing file is never replaced without ``force``: nothing the user wrote is lost by accident.
    """
    import tempfile

    if path.exists() and not force:
        raise UsageError(f"'{path}' already exists: choose another --output, or add --force to replace it")
    if path.is_dir():
        raise UsageError(f"'{path}' is a directory")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        raise DataError(f"cannot write '{path}': {e.strerror or e}") from None
