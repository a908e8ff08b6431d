"""Quick checker for corpus part files written by contributors (before merging into data/events.toml).

Usage: python3 scripts/check_part.py data/parts/05-06.toml [...]
Prints every problem and a per-day coverage summary; exits 1 on problems.
"""
import calendar, re, sys, tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODES = {c["code"] for c in tomllib.loads((ROOT / "data/countries.toml").read_text())["country"]}
DATE = re.compile(r"^(-?\d{1,5})(?:-(\d\d)(?:-(\d\d))?)?$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "date", "end", "title", "summary", "countries", "people", "tags", "sources", "fun_fact", "reading", "sections"}


def bad_date(s):
    m = DATE.match(s) if isinstance(s, str) else None
    if not m:
        return "not YYYY, YYYY-MM or YYYY-MM-DD"
    y, mo, d = m.group(1), m.group(2), m.group(3)
    y = int(y)
    if y == 0:
        return "there is no year 0 (1 BC is -0001)"
    if mo and not 1 <= int(mo) <= 12:
        return "month out of range"
    if d:
        leap = calendar.isleap(y if y > 0 else y + 1)
        mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][int(mo) - 1]
        if not 1 <= int(d) <= mdays:
            return "day out of range"
    return None


def main(paths):
    problems, ids, days, n, full = [], Counter(), Counter(), 0, 0
    for p in paths:
        try:
            events = tomllib.loads(Path(p).read_text())["event"]
        except Exception as e:  # report and go on
            problems.append(f"{p}: {e}")
            continue
        for ev in events:
            n += 1
            eid = ev.get("id", "?")
            ids[eid] += 1
            where = f"{p}: {eid}"
            for k in set(ev) - KEYS:
                problems.append(f"{where}: unknown field {k!r}")
            if not ID.match(str(eid)):
                problems.append(f"{where}: id must be a lowercase slug")
            for k in ("date", "end"):
                if k in ev and (why := bad_date(ev[k])):
                    problems.append(f"{where}: {k} {ev[k]!r}: {why}")
            for k in ("title", "summary"):
                if not isinstance(ev.get(k), str) or not ev[k].strip():
                    problems.append(f"{where}: missing {k}")
            if "\n" in ev.get("title", ""):
                problems.append(f"{where}: title must be one line")
            if not ev.get("countries"):
                problems.append(f"{where}: no countries")
            for c in ev.get("countries", []):
                if c not in CODES:
                    problems.append(f"{where}: unknown country {c!r}")
            if not ev.get("sources"):
                problems.append(f"{where}: no sources")
            if ev.get("sections"):
                full += 1
                if not ev.get("fun_fact") or not ev.get("reading"):
                    problems.append(f"{where}: a full card needs sections, fun_fact and reading")
            m = DATE.match(ev.get("date", ""))
            if m and m.group(3):
                days[(int(m.group(2)), int(m.group(3)))] += 1
    for eid, k in ids.items():
        if k > 1:
            problems.append(f"duplicate id {eid!r} ({k} times)")
    for line in problems:
        print(line)
    print(f"{n} events, {full} full cards, {len(days)} distinct days; days with 1 event: "
          f"{sorted(f'{m:02d}-{d:02d}' for (m, d), k in days.items() if k == 1)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
