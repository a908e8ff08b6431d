"""Entry point. Standard library only: ``almanac greet`` takes a lean path that never loads Typer or Rich."""

import sys

# As cli.commands.GLOBAL_WITH_VALUE: importing that module here would cost the greeting pathlib.
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
    """``greet --once`` on a day already greeted: read one small file and say nothing.

    The same state file and the same day as ``greet`` itself (XDG_STATE_HOME, ALMANAC_TODAY); on other
    systems, or on any doubt, False, and the greeting decides as usual.
    """
    if "--once" not in args or any(a in ("--help", "-h") or a.startswith("--shell") for a in args):
        return False
    import os

    from .greetings import greeted, today_of
    from .terminal import xdg_folder

    state, today = xdg_folder("state", os.environ), today_of(os.environ)
    return state is not None and today is not None and greeted(state, today)


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
        from .greetings import fast  # the greeting table: no corpus, no index, no pathlib

        try:
            code = fast(lean[1], data=lean[0])
        except BrokenPipeError:
            code = 0
        except KeyboardInterrupt:
            code = 130
        if code is not None:
            _exit_quietly(code)
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
    from .cli.commands import quick  # the plainest calls, answered without Typer

    code = quick(argv)
    if code is not None:
        _exit_quietly(code)
    from .cli.app import run

    run(argv)


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
