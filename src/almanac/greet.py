"""The login greeting: one to three short lines for today. No Typer, no Rich, and it never breaks a login.

Whatever goes wrong (a broken corpus file, an unreadable cache, a bad config), the greeting still exits 0,
greets from what it can read, and says at most one short line on stderr.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from . import greetings
from .env import Env
from .errors import Exit
from .greetings import Candidate, Day, shuffle  # noqa: F401 - shuffle: the greeting's, tested here
from .text import fit

SHELLS = {
    # Interactive shells only (scp, rsync and 'ssh host cmd' run non-interactive ones), and only if
    # almanac is installed: on PATH, or in ~/.local/bin, where pip --user and pipx put it and where a
    # login shell on Debian or Ubuntu has not looked yet when ~/.profile reads ~/.bashrc. --once: a new
    # terminal later in the day stays quiet.
    "bash": '# almanac: one line of history at login\n'
            'if [[ $- == *i* ]]; then\n'
            '    for _a in "$(command -v almanac)" "$HOME/.local/bin/almanac"; do\n'
            '        if [[ -x $_a ]]; then "$_a" greet --once; break; fi\n'
            '    done\n'
            '    unset _a\n'
            'fi\n',
    "zsh": '# almanac: one line of history at login\n'
           'if [[ -o interactive ]]; then\n'
           '    for _a in ${commands[almanac]} $HOME/.local/bin/almanac; do\n'
           '        if [[ -x $_a ]]; then $_a greet --once; break; fi\n'
           '    done\n'
           '    unset _a\n'
           'fi\n',
    "fish": '# almanac: one line of history at login\n'
            'if status is-interactive\n'
            '    for _a in (command -s almanac) ~/.local/bin/almanac\n'
            '        if test -x $_a; $_a greet --once; break; end\n'
            '    end\n'
            'end\n',
}


# The greeting's one definition of its options: the lean path (__main__) and the full CLI both hand their
# arguments to ``run``, which parses them here and prints this for --help.
HELP = """\
Usage: almanac greet [OPTIONS]

  A one-glance greeting for your shell's start-up file: never slow, never in the way.

  Prints up to COUNT short lines of history for today (fewer on a day with fewer events:
  the count is a maximum). Whatever goes wrong, it exits 0 and says at most one line on
  stderr.

  Examples:
    almanac greet
    almanac greet --count 1
    almanac greet --shell bash >> ~/.bashrc

Options:
  -n, --count N    At most N lines (1 to 10; default 3, or count in config.toml).
  --once           Greet only on the first call of the day.
  --shell SHELL    Print the start-up snippet for bash, zsh or fish.
  -c, --country C  Only what involves this country (repeatable: all must be involved).
  -d, --data FILE  A corpus file to read besides the bundled one (repeatable).
  -h, --help       Show this message and exit.
"""


class _Usage(Exception):
    """A mistake in the greeting's own flags (typed by hand, not at login): exit 2."""


def _parse(argv: list[str]) -> dict:
    opts = {"count": None, "once": False, "shell": None, "data": [], "help": False, "country": []}
    args = list(argv)
    while args:
        a = args.pop(0)
        key, _, inline = a.partition("=")
        if len(a) > 2 and a[:2] in ("-n", "-d", "-c") and not a.startswith("--"):  # -n1, -dFILE
            key, inline = a[:2], a[2:]
        if key in ("--count", "-n", "--shell", "--data", "-d", "--country", "-c"):
            value = inline if inline else (args.pop(0) if args else None)
            if value is None:
                raise _Usage(f"{key} needs a value")
            if key in ("--count", "-n"):
                if not value.isdigit() or not 1 <= int(value) <= 10:
                    raise _Usage(f"--count takes a whole number from 1 to 10, not '{value}'")
                opts["count"] = int(value)
            elif key == "--shell":
                if value not in SHELLS:
                    raise _Usage(f"--shell takes bash, zsh or fish, not '{value}'")
                opts["shell"] = value
            elif key in ("--country", "-c"):
                opts["country"].append(value)
            else:
                opts["data"].append(value)
        elif a == "--once":
            opts["once"] = True
        elif a in ("-h", "--help"):
            opts["help"] = True
        else:
            raise _Usage(f"unknown option '{a}' (see 'almanac greet --help')")
    return opts


