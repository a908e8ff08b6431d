"""The greeting's choice and lines, and the greeting table that lets a login skip the corpus.

``lines`` turns a day's candidates into the greeting: both paths call it, so they print the same lines.

- The full path (``greet.run``) reads the corpus through the index and makes the candidates of today.
- The lean path (``fast``, called by ``__main__`` before anything else is imported) reads them from the
  greeting table, in the manner of fortune(6)'s ``.dat`` files: one small file in the cache folder that
  holds, for each of the 366 days (and 28 February of a common year, which also shows 29 February), the
  day's events and people in the order the full path finds them, with what the lines need (the year, the
  sort key, the countries, the cleaned title).

The table is written by the full path, after a greeting, when it is missing or stale. It records what it
was made from (this version, the bundled data folder, the stat of every corpus file, of the country
table and of config.toml, the user data folder's own stat), and the settings it was made with (count,
colour, preferred countries). The lean path checks every one of them with ``os.stat`` and, on any
difference or doubt, hands over to the full path. It imports only ``os``, ``sys``, ``time`` and the
interpreter's built-in ``_random``: no ``pathlib``, ``datetime``, ``sqlite3``, ``json`` or ``re``.
"""

import os
import sys

from . import __version__
from .terminal import decide_color, frozen_day, is_leap, isatty, ordinal, terminal_size, xdg_folder

FORMAT = "almanac greeting table 1"
NAME = "greetings.txt"  # for the bundled corpus and the data folder; named files get a table of their own


def table_name(named: list[str], environ) -> str:
    """The table's file name for these named corpus files (ALMANAC_DATA's, then --data's): one table per
    set, as there is one index per set, so '--data x' never replaces the everyday table."""
    paths = [p for p in environ.get("ALMANAC_DATA", "").split(os.pathsep) if p.strip()] + list(named)
    if not paths:
        return NAME
    import zlib  # built in, and cheaper than hashlib

    resolved = list(dict.fromkeys(os.path.realpath(os.path.expanduser(p)) for p in paths))
    key = "\0".join(resolved).encode("utf-8", "surrogateescape")
    return f"greetings-{zlib.crc32(key):08x}{zlib.adler32(key):08x}.txt"
COMMON_FEB_28 = "02-28c"
# Corpus files larger than this in all (the bundled corpus is about 4 MB) get a table of today and
# tomorrow only, made again on the first greeting of each day: a table of every day grows with the
# corpus (about 150 bytes an event; 150 MB at a million events) and making it reads every day once.
MAX_SOURCE_BYTES = 24 << 20


def shuffle(items: list, seed: int) -> None:
    """``random.Random(seed).shuffle(items)``, step for step, on the generator's C core: the module
    ``random`` costs a login five more imports (a test holds the two to the same order)."""
    import _random  # built into the interpreter

    bits = _random.Random(seed).getrandbits
    for i in reversed(range(1, len(items))):
        n = i + 1
        k = n.bit_length()
        j = bits(k)
        while j >= n:  # random's _randbelow: draw k bits until the number is below n
            j = bits(k)
        items[i], items[j] = items[j], items[i]


class Candidate:
    """One possible line: an event of the day, or a person born or died on it."""

    __slots__ = ("head", "year", "key", "countries", "text")

    def __init__(self, head: str, year: int | None, key: tuple[int, int, int] | None, countries: frozenset,
                 text: str):
        self.head = head  # '1989', '44 BC'; the day itself ('15 May') when the year is unknown
        self.year = year
        self.key = key  # the event's date sort key (None for a person)
        self.countries = countries
        self.text = text  # cleaned, one line

    def __eq__(self, other) -> bool:
        return isinstance(other, Candidate) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    def __repr__(self) -> str:
        return f"Candidate({self.head!r}, {self.text!r})"


class Day:
    """A day's candidates: its events in the corpus's order, its people (born, then died), and the note
    that says a stand-in day is shown when the day itself has no event."""

    __slots__ = ("events", "people", "note")

    def __init__(self, events: list[Candidate], people: list[Candidate], note: str | None):
        self.events, self.people, self.note = events, people, note


def since(year: int | None, today_year: int) -> str:
    """``dates.ago``: '37 years ago', 'a year ago', 'this year', 'in 3 years', 'year unknown'."""
    if year is None:
        return "year unknown"
    n = today_year - year - (1 if year < 0 < today_year else 0)  # there is no year 0
    if n == 0:
        return "this year"
    if n < 0:
        return f"in {-n} year{'s' if n != -1 else ''}"
    return "a year ago" if n == 1 else f"{n:,} years ago"


