"""Terminal cells: how wide text is on a terminal, and cutting it to fit. Standard library only and no
``re``: the lean greeting fits its lines with these (``text`` re-exports them for everything else).
"""

import unicodedata


def cells(ch: str) -> int:
    """Terminal cells one character takes: 0 for combining marks, 2 for wide East Asian characters."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    if text.isascii():  # most text: a cell a character, found in C
        return len(text)
    return sum(cells(c) for c in text)


def fit(text: str, room: int) -> str:
    """``text`` cut to ``room`` terminal cells at a word boundary, with an ellipsis; never wrapped."""
    if width(text) <= room:
        return text
    out, used = [], 0
    for ch in text:
        w = cells(ch)
        if used + w > room - 1:
            break
        out.append(ch)
        used += w
    cut = "".join(out)
    # Cut at the last space when that keeps most of the line: no half-words ('Hohenlinde…').
    space = cut.rfind(" ")
    if space >= max(1, int(room * 0.6)):
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—·") + "…"
