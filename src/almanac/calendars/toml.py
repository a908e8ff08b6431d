"""Writing imported events as corpus-format TOML (and any text as a TOML string)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import EVENT_FIELDS

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
# Must be escaped in a TOML basic string: quote, backslash, C0 controls and DEL. C1 controls and the
# bidi overrides are legal but escaped too, so the file reads safely in a terminal. Lone surrogates
# cannot be written at all: they become U+FFFD.
_TOML_SPECIAL = re.compile("[\"\\\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quotes included."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in _TOML_ESCAPES:
            return _TOML_ESCAPES[ch]
        if "\ud800" <= ch <= "\udfff":
            return "\\uFFFD"
        return f"\\u{ord(ch):04X}"

    return '"' + _TOML_SPECIAL.sub(escape, text) + '"'


def _toml_value(value) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_string(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a corpus value")


def to_toml(events: Iterable[dict], header: str | None = None) -> str:
    """Corpus-format TOML for ``events`` (dicts with our field names), fields in the usual order.

    Absent and empty fields are left out, except ``countries``, which is always written.
    """
    out: list[str] = []
    if header:
        out += [f"# {line}".rstrip() for line in header.splitlines()] + [""]
    for event in events:
        unknown = set(event) - set(EVENT_FIELDS)
        if unknown:
            raise ValueError(f"not corpus fields: {', '.join(sorted(unknown))}")
        out.append("[[event]]")
        for key in EVENT_FIELDS:
            value = event.get(key)
            if key == "sections" or (value in (None, "", []) and key != "countries"):
                continue
            out.append(f"{key} = {_toml_value(value if value is not None else [])}")
        for section in event.get("sections") or ():
            out += ["[[event.sections]]", f"heading = {toml_string(section['heading'])}",
                    f"body = {toml_string(section['body'])}"]
        out.append("")
    return "\n".join(out)
