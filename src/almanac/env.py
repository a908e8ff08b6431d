"""The one injected environment: streams, tty, width, colour, today and folders.

Nothing else in the package reads ``os.environ``, ``sys.stdout`` or the clock, so tests build an
``Env`` with a frozen date, a fixed width and temporary folders (httpie's ``Environment`` habit).
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

from .terminal import APP, XDG, XDG_PLATFORMS, decide_color, isatty, terminal_size, xdg_folder

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every login

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

__all__ = ["APP", "Env", "debug_enabled", "decide_color"]


class Env:
    """Streams, terminal, today and folders. A plain slotted class, not a dataclass: the greeting pays for
    every import at login, and ``dataclasses`` brings ``inspect`` with it."""

    __slots__ = ("stdout", "stderr", "isatty", "width", "height", "color", "today", "data_dir", "cache_dir",
                 "state_dir", "config_dir", "bundled", "environ")

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None, isatty: bool = False,
                 width: int = 80, height: int = 24, color: bool = False, today: _dt.date | None = None,
                 data_dir: Path | None = None, cache_dir: Path | None = None, state_dir: Path | None = None,
                 config_dir: Path | None = None, bundled: Path | None = None,
                 environ: Mapping[str, str] | None = None):
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.isatty, self.width, self.height, self.color = isatty, width, height, color
        self.today = today if today is not None else _dt.date.today()
        self.data_dir, self.cache_dir, self.state_dir, self.config_dir = data_dir, cache_dir, state_dir, config_dir
        self.bundled = bundled  # tests swap the bundled corpus for a small named fixture
        self.environ = environ if environ is not None else {}

    def replace(self, **changes) -> Env:
        """A copy with some fields changed (``dataclasses.replace`` for this class)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return Env(**values)

    def __repr__(self) -> str:
        return f"Env(width={self.width}, isatty={self.isatty}, color={self.color}, today={self.today})"

    @classmethod
    def from_os(cls, environ: Mapping[str, str] | None = None, stdout: TextIO | None = None,
                stderr: TextIO | None = None) -> Env:
        environ = os.environ if environ is None else environ
        stdout = stdout or sys.stdout
        tty = isatty(stdout)
        size = terminal_size(environ)
        return cls(stdout=stdout, stderr=stderr or sys.stderr, isatty=tty,
                   width=max(20, size.columns), height=max(5, size.lines),
                   color=decide_color(environ, tty), today=_today(environ), environ=environ)

    def out(self, text: str) -> None:
        """Write output text: the one door to stdout for everything but the colour cards and the greeting."""
        from .text import for_stream

        self.stdout.write(for_stream(text))
        self.stdout.flush()

    def note(self, text: str, prefix: str = "") -> None:
        """One line on stderr (a count, a note, 'wrote FILE'): cleaned and shortened."""
        from .text import message

        self.stderr.write(prefix + message(text) + "\n")

    def warn(self, text: str) -> None:
        self.note(text, "almanac: warning: ")

    def error(self, text: str) -> None:
        self.note(text, "almanac: ")

    def with_streams(self, stdout: TextIO, stderr: TextIO) -> Env:
        return self.replace(stdout=stdout, stderr=stderr)

    def folder(self, kind: str) -> Path:
        """The user's data, cache, state or config folder.

        On Linux and the BSDs the XDG rules are read from this Env's own environment (so tests and the
        benchmark can point them elsewhere, and no import is paid at login); elsewhere platformdirs
        knows the conventions (macOS, Windows).
        """
        explicit = getattr(self, f"{kind}_dir")
        if explicit is not None:
            return Path(explicit)
        if sys.platform.startswith(XDG_PLATFORMS):
            folder = xdg_folder(kind, self.environ)
            return Path(folder) if folder is not None else Path.home() / XDG[kind][1] / APP
        import platformdirs  # lazy: only where XDG does not apply

        return Path(getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False))


def _today(environ: Mapping[str, str]) -> _dt.date:
    """The local date; ALMANAC_TODAY=YYYY-MM-DD freezes it (for demos, tests and screenshots)."""
    frozen = environ.get("ALMANAC_TODAY")
    if frozen:
        try:
            return _dt.date.fromisoformat(frozen)
        except ValueError:
            pass  # a bad value must not break a login shell; the real date is the sane fallback
    return _dt.date.today()


def debug_enabled() -> bool:
    """ALMANAC_DEBUG=1: let an internal error show its traceback (read at the error boundary only)."""
    return bool(os.environ.get("ALMANAC_DEBUG"))