_CONFIG_EXPECTS = {"countries": "a list of country names, e.g. [\"Russia\", \"Japan\"]",
                   "count": "a whole number from 1 to 10", "color": "true or false"}


def read_config(env: Env) -> tuple[dict, str | None]:
    """The user's config.toml (countries, count, color); a bad one is ignored with a one-line warning."""
    path = env.folder("config") / "config.toml"
    try:
        if not path.exists():
            return {}, None
        import tomli

        raw = tomli.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return {}, f"ignoring {path}: it is not UTF-8 text"
    except Exception as e:  # noqa: BLE001 - any fault in a config file must not break a login
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        if isinstance(e, OSError):
            reason = e.strerror or reason
        return {}, f"ignoring {path}: {reason}"
    cfg, bad = {}, []
    for key, value in raw.items():
        if key == "countries" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            cfg["countries"] = value
        elif key == "count" and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10:
            cfg["count"] = value
        elif key == "color" and isinstance(value, bool):
            cfg["color"] = value
        elif key in _CONFIG_EXPECTS:
            bad.append(f"{key} = {value!r} (it takes {_CONFIG_EXPECTS[key]})")
        else:
            bad.append(f"unknown setting '{key}' (known: countries, count, color)")
    return cfg, (f"ignoring in {path}: {'; '.join(bad)}" if bad else None)


def _already_greeted(env: Env, today: _dt.date) -> tuple[bool, Path | None]:
    path = env.folder("state") / "greeted"
    try:
        return path.read_text(encoding="utf-8").strip() == today.isoformat(), path
    except (OSError, UnicodeDecodeError, ValueError):
        return False, path  # missing, a directory, garbage: greet


