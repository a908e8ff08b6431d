"""Plain tables for ``almanac countries``."""

from __future__ import annotations

from ..dates import HDate
from ..text import clean, plural


def _year(y: int | None) -> str:
    return "" if y is None else HDate(y).year_text()


def countries_text(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        years = ""
        if r["start"] is not None or r["end"] is not None:
            years = f" ({_year(r['start'])}–{_year(r['end'])})"
        line = f"{r['code']:<3} {clean(r['name'], one_line=True)}{years}  ({plural(r['events'], 'event')})"
        extra = []
        if r["predecessors"]:
            extra.append("after " + ", ".join(r["predecessors"]))
        if r["successors"]:
            extra.append("before " + ", ".join(r["successors"]))
        aliases = list(dict.fromkeys(a for a in r["aliases"] if a.lower() != r["name"].lower()))
        seen: set[str] = set()
        aliases = [a for a in aliases if not (a.lower() in seen or seen.add(a.lower()))]
        if aliases:
            # Names can hold commas ('Korea, Republic of'): semicolons tell one name from the next.
            extra.append("also: " + "; ".join(clean(a, one_line=True) for a in aliases))
        lines.append(line + ("\n    " + "; ".join(extra) if extra else ""))
    return "\n".join(lines) + "\n"


def pairs_text(rows: list[dict]) -> str:
    return "".join(f"{r['events']:>5}  {r['pair'][0]}–{r['pair'][1]}  {r['names'][0]} and {r['names'][1]}\n"
                   for r in rows)
