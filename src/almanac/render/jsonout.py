"""JSON output: the corpus format's fields, every key always present (a contract; tests pin the keys)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..model import Event

# json.dumps escapes C0 controls but not DEL and C1 (0x7f-0x9f), which some terminals act on.
_C1 = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def dumps(data) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def events(evs: Iterable[Event]) -> str:
    return dumps([e.to_dict() for e in evs])