def _mark_greeted(path: Path, today: _dt.date) -> None:
    """Write the state file atomically (temporary file, then rename); failure only costs a repeat."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".greeted-{os.getpid()}")
        tmp.write_text(today.isoformat() + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _open_store(env: Env, data: list[str], warnings: list[str]):
    from .corpus import Source, discover, resources
    from .errors import AlmanacError
    from .store.open import open_store

    try:
        sources = discover(env, data)
    except AlmanacError as e:
        warnings.append(str(e))
        sources = [Source(p, "bundled") for p in ([env.bundled] if env.bundled else resources.bundled_files())]
    try:
        cache = env.folder("cache")
    except Exception:  # noqa: BLE001 - no usable cache folder: read the files
        cache = None
    try:
        store = open_store(sources, cache, lenient=True)
    except Exception as e:  # noqa: BLE001 - last resort: bundled corpus only, no cache
        warnings.append(f"{type(e).__name__}: {e}")
        sources = sources[:1]
        store = open_store(sources, None, lenient=True)
    warnings.extend(store.warnings)
    reason = getattr(store, "slow_reason", None)
    if reason:
        from .files import say_once_a_day

        try:
            state = env.folder("state")
        except Exception:  # noqa: BLE001
            state = None
        if say_once_a_day(state, "slow-cache", env.today):
            warnings.append(reason)
    return store, sources


def _candidate(date, text: str, countries=None) -> Candidate:
    """An event's candidate (with its countries and date sort key), or a person's (countries None)."""
    from .text import clean

    head = date.human() if date.year is None else date.year_text()
    key = date.sort_key() if countries is not None else None
    return Candidate(head, date.year, key, frozenset(countries or ()), clean(text, one_line=True))


def candidates(store, date: _dt.date, only=None) -> Day:
    """Today's candidates from the corpus: the same day, leap-day and nearest-day rules as 'almanac today';
    with ``only`` (--country), what involves those countries."""
    from . import query

    view = query.today(store, date)
    if only is not None:
        query.filter_day(view, only)
    events, note = view.events, None
    if not events:
        stand_in = next((g for g in view.groups if g.nearest and g.events), None)
        events = list(stand_in.events) if stand_in is not None else []
        if stand_in is not None:
            note = f"Nothing recorded for today; {stand_in.heading[0].lower()}{stand_in.heading[1:]}:"
    people = []
    if note is None:  # a stand-in day shows no one
        people = [("Born", p) for p in store.born_on(date.month, date.day)]
        people += [("Died", p) for p in store.died_on(date.month, date.day)]
        if only is not None:
            people = [(k, p) for k, p in people if only.keeps(p.countries)]
    return Day([_candidate(e.date, e.title, e.countries) for e in events],
               [_candidate(p.born if k == "Born" else p.died, f"{k}: {p.name}, {p.description}", None)
                for k, p in people], note)


def lines(env: Env, store, count: int, prefer: list[str], color: bool, only=None) -> list[str]:
    today = env.today
    return greetings.lines(candidates(store, today, only), (today.year, today.month, today.day), count,
                           set(prefer), env.width, color)


def _write_table(env: Env, store, sources, count: int, color: bool, prefer: list[str], named: list[str]) -> None:
    """The greeting table for the lean path, if it is missing or stale (see ``greetings``)."""
    from . import resources

    try:
        cache, bundled = env.folder("cache"), str(resources.data_dir())
        if env.bundled is not None or bundled != greetings.bundled_dir():
            return  # a test's stand-in corpus, or a data folder the lean path would not find
        # A corpus many times the bundled one: a table of today and tomorrow only (a table of every day
        # would be large and slow to make at a login), made again on the first greeting of a day.
        few = sum(os.stat(s.path).st_size for s in sources) > greetings.MAX_SOURCE_BYTES
        path = str(cache / greetings.table_name(named, env.environ))
        made_from = greetings._record([str(s.path.resolve()) for s in sources] + [str(resources.countries_file())],
                                      str(env.folder("data")), str(env.folder("config") / "config.toml"), bundled)
        today = env.today
        if greetings.current(path, made_from, count, color, prefer) and \
                greetings.read(path, greetings.key_of(today.year, today.month, today.day), bundled) is not None:
            return  # current, and today's lines read back (a damaged day is written again)
        days = {}
        if few:
            for date in (today, today + _dt.timedelta(days=1)):
                days[greetings.key_of(date.year, date.month, date.day)] = candidates(store, date)
        for key in () if few else greetings.day_keys():
            year, month, day = (2025, 2, 28) if key == greetings.COMMON_FEB_28 else (2024, *map(int, key.split("-")))
            days[key] = candidates(store, _dt.date(year, month, day))
        greetings.write(path, days, made_from, count, color, prefer)
    except OSError:
        pass


def run(argv: list[str], env: Env | None = None, data: list[str] | tuple[str, ...] = ()) -> int:
    """Greet; return the exit code (0 unless the greeting's own flags are wrong)."""
    env = env or Env.from_os()
    try:
        opts = _parse(argv)
    except _Usage as e:
        env.stderr.write(f"almanac greet: {e}\n")
        return Exit.USAGE
    if opts["help"]:
        env.stdout.write(HELP)
        return 0
    if opts["shell"]:
        env.stdout.write(SHELLS[opts["shell"]])
        return 0
    warnings: list[str] = []
    try:
        if opts["once"]:
            done, state = _already_greeted(env, env.today)
            if done:
                return 0
        cfg, problem = read_config(env)
        if problem:
            warnings.append(problem)
        count = opts["count"] or cfg.get("count") or 3
        color = env.color and cfg.get("color", True)
        store, sources = _open_store(env, list(data) + opts["data"], warnings)
        prefer = []
        for name in cfg.get("countries", []):
            try:
                prefer += store.countries.family(store.countries.resolve(name).code)
            except Exception:  # noqa: BLE001 - an unknown country in the config is only a warning
                warnings.append(f"config: unknown country '{name}'")
        only = None
        if opts["country"]:
            from .query import resolve_countries

            try:
                only = resolve_countries(store, opts["country"])
            except Exception as e:  # noqa: BLE001 - typed by hand: say so, greet unfiltered
                warnings.append(str(e))
        out = lines(env, store, count, prefer, color, only)
        if out:
            env.stdout.write("\n".join(out) + "\n")
            env.stdout.flush()
        if opts["once"]:
            _mark_greeted(state, env.today)
        if not (warnings or opts["data"] or opts["country"]):
            _write_table(env, store, sources, cfg.get("count") or 3, cfg.get("color", True), prefer, list(data))
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the greeting must never break a login
        warnings.append(f"{type(e).__name__}: {e}")
    if warnings:
        from .text import clean

        more = f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
        try:
            env.stderr.write(fit(f"almanac: {clean(warnings[0], one_line=True)}", 300) + more + "\n")
        except Exception:  # noqa: BLE001
            pass
    return 0
