"""Cross-checking imported lines against the corpus: the lines our corpus dates differently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..dates import HDate
from ..model import Event
from .convert import ImportResult
from .countries import ascii_words

# Words that say nothing about which event a line means. 'begins' and 'ends' stay: they tell the
# start of a battle from its end.
STOP_WORDS = frozenset("""
a an the of in on at to for from by with and or but as is are was were be been being it its his her
their they he she this that these those into over after before during under about than then who which
s st becomes become became
""".split())
# Tuned on 83 lines of calendar.history against data/events.toml: the two famous wrong dates score
# 71-72 on titles, true mismatches (Gang of Four, first Soviet bomb, Nagasaki) 80-100, while unrelated
# events of the same year sharing a name or two mostly stay under 70.
MATCH_THRESHOLD = 70  # rapidfuzz token_set_ratio of the distinctive words of the two titles, 0-100
# To clear a line takes less than to accuse it: a same-day corpus event this close means the calendar
# is right ('Germany invades Low Countries' against '... the Netherlands, Belgium and Luxembourg': 68).
AGREE_THRESHOLD = 60


@dataclass(frozen=True)
class Mismatch:
    """An imported line whose event our corpus dates differently."""

    line: int
    imported: dict
    corpus: Event

    def __str__(self) -> str:
        said = HDate.parse(self.imported["date"]).human()
        source = self.corpus.sources[0] if self.corpus.sources else self.corpus.origin or "no source"
        from ..text import clean

        return clean(f"line {self.line}: calendar says {said}, our corpus has {self.corpus.date.human()} for "
                     f"\"{self.corpus.title}\" (id {self.corpus.id}; source: {source})", one_line=True)


def distinctive(text: str) -> list[str]:
    """The words of ``text`` that can tell one event from another (no stop words, no numbers)."""
    return [w for w in ascii_words(text) if w not in STOP_WORDS and not w.isdigit()]


def similarity(imported: dict, corpus_event: Event) -> float:
    """How surely an imported event and a corpus event tell of the same thing, 0-100.

    The calendar's text against the corpus title (summaries mention too much else to compare with),
    on distinctive words only. Countries veto: when the calendar names countries, the corpus event
    must have them all, which keeps 'Federal Republic of Germany founded' off the GDR's founding.
    """
    from rapidfuzz import fuzz  # lazy: only the cross-check needs it

    if imported["countries"] and not set(imported["countries"]) <= set(corpus_event.countries):
        return 0.0
    ours = " ".join(distinctive(imported["summary"]))
    theirs = " ".join(distinctive(corpus_event.title))
    return fuzz.token_set_ratio(ours, theirs) if ours and theirs else 0.0


def _agrees(iso: str, date) -> bool:
    """Whether a corpus date (any precision) is consistent with an imported day."""
    day = HDate.parse(iso)
    return date.year == day.year and date.month in (None, day.month) and date.day in (None, day.day)


def crosscheck(result: ImportResult, corpus_events: Iterable[Event]) -> list[Mismatch]:
    """Imported events our corpus knows under another date (same year or one off), one per line.

    Lines with no year are not checked: a year is what keeps a match honest. When a fair match
    agrees with the calendar's date, the line is taken as right.
    """
    by_year: dict[int, list[Event]] = {}
    for e in corpus_events:
        by_year.setdefault(e.date.year, []).append(e)
    out: list[Mismatch] = []
    for event, line in zip(result.events, result.lines):
        if event["date"].startswith("--"):
            continue
        year = HDate.parse(event["date"]).year
        candidates = [c for y in (year - 1, year, year + 1) for c in by_year.get(y, ())]
        scored = [(similarity(event, c), c) for c in candidates]
        if any(s >= AGREE_THRESHOLD and _agrees(event["date"], c.date) for s, c in scored):
            continue
        good = [(s, c) for s, c in scored if s >= MATCH_THRESHOLD]
        if not good:
            continue
        _, best = max(good, key=lambda sc: (sc[0], -abs(sc[1].date.year - year)))
        out.append(Mismatch(line, event, best))
    return sorted(out, key=lambda m: m.line)
