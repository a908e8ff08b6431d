"""Merge corpus parts into the bundled corpus: new events, new people, and source fixes.

    python scripts/merge_parts.py PART.toml... [--sources FIX.json...] [--dry-run]

Part files hold ``[[event]]`` or ``[[person]]`` blocks written (and reviewed) apart from the corpus. Each
block is kept as written and inserted in date order (events by date, people by birth) into
``data/events.toml`` or ``data/people.toml``; blocks already there keep their order, so ids and diffs stay
stable. A fix file maps event or person ids to their new complete ``sources`` list. An id that is already
taken, a fix for an id that does not exist, or a block that does not parse stops the merge before anything
is written. Run ``almanac check --strict`` afterwards.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from almanac.dates import HDate  # noqa: E402  (the checkout's own package, not an installed one)

TARGETS = {"event": ROOT / "data" / "events.toml", "person": ROOT / "data" / "people.toml"}
DATE_KEY = {"event": "date", "person": "born"}


def split(text: str, kind: str) -> tuple[str, list[str]]:
    """The file's head (comments) and its blocks, each ending with exactly one blank line."""
    parts = re.split(rf"(?m)^(?=\[\[{kind}\]\][ \t]*$)", text)
    head, blocks = parts[0], parts[1:]
    return head, [b.rstrip("\n") + "\n\n" for b in blocks]


def parsed(block: str, kind: str, where: str) -> dict:
    try:
        return tomli.loads(block)[kind][0]
    except (tomli.TOMLDecodeError, KeyError, IndexError) as e:
        raise SystemExit(f"{where}: a block does not parse: {e}\n{block[:200]}") from None


def sort_key(raw: dict, kind: str):
    return HDate.parse(raw[DATE_KEY[kind]]).sort_key()


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def apply_fix(block: str, sources: list[str]) -> str:
    line = f"sources = {toml_list(sources)}"
    if re.search(r"(?m)^sources = .*$", block):
        return re.sub(r"(?m)^sources = .*$", lambda _: line, block, count=1)
    return block.rstrip("\n") + "\n" + line + "\n\n"


def merge(kind: str, parts: list[Path], fixes: dict[str, list[str]], dry: bool) -> tuple[int, set[str]]:
    target = TARGETS[kind]
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    head, blocks = split(text, kind)
    rows = [(parsed(b, kind, str(target)), b) for b in blocks]
    ids = {r["id"] for r, _ in rows}
    fixed = set()
    out = []
    for raw, block in rows:
        if raw["id"] in fixes:
            block = apply_fix(block, fixes[raw["id"]])
            fixed.add(raw["id"])
        out.append((sort_key(raw, kind), 0, len(out), block))
    added = 0
    for part in parts:
        _, new = split(part.read_text(encoding="utf-8"), kind)
        for block in new:
            raw = parsed(block, kind, str(part))
            if raw["id"] in ids:
                raise SystemExit(f"{part}: id '{raw['id']}' is already in the corpus or another part")
            ids.add(raw["id"])
            out.append((sort_key(raw, kind), 1, len(out), block))
            added += 1
    out.sort(key=lambda t: t[:3])
    result = head.rstrip("\n") + "\n\n" + "".join(b for *_, b in out).rstrip("\n") + "\n"
    tomli.loads(result)  # the whole file still parses
    if not dry:
        target.write_text(result, encoding="utf-8")
    return added, fixed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("parts", nargs="*", type=Path)
    ap.add_argument("--sources", nargs="*", type=Path, default=[], help="JSON files: id -> new sources list")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    fixes: dict[str, list[str]] = {}
    for f in args.sources:
        for key, value in json.loads(f.read_text(encoding="utf-8")).items():
            if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
                raise SystemExit(f"{f}: '{key}' must map to a non-empty list of strings")
            fixes[key] = value
    by_kind = {"event": [], "person": []}
    for p in args.parts:
        by_kind["person" if re.search(r"(?m)^\[\[person\]\]", p.read_text(encoding="utf-8")) else "event"].append(p)
    done: set[str] = set()
    for kind in ("event", "person"):
        added, fixed = merge(kind, by_kind[kind], fixes, args.dry_run)
        done |= fixed
        print(f"{TARGETS[kind].name}: {added} {kind} blocks added, {len(fixed)} source lists replaced")
    unknown = sorted(set(fixes) - done)
    if unknown:
        print(f"warning: {len(unknown)} fixes name no entry: {', '.join(unknown[:10])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
