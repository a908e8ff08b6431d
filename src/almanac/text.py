"""Text rules used everywhere: the one unsafe-character rule, shortening, fitting to a width, plurals,
folding for search.

Corpus text and whatever a user typed are data: every line that reaches a stream passes ``clean`` once
(``env.Env.out``/``warn`` and the renderers), so a control sequence is shown, never acted on.
"""

from __future__ import annotations

import re
import unicodedata

from .cells import cells, fit, width  # noqa: F401 - part of the text rules

# C0 controls but newline, DEL, C1 controls, and the bidi overrides that can disguise text.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same set without the C0 controls, which JSON escapes itself.
JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_ECHO = 60  # characters of a user's argument repeated in a message


def _visible(m: re.Match) -> str:
    ch = m.group()
    return " " if ch == "\t" else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def clean(text: str, one_line: bool = False) -> str:
    """``text`` with every control character shown as a harmless escape such as ``\\x1b``."""
    text = _CONTROL.sub(_visible, text)
    return " ".join(text.split()) if one_line else text


# What may not reach a stream as itself: the controls above, but a line break may be CRLF (iCalendar).
_STREAM = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def for_stream(text: str) -> str:
    """Whole output text made safe for a stream: every line break kept, every other control escaped."""
    return _STREAM.sub(_visible, text)


def message(text: str, limit: int = 300) -> str:
    """A one-line message: cleaned, and any quoted argument longer than ``MAX_ECHO`` shortened."""
    text = clean(text, one_line=True)
    if len(text) > limit:
        text = re.sub(f"'([^']{{{MAX_ECHO + 1},}})'", lambda m: "'" + shorten(m.group(1)) + "'", text)
    return text if len(text) <= limit * 2 else text[: limit * 2 - 1] + "…"


def shorten(text: str, limit: int = MAX_ECHO) -> str:
    """A user's argument as a message repeats it: cleaned, one line, cut to ``limit`` characters."""
    text = clean(text, one_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 event', '3 events', '1,345 events'; ``many`` for irregular plurals ('1 person', '2 people')."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def json_dumps(data) -> str:
    """JSON as almanac prints it: UTF-8, indented, and no character a terminal would act on."""
    import json

    # json.dumps escapes C0 controls but not DEL and C1 (0x7f-0x9f), which some terminals act on.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fold(text: str) -> str:
    """Lower case without diacritics, as FTS5's unicode61 tokenizer folds ('Müntzer' -> 'muntzer')."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    return WORD.findall(fold(text))


# Words as FTS5's unicode61 tokenizer sees them: letters and digits; '_' separates, like punctuation.
WORD = re.compile(r"[^\W_]+")
