"""What the everyday commands do once their options are parsed, and the one error boundary; no Typer.

``cli.app`` parses a command line with Typer and calls these. ``quick`` answers the plainest calls
(``almanac``, ``almanac today``, ``almanac on DATE``, ``almanac timeline A B...``, ``almanac search
WORDS...``, with at most ``--data FILE`` before the command and no option after it) by calling them
directly, without importing Typer: the same functions, so the same output, errors and exit statuses
(a test holds the two paths equal). Anything else, ``--help`` included, goes through Typer.
"""

from __future__ import annotations

import sys

from ..env import Env, debug_enabled
from ..errors import EXIT_INTERNAL, AlmanacError, UsageError

# Formats whose output is never paged: a script or a browser reads it.
_UNPAGED = ("json", "html")
GLOBAL_WITH_VALUE = ("--data", "-d")  # the options before a command that take a value
FORMATS = ("cards", "brief", "json", "html")  # options.Format's values (a test holds them equal)


def completion_requested(environ) -> bool:
    """A shell's TAB: Typer's completion variable (``_ALMANAC_COMPLETE``) is set."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ)


class State:
    """What every command needs: the environment, and the corpus files named on the command line."""

    def __init__(self, env: Env, data: list[str]):
        self.env = env
        self.data = data
        self._store = None

    def state_dir(self):
        try:
            return self.env.folder("state")
        except Exception:  # noqa: BLE001 - no home folder: the note is simply said again
            return None

    def store(self):
        """The corpus (opened once); files in the user data folder that have errors are skipped, with a warning."""
        if self._store is None:
            from ..corpus import discover
            from ..store.open import open_store

            sources = discover(self.env, self.data)
            self._store = open_store(sources, self.env.folder("cache"))
            for warning in self._store.warnings:
                self.env.warn(warning)
            reason = getattr(self._store, "slow_reason", None)
            if reason:
                from ..files import say_once_a_day

                if say_once_a_day(self.state_dir(), "slow-cache", self.env.today):
                    self.env.warn(reason)
        return self._store


def paged(env: Env, enabled: bool):
    from ..pager import paged as pager

    return pager(env, enabled=enabled)


def show_days(state: State, when, fmt: str | None = None, kind: str = "all", days: int = 1, ahead: int = 0,
              behind: int = 0, country: list[str] | None = None, strict: bool = False, no_pager: bool = False,
              today: bool = False) -> None:
    """A day, a range of days, or a year or month: the library's view, laid out in the chosen format."""
    from .. import dates, query, render

    store = state.store()
    if isinstance(when, dates.OldStyle):
        state.env.note(when.note())
        when = when.gregorian
    start, end = (when.year, when.year) if isinstance(when, dates.PeriodQuery) else (None, None)
    only = query.resolve_countries(store, country or [], strict, start, end)
    pager = not no_pager and fmt not in _UNPAGED
    if isinstance(when, dates.PeriodQuery):
        if days != 1 or ahead or behind:
            raise UsageError("--days, --ahead and --behind go with a day, not a year or a month")
        with paged(state.env, enabled=pager) as env:
            return render.period(env, query.period(store, when, only), fmt or "brief", store.countries)
    fmt = fmt or "cards"
    if days != 1 or ahead or behind:
        view = query.day_range(store, when, days, behind, ahead, kind, only)
        with paged(state.env, enabled=pager) as env:
            return render.day_range(env, view, fmt, store.countries)
    view = query.today(store, when, kind) if today else query.on_day(store, when, kind=kind)
    with paged(state.env, enabled=pager) as env:
        render.day(env, query.filter_day(view, only), fmt, store.countries)


def on(state: State, date: str, julian: bool = False, **options) -> None:
    """``almanac on DATE``: DATE as a person types it, then ``show_days``."""
    from .. import dates

    show_days(state, dates.parse_when(date, state.env.today, julian), **options)


def timeline(state: State, countries: list[str], start: int | None = None, end: int | None = None,
             strict: bool = False, fmt: str = "cards", chart: bool = True, no_pager: bool = False) -> None:
    from .. import query, render

    store = state.store()
    view = query.timeline(store, countries, None, start, end, strict)
    with paged(state.env, enabled=not no_pager and fmt not in _UNPAGED) as env:
        render.timeline(env, view, fmt, store.countries, chart=chart)


