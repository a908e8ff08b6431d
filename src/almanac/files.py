"""The user's files: written safely (never over an existing file unless asked, always whole or not at
all), and the marks in the state folder that keep a note to once a day."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DataError, UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path``.

    A regular file is written to a temporary file beside it and renamed into place, so it is whole or
    untouched; an existing one is replaced only with ``force``, and a file that appears meanwhile is
    never replaced without it (the rename is a link that fails if the name is taken). Anything that is
    not a regular file (``/dev/stdout``, a pipe, a terminal) is written straight to, never replaced.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise DataError(f"cannot write '{path}': {e.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"'{path}' is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as e:
            raise DataError(f"cannot write '{path}': {e.strerror}") from None
        return
    if st is not None and not force:
        raise UsageError(f"'{path}' already exists: choose another --output, or add --force to replace it")
    _replace(path, text, clobber=force)


def _replace(path: Path, text: str, clobber: bool) -> None:
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file would be, not mkstemp's 0600
        if clobber:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile: nothing is overwritten
            except FileExistsError:
                raise
            except OSError:  # a filesystem without hard links: check, then rename (a narrow race)
                if path.exists():
                    raise FileExistsError(str(path)) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
        tmp = None
    except FileExistsError:
        raise UsageError(f"'{path}' already exists: choose another --output, or add --force to replace it") from None
    except OSError as e:
        raise DataError(f"cannot write '{path}': {e.strerror or e}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def say_once_a_day(state_dir: Path | None, key: str, today) -> bool:
    """True the first time ``key`` is asked about on ``today`` (recorded in the state folder); a state
    folder that cannot be written means saying it every time rather than never."""
    if state_dir is None:
        return True
    mark = state_dir / f"said-{key}"
    try:
        if mark.read_text(encoding="utf-8").strip() == today.isoformat():
            return False
    except (OSError, UnicodeDecodeError):
        pass
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        mark.write_text(today.isoformat() + "\n", encoding="utf-8")
    except OSError:
        pass
    return True
