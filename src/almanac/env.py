"""The one injected environment: streams, tty, width, colour, today and folders.

Nothing else in the package reads ``os.environ``, ``sys.stdout`` or the clock, so tests build an
``Env`` with a frozen date, a fixed width and temporary folders (httpie's ``Environment`` habit).
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every login

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

APP = "almanac"
_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache"),
        "state": ("XDG_STATE_HOME", ".local/state"), "config": ("XDG_CONFIG_HOME", ".config")}


def decide_color(environ: Mapping[str, str], isatty: bool) -> bool:
    """NO_COLOR beats FORCE_COLOR beats the tty check (structlog's order); FORCE_COLOR=0 forces nothing."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false", "no"):
        return True
    return isatty and environ.get("TERM") != "dumb"


def _terminal_size(environ: Mapping[str, str]) -> os.terminal_size:
    """shutil.get_terminal_size's rule (COLUMNS and LINES first, then the terminal, then 80x24) without
    importing shutil at every login."""
    try:
        columns, lines = int(environ.get("COLUMNS", 0)), int(environ.get("LINES", 0))
    except ValueError:
        columns = lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        columns = columns if columns > 0 else size.columns or 80
        lines = lines if lines > 0 else size.lines or 24
    return os.terminal_size((columns, lines))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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
        tty = _isatty(stdout)
        size = _terminal_size(environ)
        return cls(stdout=stdout, stderr=stderr or sys.stderr, isatty=tty,
                   width=max(20, size.columns), height=max(5, size.lines),
                   color=decide_color(environ, tty), today=_today(environ), environ=environ)

    def out(self, text: str) -> None:
        """Write output text: the one door to stdout for everything but Rich's drawing and the greeting."""
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
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            var, default = _XDG[kind]
            base = self.environ.get(var, "")
            # The XDG spec: an unset, empty or relative value means the default.
            root = Path(base) if base and os.path.isabs(base) else Path.home() / default
            return root / APP
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
