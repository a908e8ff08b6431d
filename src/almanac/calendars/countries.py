"""Countries named in a calendar line's free text, as the states of the line's year."""

from __future__ import annotations

import re
import unicodedata

from ..countries import CountryTable


def ascii_words(text: str) -> list[str]:
    """Lowercase ASCII words, possessives and apostrophes dropped: "People's" -> 'peoples'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", folded))


def _is_code_like(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5


class CountryFinder:
    """Country codes named in free text, through the country table's names and aliases.

    Names and ordinary aliases match whole words, ignoring case ('Chinese', 'Soviet'); code-like
    aliases ('USSR', 'U.S.', 'AND') match only in capitals, so the word 'and' is not Andorra. Longer
    names win: 'People's Republic of China' is China, not a 'Republic of China' inside it.
    """

    def __init__(self, table: CountryTable):
        self.table = table
        phrases: dict[tuple[str, ...], str] = {}
        self._codes_like: list[tuple[re.Pattern, str]] = []
        for c in table:
            for name in (c.name, *c.aliases):
                if _is_code_like(name):
                    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
                    self._codes_like.append((pattern, c.code))
                elif words := tuple(ascii_words(name)):
                    phrases.setdefault(words, c.code)
        # By length, longest first, so that a longer name wins over a shorter one inside it.
        self._by_length: list[tuple[int, dict[tuple[str, ...], str]]] = []
        for words, code in phrases.items():
            while len(self._by_length) < len(words):
                self._by_length.append((len(self._by_length) + 1, {}))
            self._by_length[len(words) - 1][1][words] = code
        self._by_length.reverse()

    def find(self, text: str, year: int | None = None) -> list[str]:
        """Codes in the order the text names them, each once; shifted to the state of ``year``."""
        words = ascii_words(text)
        taken = [False] * len(words)
        found: list[tuple[int, str]] = []
        for k, names in self._by_length:
            for i in range(len(words) - k + 1):
                code = names.get(tuple(words[i:i + k]))
                if code is not None and not any(taken[i:i + k]):
                    taken[i:i + k] = [True] * k
                    found.append((i, code))
        for pattern, code in self._codes_like:
            for m in pattern.finditer(text):
                found.append((len(ascii_words(text[: m.start()])), code))
        codes: list[str] = []
        for _, code in sorted(found):
            code = self._in_year(code, year)
            if code is not None and code not in codes:
                codes.append(code)
        return codes

    def _in_year(self, code: str, year: int | None) -> str | None:
        """The member of ``code``'s family that existed in ``year`` ('Germany' in 1866 -> Prussia), or
        None when none did: a name is a guess of the country only for a year its state existed (the
        Greeks at Troy in 1184 BC are not the Greece of 1821)."""
        if year is None or _covers(self.table.by_code[code], year):
            return code
        for other in self.table.family(code):
            c = self.table.by_code[other]
            if (c.start is not None or c.end is not None) and _covers(c, year):
                return other
        return None


def _covers(country, year: int) -> bool:
    return (country.start is None or country.start <= year) and (country.end is None or year <= country.end)
