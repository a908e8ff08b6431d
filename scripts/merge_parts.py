"""Merge contributors' part files (data/parts/*.toml) into data/events.toml, sorted by date.

Keeps each event block's text as written (no reformatting), so diffs review well.
Usage: python3 scripts/merge_parts.py [--check-only]
"""
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """# almanac's bundled corpus: one [[event]] block per event, sorted by date.
# Format: see README.md ("The corpus format"). Each event names in `sources` the references its date was
# checked against; a second reader then checked every event again (docs/reviews/ says how, event by event).
# Russian dates before 1918 are Gregorian, with the Julian (Old Style) date in the summary.
# `almanac check --strict` must pass after every edit.
"""


def blocks(text: str) -> list[str]:
    parts = re.split(r"(?m)^(?=\[\[event\]\]\s*$)", text)
    return [p.strip() + "\n" for p in parts if p.strip().startswith("[[event]]")]


def key(block: str):
    ev = tomllib.loads(block)["event"][0]
    m = re.match(r"^(-?)(\d+)(?:-(\d\d))?(?:-(\d\d))?", ev["date"])
    y = int(m.group(2)) * (-1 if m.group(1) else 1)
    return (y, int(m.group(3) or 0), int(m.group(4) or 0), ev["id"])


# The same event written by two writers: (file, id) dropped -> (file, id) kept. The kept block takes the
# union of both blocks' countries and sources, and the seed fact sheets are pointed at the kept id.
MERGE = {
    ("pairs-asia.toml", "nixon-visits-china-1972"): ("01-02.toml", "nixon-arrives-in-china-1972"),
    ("01-02.toml", "sino-vietnamese-war-1979"): ("pairs-asia.toml", "sino-vietnamese-war-1979"),
    ("pairs-asia.toml", "founding-of-the-peoples-republic-of-china-1949"):
        ("09-10.toml", "peoples-republic-of-china-proclaimed-1949"),
    ("09-10.toml", "sputnik-1-launched-1957"): ("pairs-west.toml", "sputnik-launch-1957"),
    ("09-10.toml", "mukden-incident-1931"): ("pairs-asia.toml", "mukden-incident-1931"),
    ("pairs-asia.toml", "kal-007-shot-down-1983"): ("pairs-west.toml", "kal-007-shot-down-1983"),
    ("pairs-west.toml", "treaty-of-portsmouth-1905"): ("pairs-asia.toml", "treaty-of-portsmouth-1905"),
    ("pairs-asia.toml", "soviet-invasion-of-afghanistan-1979"): ("11-12.toml", "soviet-invasion-of-afghanistan-1979"),
}


def _union_line(block: str, key: str, extra: list[str]) -> str:
    ev = tomllib.loads(block)["event"][0]
    merged = list(dict.fromkeys(ev.get(key, []) + extra))
    line = f"{key} = [" + ", ".join(json.dumps(v, ensure_ascii=False) for v in merged) + "]"
    return re.sub(rf"(?m)^{key} = \[.*\]$", lambda _: line, block, count=1)


def main():
    files = sorted((ROOT / "data/parts").glob("*.toml"))
    tagged = []
    for f in files:
        tagged += [(f.name, b) for b in blocks(f.read_text())]
    ident = lambda fb: (fb[0], tomllib.loads(fb[1])["event"][0]["id"])  # noqa: E731
    dropped = {ident(fb): fb[1] for fb in tagged if ident(fb) in MERGE}
    out = []
    for fb in tagged:
        this = ident(fb)
        if this in MERGE:
            continue
        block = fb[1]
        for drop, keep in MERGE.items():
            if keep == this and drop in dropped:
                other = tomllib.loads(dropped[drop])["event"][0]
                block = _union_line(block, "countries", other["countries"])
                block = _union_line(block, "sources", other["sources"])
        out.append(block)
    for sheet in (ROOT / "seeds").glob("*.md"):
        text = sheet.read_text()
        for (_, old), (_, new) in MERGE.items():
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        sheet.write_text(text)
    seen, unique = {}, []
    for b in out:
        eid = tomllib.loads(b)["event"][0]["id"]
        if eid in seen:
            print(f"duplicate id {eid}: kept the first", file=sys.stderr)
            continue
        seen[eid] = b
        unique.append(b)
    out = sorted(unique, key=key)
    text = HEADER + "\n" + "\n".join(out)
    tomllib.loads(text)
    (ROOT / "data/events.toml").write_text(text)
    print(f"{len(out)} events from {len(files)} files")


if __name__ == "__main__":
    main()