def search(state: State, text: list[str], country: list[str] | None = None, strict: bool = False,
           start: int | None = None, end: int | None = None, sort: str = "relevance", limit: int = 50,
           fmt: str = "brief", no_pager: bool = False) -> None:
    from .. import query, render
    from ..text import plural, shorten

    store = state.store()
    words = " ".join(text)
    country = country or []
    page = query.search_page(store, words, country, start, end, sort, strict, limit or None)
    events, total = page.events, page.total
    people = query.search_people(store, words, country, strict) if start is None and end is None else []
    if not events and not people and fmt not in _UNPAGED:
        return state.env.note(f"No events match '{shorten(words)}'.")
    heading = f"{plural(total, 'event')} match{'es' if total == 1 else ''} '{shorten(words)}'"
    if len(events) < total:
        how = ("too many to rank, so the first {n} in the corpus's order are shown (add words to narrow it, "
               "or --sort date)" if not page.ranked else "the first {n} shown (--limit N for more, --limit 0 for all)")
        heading += "; " + how.format(n=len(events))
        if fmt == "json" or (fmt == "brief" and not state.env.isatty):
            state.env.note(f"{len(events)} of {plural(total, 'match', 'matches')} shown"
                           + (" (too many to rank: the first in the corpus's order; add words to narrow it)"
                              if not page.ranked else " (--limit N for more, --limit 0 for all)"))
    with paged(state.env, enabled=not no_pager and fmt not in _UNPAGED) as env:
        render.events(env, events, fmt, store.countries, heading, people=people)


def fail(message: str, code: int) -> int:
    """One line on stderr: whitespace folded, and what the user typed shown, never acted on."""
    from ..text import message as one_line

    sys.stderr.write(f"almanac: {one_line(message)}\n")
    return code


def quiet_broken_pipe() -> int:
    """Output piped into 'head' that closed early: stop quietly, as cat and git do."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (tests): nothing left to silence
    return 0


def guarded(run) -> int:
    """``run()``'s exit status; a user mistake is one line on stderr and its status, never a traceback."""
    try:
        code = run()
        return code if isinstance(code, int) else 0
    except AlmanacError as e:
        return fail(str(e), e.exit_code)
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except Exception as e:  # a bug of ours: one line, and the traceback only when asked for
        if debug_enabled():
            raise
        return fail(f"internal error: {type(e).__name__}: {e} (set ALMANAC_DEBUG=1 for details; "
                    "please report it)", EXIT_INTERNAL)


def _options(words: list[str]) -> tuple[list[str], dict] | None:
    """The arguments and the two options the quick path reads (``--format``/``-f`` with one of
    ``FORMATS``, ``--no-pager``), as Click reads them anywhere among the arguments, the last one winning;
    None for anything else starting with '-' (another option, --help, a negative year: Typer's)."""
    args: list[str] = []
    options: dict = {}
    words = iter(words)
    for word in words:
        if word == "--no-pager":
            options["no_pager"] = True
        elif word in ("--format", "-f") or word.startswith("--format="):
            value = word.partition("=")[2] if "=" in word else next(words, None)
            if value not in FORMATS:
                return None  # a wrong or missing value: Typer's message
            options["fmt"] = value
        elif word.startswith("-"):
            return None
        else:
            args.append(word)
    return args, options


def plain_call(argv: list[str], environ) -> tuple[list[str], str, list[str], dict] | None:
    """(data files, command, arguments, options) if ``argv`` is a call ``quick`` answers; None otherwise."""
    if completion_requested(environ):
        return None
    data, i = [], 0
    while i < len(argv) and argv[i] in GLOBAL_WITH_VALUE and i + 1 < len(argv):
        data.append(argv[i + 1])
        i += 2
    command, rest = (argv[i], argv[i + 1:]) if i < len(argv) else ("", [])
    read = _options(rest) if command in ("today", "on", "timeline", "search") else None if rest else ([], {})
    if read is None or command.startswith("-"):
        return None
    args, options = read
    if (command in ("", "today") and not args) or (command == "on" and len(args) == 1) or (
            command in ("timeline", "search") and args):
        return data, command, args, options
    return None


def quick(argv: list[str]) -> int | None:
    """The exit status of a plain call answered without Typer, or None if Typer must read ``argv``."""
    import os

    if completion_requested(os.environ):
        from .complete import answer

        try:
            return answer(os.environ)  # a country of 'timeline': no Typer
        except Exception:  # noqa: BLE001 - a TAB never fails: Typer answers instead
            return None
    call = plain_call(argv, os.environ)
    if call is None:
        return None
    data, command, args, options = call

    def run() -> None:
        state = State(Env.from_os(), data)
        if command == "on":
            on(state, args[0], **options)
        elif command == "timeline":
            timeline(state, args, **options)
        elif command == "search":
            search(state, args, **options)
        else:  # 'almanac' alone, or 'almanac today'
            show_days(state, state.env.today, today=True, **options)

    return guarded(run)
