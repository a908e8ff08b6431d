"""Corpus text is data: control characters never reach the terminal as control sequences."""

from __future__ import annotations

import re

# C0 controls but newline, DEL, C1 controls, and the bidi overrides that can disguise text.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match) -> str:
    ch = m.group()
    return " " if ch == "\t" else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def clean(text: str, one_line: bool = False) -> str:
    """``text`` with every control character shown as a harmless escape such as ``\\x1b``."""
    text = _CONTROL.sub(_visible, text)
    return " ".join(text.split()) if one_line else text
