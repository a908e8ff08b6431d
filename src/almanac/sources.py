"""Sources as a reader expects them: which sites count as references, and how a citation is shown.

The lists live in ``data/sources.toml`` (aggregators, reputable sites, the names cards give them), read
only when a card shows its sources or ``check --strict`` looks at them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import resources
from .record import record

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
# The project's seed documents, for any citation still written as an internal id.
SEEDS = {
    "seed:000": '"The Historic 1989 Sino-Soviet Summit in Beijing", a "today in history" web page '
                "(one of almanac's seed documents; see seeds/000.md)",
    "seed:001": '"Sino-Soviet relations", Wikipedia, https://en.wikipedia.org/wiki/Sino-Soviet_relations',
    "seed:002": '"Setting the Stage for Diplomacy", a web page on Japanese-Soviet relations in 1925 '
                "(one of almanac's seed documents; see seeds/002.md)",
}


@record(frozen=True)
class Sites:
    aggregators: tuple[str, ...]
    reputable: tuple[str, ...]
    names: dict


@lru_cache(maxsize=1)
def sites() -> Sites:
    import tomli

    raw = tomli.loads(resources.sources_file().read_text(encoding="utf-8"))
    return Sites(tuple(raw.get("aggregators", ())), tuple(raw.get("reputable", ())), dict(raw.get("names", {})))


# What an index stored of sources.toml (see ``stored_names``), offered when the index is opened: cards then
# name their sources without parsing the TOML file.
_offered: list[str] = []


def stored_names() -> str:
    """The names cards give sites, with the size and CRC of the sources.toml they come from (for an index)."""
    import json
    import zlib

    try:
        data = resources.sources_file().read_bytes()
    except OSError:
        return "{}"  # no sources.toml beside this corpus: cards parse it (or say why) when they need it
    return json.dumps({"size": len(data), "crc": zlib.crc32(data), "names": sites().names})


def offer(stored: str | None) -> None:
    """An index's ``stored_names``, used by ``names`` if sources.toml still has that content."""
    _offered[:] = [stored] if stored else []


@lru_cache(maxsize=1)
def names() -> dict:
    """Site -> the name cards give it: from the index when it was stored from this very file, else parsed."""
    if _offered:
        import json
        import zlib

        try:
            data = resources.sources_file().read_bytes()
            stored = json.loads(_offered[0])
            if stored["size"] == len(data) and stored["crc"] == zlib.crc32(data):
                return dict(stored["names"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return sites().names


def domain(source: str) -> str | None:
    m = _URL.search(source)
    if m is None:
        return None
    host = m.group().split("/")[2].lower()
    return host.split("@")[-1].split(":")[0]


def _on(host: str, listed) -> str | None:
    return next((d for d in listed if host == d or host.endswith("." + d)), None)


def is_aggregator(source: str) -> bool:
    """An "on this day" aggregator, a content farm, a Wikipedia mirror, or an internal seed id."""
    host = domain(source)
    if host is None:
        return source.strip().startswith("seed:")
    return _on(host, sites().aggregators) is not None


def is_reputable(source: str) -> bool:
    """A reference a reader can check: a listed site, or a citation that is not a URL (a book, an article)."""
    host = domain(source)
    if host is None:
        return bool(source.strip()) and not source.strip().startswith("seed:")
    return _on(host, sites().reputable) is not None


# Encyclopedias whose addresses end in the article's title: the card can name the article.
_TITLED = ("wikipedia.org", "britannica.com")


def _title_from(url: str) -> str | None:
    from urllib.parse import unquote

    path = url.split("?")[0].split("#")[0].rstrip("/")
    last = unquote(path.rsplit("/", 1)[-1])
    if not last or last.isdigit():
        return None
    return last.replace("_", " ") if "wikipedia.org" in url else last.replace("-", " ")


def cite(source: str) -> str:
    """How a card shows a source: the work's title and its publisher or site, then the address.

    ``https://en.wikipedia.org/wiki/Treaty_of_Nerchinsk`` reads 'Wikipedia, "Treaty of Nerchinsk":
    https://...'; a book or an article written out in full is shown as written.
    """
    text = source.strip()
    if text in SEEDS:
        return SEEDS[text]
    m = _URL.fullmatch(text)
    if m is None:
        return text
    host = domain(text) or ""
    listed = _on(host, names())
    site = names()[listed] if listed else host.removeprefix("www.")
    title = _title_from(text) if _on(host, _TITLED) else None
    return f'{site}, "{title}": {text}' if title else f"{site}: {text}"
