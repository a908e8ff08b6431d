"""``almanac stats`` as text."""

from __future__ import annotations


def text(s: dict) -> str:
    lines = [
        f"Events:            {s['events']:,}",
        f"Days covered:      {s['days_covered']} of {s['days_in_year']}"
        + (f" (missing: {', '.join(s['days_missing'][:10])}{'...' if len(s['days_missing']) > 10 else ''})"
           if s["days_missing"] else ""),
        f"Days with 3+:      {s['days_with_three_or_more']}",
        "Events per day:    " + ", ".join(f"{k} {v}" for k, v in s["events_per_day"].items()),
        f"People:            {s['people']:,} ({s['living']:,} living); births or deaths on "
        f"{s['days_with_births_or_deaths']} of {s['days_in_year']} days",
        f"Full cards:        {s['full_cards']}",
        f"Without a source:  {len(s['without_source'])}",
        "Precision:         " + ", ".join(f"{k} {v}" for k, v in sorted(s["precision"].items())),
        "",
        "Per century:",
    ]
    lines += [f"  {k:<18} {v}" for k, v in s["centuries"].items()]
    lines += ["", "Top countries:"]
    lines += [f"  {c['code']:<3} {c['name']:<30} {c['events']}" for c in s["top_countries"]]
    lines += ["", "Top pairs:"]
    lines += [f"  {' – '.join(p['names']):<45} {p['events']}" for p in s["top_pairs"]]
    return "\n".join(lines) + "\n"