def lines(day: Day, today: tuple[int, int, int], count: int, prefer: set, width: int, color: bool) -> list[str]:
    """The greeting: up to ``count`` events, varied from day to day and stable within a day, preferred
    countries first, titles that fit the line before those that must be cut; then people, on a day with
    fewer events than lines."""
    from .cells import fit  # here, not at the top: ``greet --once`` on a greeted day never needs it

    day_number = ordinal(*today)

    def head(c: Candidate) -> str:
        return f"{c.head} · {since(c.year, today[0])} · "

    events = list(day.events)
    shuffle(events, day_number)
    # Stable sorts: the shuffle order is kept within each rank.
    events.sort(key=lambda c: (0 if prefer & c.countries else 1, 0 if len(head(c)) + len(c.text) <= width else 1))
    chosen = sorted(events[:count], key=lambda c: c.key)
    if len(chosen) < count and not day.note:
        people = list(day.people)
        shuffle(people, day_number + 1)
        chosen += people[: count - len(chosen)]
    out = [fit(day.note, width)] if day.note else []
    for c in chosen:
        start = head(c)
        title = fit(c.text, max(1, width - len(start)))
        if color:
            out.append(f"\x1b[1;36m{c.head}\x1b[0m \x1b[2m· {since(c.year, today[0])} ·\x1b[0m {title}")
        else:
            out.append(fit(start + title, width))
    return out


# --- the table: written by the full path ---------------------------------------------------------------

def day_keys() -> list[str]:
    keys = [f"{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, (31, 29, 31, 30, 31, 30, 31, 31, 30,
                                                                           31, 30, 31)[m - 1] + 1)]
    return keys + [COMMON_FEB_28]


def key_of(year: int, month: int, day: int) -> str:
    return COMMON_FEB_28 if (month, day) == (2, 28) and not is_leap(year) else f"{month:02d}-{day:02d}"


def _stat(path: str) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "absent"
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_dev}"


def _record(files: list[str], user_dir: str, config: str, bundled: str) -> list[str]:
    """What the table was made from, one line each: what ``fast`` checks before it trusts the table."""
    out = [f"version\t{__version__}", f"bundled\t{bundled}", f"dir\t{user_dir}\t{_stat(user_dir)}",
           f"file\t{config}\t{_stat(config)}"]
    return out + [f"file\t{p}\t{_stat(p)}" for p in files]


def _one(value: str) -> str:
    """A field of a line: what ``clean(one_line=True)`` leaves has no tab or newline; be sure of it."""
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def encode_day(day: Day) -> str:
    out = [] if day.note is None else [f"n\t{_one(day.note)}"]
    for kind, items in (("e", day.events), ("p", day.people)):
        for c in items:
            key = "" if c.key is None else " ".join(map(str, c.key))
            out.append("\t".join((kind, _one(c.head), "" if c.year is None else str(c.year), key,
                                  " ".join(sorted(c.countries)), _one(c.text))))
    return "".join(line + "\n" for line in out)


def decode_day(text: str) -> Day:
    """A day's lines as ``encode_day`` wrote them; ValueError for anything else. The table holds text that
    was cleaned before it was written: a control character in it means the file is not ours to trust."""
    events, people, note = [], [], None
    for line in text.split("\n"):
        if not line:
            continue
        if not line.replace("\t", " ").isprintable():
            raise ValueError("a control character in the greeting table")
        kind, _, rest = line.partition("\t")
        if kind == "n":
            note = rest
            continue
        head, year, key, countries, title = rest.split("\t", 4)
        c = Candidate(head, int(year) if year else None, tuple(int(x) for x in key.split()) if key else None,
                      frozenset(countries.split()), title)
        (events if kind == "e" else people).append(c)
    return Day(events, people, note)


def _settings(count: int, color: bool, prefer) -> list[str]:
    return [f"count\t{count}", f"color\t{int(color)}", "prefer\t" + " ".join(sorted(set(prefer)))]


def current(path: str, made_from: list[str], count: int, color: bool, prefer) -> bool:
    """Whether the table at ``path`` was made from exactly this and with these settings."""
    try:
        with open(path, "rb") as f:
            name, _, size = f.readline().decode("utf-8").rstrip("\n").partition("\t")
            if name != FORMAT or not size.isdigit():
                return False
            header = f.read(int(size)).decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return False
    expected = made_from + _settings(count, color, prefer)
    return header[: len(expected)] == expected


def write(path: str, days: dict[str, Day], made_from: list[str], count: int, color: bool,
          prefer: list[str]) -> None:
    """Write the table of ``days`` (every day, or some) atomically (a temporary file, then a rename); a
    failure only costs the lean path. A day the table does not hold is read as a stale table."""
    body, index, at = [], [], 0
    for key in (k for k in day_keys() if k in days):
        data = encode_day(days[key]).encode("utf-8")
        index.append(f"day\t{key}\t{at}\t{len(data)}")
        body.append(data)
        at += len(data)
    header = "\n".join([*made_from, *_settings(count, color, prefer), *index]).encode("utf-8") + b"\n"
    first = f"{FORMAT}\t{len(header)}\n".encode()
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(first + header + b"".join(body))
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


