"""Entry point. Standard library only: ``almanac greet`` takes a lean path that never loads Typer or Rich."""

from __future__ import annotations

import sys

_GLOBAL_WITH_VALUE = ("--data", "-d")


def _lean_greet(argv: list[str]) -> tuple[list[str], list[str]] | None:
    """(data files, greet args) if this is a plain greeting call; None to go through the full CLI."""
    data, i = [], 0
    while i < len(argv):
        a = argv[i]
        if a in _GLOBAL_WITH_VALUE and i + 1 < len(argv):
            data.append(argv[i + 1])
            i += 2
        elif a.startswith("--data="):
            data.append(a.partition("=")[2])
            i += 1
        else:
            break
    rest = argv[i:]
    if not rest or rest[0] != "greet":
        return None
    return data, rest[1:]


def _greeted_today(args: list[str]) -> bool:
    """``greet --once`` on a day already greeted: read one small file and say nothing (no other import).

    The same state file and the same day as ``greet`` itself (XDG_STATE_HOME, ALMANAC_TODAY); on other
    systems, or on any doubt, False, and the greeting decides as usual.
    """
    import os

    if "--once" not in args or not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if any(a in ("--help", "-h") or a.startswith("--shell") for a in args):
        return False
    base = os.environ.get("XDG_STATE_HOME", "")
    if not (base and os.path.isabs(base)):
        home = os.environ.get("HOME")
        if not home:
            return False
        base = os.path.join(home, ".local", "state")
    import time  # built in; datetime would cost more than the whole check

    frozen = os.environ.get("ALMANAC_TODAY", "")
    # A frozen day in its ISO form is compared as written; anything odd goes the long way.
    today = frozen if frozen else time.strftime("%Y-%m-%d")
    try:
        with open(os.path.join(base, "almanac", "greeted"), encoding="utf-8") as f:
            return f.read(64).strip() == today
    except (OSError, UnicodeDecodeError):
        return False


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # LC_ALL=C or an ASCII pipe: never crash on CJK
        except (AttributeError, ValueError):
            pass
    lean = _lean_greet(argv)
    if lean is not None and _greeted_today(lean[1]):
        sys.exit(0)
    if lean is not None:
        from .greet import run

        try:
            code = run(lean[1], data=lean[0])
            sys.stdout.flush()
        except BrokenPipeError:
            code = 0
        except KeyboardInterrupt:  # Ctrl-C at login: stop quietly, the shell carries on
            code = 130
        _exit_quietly(code)
    from .cli import app

    app(args=argv, prog_name="almanac")


def _exit_quietly(code: int) -> None:
    """Exit without a 'BrokenPipeError' message from the interpreter's final flush."""
    import os

    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
    sys.exit(code)


if __name__ == "__main__":
    main()
