"""Cross-checking imported lines against the corpus: the lines our corpus dates differently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

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
# A corpus event a year away from the line must match it more closely than one of the same year.
YEAR_OFF_THRESHOLD = 80


@dataclass(frozen=True)
class Mismatch:
    """An imported line whose event our corpus dates differently."""

    line: int
    imported: dict
    corpus: Event
    kind: str = "bsd"  # the file's kind, named in the report
    file: str | None = None  # the included file the line is in (None: the file named)

    def __str__(self) -> str:
        said = HDate.parse(self.imported["date"]).human()
        source = self.corpus.sources[0] if self.corpus.sources else self.corpus.origin or "no source"
        from ..text import clean

        who = "the pal file" if self.kind == "pal" else "the calendar file"
        where = f"{self.file}: line {self.line}" if self.file else f"line {self.line}"
        return clean(f"{where}: {who} says {said} for \"{self.imported['title']}\", our corpus has "
                     f"{self.corpus.date.human()} for \"{self.corpus.title}\" (id {self.corpus.id}; source: {source})",
                     one_line=True)


def distinctive(text: str) -> list[str]:
    """The words of ``text`` that can tell one event from another (no stop words, no numbers)."""
    return list(_distinctive(text))


@lru_cache(maxsize=65536)
def _distinctive(text: str) -> tuple[str, ...]:
    return tuple(w for w in ascii_words(text) if w not in STOP_WORDS and not w.isdigit())


@lru_cache(maxsize=65536)
def _title_words(title: str, people: tuple[str, ...]) -> tuple[str, ...]:
    """A corpus event's distinctive title words and its people's names: what a line is held against."""
    return _distinctive(title) + tuple(w for p in people for w in ascii_words(p))


def _theirs(corpus_event: Event) -> tuple[str, ...]:
    return _title_words(corpus_event.title, tuple(corpus_event.people))


def similarity(imported: dict, corpus_event: Event) -> float:
    """How surely an imported event and a corpus event tell of the same thing, 0-100.

    The calendar's text against the corpus title (summaries mention too much else to compare with),
    on distinctive words only. Countries veto: when the calendar names countries, the corpus event
    must have them all, which keeps 'Federal Republic of Germany founded' off the GDR's founding.
    """
    from rapidfuzz import fuzz  # lazy: only the cross-check needs it

    if imported["countries"] and not set(imported["countries"]) <= set(corpus_event.countries):
        return 0.0
    ours = " ".join(_distinctive(imported["summary"]))
    theirs = " ".join(_distinctive(corpus_event.title))
    return fuzz.token_set_ratio(ours, theirs) if ours and theirs else 0.0


def _same_word(a: str, b: str) -> bool:
    """'sign' and 'signed', 'plot' and 'plotters': one word, whatever its ending."""
    return a[:5] == b[:5] or (len(a) >= 4 and b.startswith(a)) or (len(b) >= 4 and a.startswith(b))


def _shared(imported: dict, corpus_event: Event) -> int:
    """Distinctive words the line and the event's title (or people) have in common."""
    theirs = _theirs(corpus_event)
    return sum(any(_same_word(w, t) for t in theirs) for w in set(_distinctive(imported["summary"])))


def coverage(imported: dict, corpus_event: Event) -> float:
    """How much of the calendar line the corpus event's title accounts for, 0-1.

    token_set_ratio forgives words the line has and the title lacks; this does not: 'First
    transatlantic telephone call' shares only half its words with Lindbergh's transatlantic flight,
    'Death of President Boganda' is not the republic he proclaimed.
    """
    ours = _distinctive(imported["summary"])
    theirs = _theirs(corpus_event)
    if not ours:
        return 0.0
    return sum(any(_same_word(w, t) for t in theirs) for w in ours) / len(ours)


def _close(imported: dict, corpus_event: Event, score: float, same_year: bool) -> bool:
    if same_year:
        return score >= MATCH_THRESHOLD and coverage(imported, corpus_event) > 0.5
    return score >= YEAR_OFF_THRESHOLD and coverage(imported, corpus_event) >= 0.75


def _agrees(day: HDate, date) -> bool:
    """Whether a corpus date (any precision) is consistent with an imported day, in either calendar:
    a calendar line may give the Old Style day of an event our corpus dates in the Gregorian calendar."""
    if date.year == day.year and date.month in (None, day.month) and date.day in (None, day.day):
        return True
    return date.day is not None and _old_style_of(date) == (day.year, day.month, day.day)


def _old_style_of(date) -> tuple[int, int, int] | None:
    """The Julian calendar's day for a Gregorian date between 1582 and 1923 (when countries switched)."""
    from ..dates import gregorian_to_jdn, jdn_to_julian

    if not 1582 <= date.year <= 1923:
        return None
    return jdn_to_julian(gregorian_to_jdn(date.year, date.month, date.day))


def crosscheck(result: ImportResult, corpus_events: Iterable[Event]) -> list[Mismatch]:
    """Imported events our corpus knows under another date (same year or one off), one per line.

    Lines with no year are not checked: a year is what keeps a match honest. When a fair match
    agrees with the calendar's date (or with its Old Style day), the line is taken as right.
    """
    by_year: dict[int, list[Event]] = {}
    for e in corpus_events:
        by_year.setdefault(e.date.year, []).append(e)
    out: list[Mismatch] = []
    files = result.files_of or [None] * len(result.events)
    for event, line, file in zip(result.events, result.lines, files):
        if event["date"].startswith("--"):
            continue
        day = HDate.parse(event["date"])
        year = day.year
        candidates = [c for y in (year - 1, year, year + 1) for c in by_year.get(y, ())]
        scored = [(similarity(event, c), c) for c in candidates]
        if any(_agrees(day, c.date) and (s >= AGREE_THRESHOLD or _shared(event, c) >= 2)
               for s, c in scored):
            continue
        # Same year: the title must account for more than half the line; a year off, a closer match
        # that accounts for three quarters of it ('Hitler becomes the Fuehrer, 1934' is not 1933's
        # appointment as chancellor).
        good = [(s, c) for s, c in scored if _close(event, c, s, c.date.year == year)]
        if not good:
            continue
        _, best = max(good, key=lambda sc: (sc[0], -abs(sc[1].date.year - year)))
        out.append(Mismatch(line, event, best, result.kind, file))
    return sorted(out, key=lambda m: (m.file or "", m.line))
