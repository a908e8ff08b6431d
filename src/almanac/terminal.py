"""What the process is given, read with nothing but ``os`` and ``sys``: the terminal's size, whether to
colour, the XDG folders, today's date. ``env.Env`` is built from these, and the lean greeting reads them
without importing ``pathlib`` or ``datetime`` (each costs a login a few milliseconds).
"""

import os
import sys

# No "from __future__ import annotations": that statement imports a module at every login.
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every login

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

APP = "almanac"
XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache"),
       "state": ("XDG_STATE_HOME", ".local/state"), "config": ("XDG_CONFIG_HOME", ".config")}
XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


def decide_color(environ: "Mapping[str, str]", isatty: bool) -> bool:
    """NO_COLOR beats FORCE_COLOR beats the tty check (structlog's order); FORCE_COLOR=0 forces nothing."""
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false", "no"):
        return True
    return isatty and environ.get("TERM") != "dumb"


def terminal_size(environ: "Mapping[str, str]") -> os.terminal_size:
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


def isatty(stream: "TextIO") -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def xdg_folder(kind: str, environ: "Mapping[str, str]") -> str | None:
    """The almanac folder of this kind (data, cache, state, config) by the XDG rules, on the systems that
    follow them; None elsewhere (platformdirs knows macOS and Windows) or without a home folder."""
    if not sys.platform.startswith(XDG_PLATFORMS):
        return None
    var, default = XDG[kind]
    base = environ.get(var, "")
    # The XDG spec: an unset, empty or relative value means the default.
    if not (base and os.path.isabs(base)):
        home = os.path.expanduser("~")  # what Path.home() answers
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, default)
    return os.path.join(base, APP)


def frozen_day(environ: "Mapping[str, str]") -> tuple[int, int, int] | None:
    """ALMANAC_TODAY in its plain ISO form (YYYY-MM-DD), as (year, month, day); None if unset or any
    other form (``env`` reads those)."""
    text = environ.get("ALMANAC_TODAY", "")
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        return None
    y, m, d = int(text[:4]), int(text[5:7]), int(text[8:])
    if not (1 <= y and 1 <= m <= 12 and 1 <= d <= days_in_month(y, m)):
        return None
    return y, m, d


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and is_leap(year) else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def ordinal(year: int, month: int, day: int) -> int:
    """``datetime.date(year, month, day).toordinal()`` (1 January of year 1 is day 1), without datetime."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + _BEFORE[month - 1] + (month > 2 and is_leap(year)) + day