# --- the lean path -------------------------------------------------------------------------------------

def bundled_dir() -> str:
    """``resources.data_dir()`` without pathlib: the wheel's almanac/data, or a checkout's data/."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "data")
    if os.path.isfile(os.path.join(packaged, "events.toml")):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data")


def _lean_args(argv: list[str]) -> tuple[int | None, bool] | None:
    """(count, once) if the greeting's flags are only --once and --count; None for anything else."""
    count, once, args = None, False, list(argv)
    while args:
        a = args.pop(0)
        if a == "--once":
            once = True
            continue
        if a in ("-n", "--count"):
            value = args.pop(0) if args else ""
        elif a.startswith("--count="):
            value = a[8:]
        elif a.startswith("-n") and not a.startswith("--"):
            value = a[2:]
        else:
            return None
        if not (value.isdigit() and value.isascii() and 1 <= int(value) <= 10):
            return None  # the full path says what is wrong
        count = int(value)
    return count, once


def read(path: str, key: str, bundled: str) -> tuple[Day, int, bool, set] | None:
    """Today's candidates and the settings, if the table is current for what is on disk now; else None."""
    try:
        with open(path, "rb") as f:
            first = f.readline().decode("utf-8")
            name, _, size = first.rstrip("\n").partition("\t")
            if name != FORMAT or not size.isdigit():
                return None
            header = f.read(int(size)).decode("utf-8")
            start = f.tell()
            settings, where = {}, None
            for line in header.split("\n"):
                kind, _, rest = line.partition("\t")
                if kind == "file" or kind == "dir":
                    p, _, st = rest.rpartition("\t")
                    if _stat(p) != st:
                        return None
                elif kind == "day":
                    k, at, length = rest.split("\t")
                    if k == key:
                        where = (int(at), int(length))
                elif kind:
                    settings[kind] = rest
            if settings.get("version") != __version__ or settings.get("bundled") != bundled or where is None:
                return None
            f.seek(start + where[0])
            day = decode_day(f.read(where[1]).decode("utf-8"))
        return day, int(settings["count"]), settings["color"] == "1", set(settings["prefer"].split())
    except (OSError, ValueError, KeyError, UnicodeDecodeError, IndexError):
        return None


def _mark_greeted(state: str, today: str) -> None:
    """The state file ``greet --once`` reads, written atomically; failure only costs a repeat."""
    path = os.path.join(state, "greeted")
    tmp = os.path.join(state, f".greeted-{os.getpid()}")
    try:
        os.makedirs(state, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(today + "\n")
        os.replace(tmp, path)
    except OSError:
        pass


def today_of(environ) -> tuple[int, int, int] | None:
    """Today as the greeting sees it: ALMANAC_TODAY in its ISO form, or the local date; None for a frozen
    date in any other form (the full path reads those)."""
    if "ALMANAC_TODAY" in environ and environ["ALMANAC_TODAY"]:
        return frozen_day(environ)
    import time  # built in; datetime would cost more than the whole lean greeting

    now = time.localtime()
    return now.tm_year, now.tm_mon, now.tm_mday


def iso(today: tuple[int, int, int]) -> str:
    year, month, day = today
    return f"{year:04d}-{month:02d}-{day:02d}"


def greeted(state: str, today: tuple[int, int, int]) -> bool:
    """Whether ``greet --once`` has greeted today already (the state file holds the day's ISO date)."""
    try:
        with open(os.path.join(state, "greeted"), encoding="utf-8") as f:
            return f.read(64).strip() == iso(today)
    except (OSError, UnicodeDecodeError):
        return False


def fast(argv: list[str], environ=None, stdout=None, data: list[str] | tuple[str, ...] = ()) -> int | None:
    """Greet from the table and return 0; None when the full path must answer (no table, a stale one,
    --country, another system, an option the lean path does not take). ``data``: the files named by the
    global --data option."""
    environ = os.environ if environ is None else environ
    stdout = sys.stdout if stdout is None else stdout
    parsed = _lean_args(argv)
    if parsed is None:
        return None
    cache, state = xdg_folder("cache", environ), xdg_folder("state", environ)
    if cache is None or state is None:
        return None
    today = today_of(environ)
    if today is None:
        return None
    count, once = parsed
    if once and greeted(state, today):
        return 0
    found = read(os.path.join(cache, table_name(list(data), environ)), key_of(*today), bundled_dir())
    if found is None:
        return None
    day, table_count, color, prefer = found
    width = max(20, terminal_size(environ).columns)
    color = color and decide_color(environ, isatty(stdout))
    out = lines(day, today, count or table_count, prefer, width, color)
    if out:
        stdout.write("\n".join(out) + "\n")
        stdout.flush()
    if once:
        _mark_greeted(state, iso(today))
    return 0
