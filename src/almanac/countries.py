"""The country table: codes, the names people type, and lines of succession (Russian Empire → USSR → Russia)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .errors import UsageError
from .model import Country


def normalize(name: str) -> str:
    """Fold case, accents and punctuation: 'U.S.S.R.' and 'ussr' and 'Türkiye'/'turkiye' meet."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded.replace("&", "and"))


class CountryTable:
    """Lookup by code or by any alias; family (predecessors and successors) for timelines."""

    def __init__(self, countries: Iterable[Country], ambiguous: dict[str, list[str]] | None = None,
                 names: dict[str, str] | str | None = None):
        self.by_code: dict[str, Country] = {c.code: c for c in countries}
        # Names several states answer to ('Korea', 'Congo'): normalized name -> codes.
        self.ambiguous = {normalize(k): v for k, v in (ambiguous or {}).items()}
        # ``names``: the index of normalized names (``names_index``) as an index stored it (its JSON text,
        # read when a name is first resolved: a day's cards never need it), or None to build it here.
        self._name_index: dict[str, str] | str | None = names
        self.successors: dict[str, list[str]] = {code: [] for code in self.by_code}
        for c in self.by_code.values():
            for p in c.predecessors:
                if p in self.successors:
                    self.successors[p].append(c.code)

    def names_index(self) -> dict[str, str]:
        """Normalized name, alias or code -> code: what ``resolve`` looks up (an index stores it)."""
        return self._names

    @property
    def _names(self) -> dict[str, str]:
        """Normalized name, alias or code -> code; built on first use (cards only need ``name``)."""
        if isinstance(self._name_index, str):
            import json

            self._name_index = json.loads(self._name_index)
        if self._name_index is None:
            names: dict[str, str] = {}
            # Names first, then aliases, then codes: a code like 'SU' should not shadow a name.
            for c in self.by_code.values():
                names.setdefault(normalize(c.name), c.code)
            for c in self.by_code.values():
                for alias in c.aliases:
                    names.setdefault(normalize(alias), c.code)
            for c in self.by_code.values():
                names[normalize(c.code)] = c.code
            self._name_index = names
        return self._name_index

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def __iter__(self):
        return iter(self.by_code.values())

    def name(self, code: str) -> str:
        c = self.by_code.get(code)
        return c.name if c else code

    def resolve(self, text: str) -> Country:
        """The country a user means by ``text``; UsageError with close matches if none."""
        key = normalize(text)
        if key in self._names:
            return self.by_code[self._names[key]]
        if not key:
            raise UsageError("no country given: try a name, an adjective or a code, e.g. 'China', 'Soviet', 'SU'")
        import difflib  # lazy: only a name we do not know needs suggestions

        close = difflib.get_close_matches(key, list(self._names), n=12, cutoff=0.75)
        names: list[str] = []
        for k in close:
            n = self.by_code[self._names[k]].name
            if n not in names:
                names.append(n)
        hint = f"; did you mean {', '.join(repr(n) for n in names[:3])}?" if names else \
            "; 'almanac countries' lists them all"
        raise UsageError(f"unknown country '{text}'{hint}")

    def candidates(self, text: str) -> list[Country]:
        """The states ``text`` may mean: several for a shared name such as 'Korea', else the one resolved."""
        codes = self.ambiguous.get(normalize(text))
        if codes:
            return [self.by_code[c] for c in codes if c in self.by_code]
        return [self.resolve(text)]

    def family(self, code: str) -> list[str]:
        """``code`` with all its predecessors and successors, oldest first in each direction."""
        seen = [code]
        for links in (lambda c: self.by_code[c].predecessors, lambda c: self.successors.get(c, ())):
            todo = [code]
            while todo:
                for nxt in links(todo.pop()):
                    if nxt not in seen and nxt in self.by_code:
                        seen.append(nxt)
                        todo.append(nxt)
        return seen


def parse_ambiguous(raw: dict) -> dict[str, list[str]]:
    """``[[ambiguous]]`` tables of countries.toml: a name and the codes of the states it may mean."""
    return {a["name"]: list(a["codes"]) for a in raw.get("ambiguous", [])}


def parse_table(raw: dict) -> list[Country]:
    """Countries from the parsed ``countries.toml`` mapping."""
    return [Country(code=c["code"], name=c["name"], aliases=tuple(c.get("aliases", ())),
                    start=c.get("start"), end=c.get("end"), predecessors=tuple(c.get("predecessors", ())),
                    since=c.get("since"), until=c.get("until"))
            for c in raw.get("country", [])]
