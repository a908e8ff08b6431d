"""The one injected environment: streams, tty, width, colour, today and folders.

Nothing else in the package reads ``os.environ``, ``sys.stdout`` or the clock, so tests build an
``Env`` with a frozen date, a fixed width and temporary folders (httpie's ``Environment`` habit).
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
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


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Env:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    isatty: bool = False
    width: int = 80
    height: int = 24
    color: bool = False
    today: _dt.date = field(default_factory=_dt.date.today)
    data_dir: Path | None = None
    cache_dir: Path | None = None
    state_dir: Path | None = None
    config_dir: Path | None = None
    bundled: Path | None = None  # tests swap the bundled corpus for a small named fixture
    environ: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_os(cls, environ: Mapping[str, str] | None = None, stdout: TextIO | None = None,
                stderr: TextIO | None = None) -> Env:
        environ = os.environ if environ is None else environ
        stdout = stdout or sys.stdout
        tty = _isatty(stdout)
        size = shutil.get_terminal_size((80, 24))
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
        return replace(self, stdout=stdout, stderr=stderr)

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
