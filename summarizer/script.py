"""One vocabulary for both scripts: fold traditional Chinese to simplified for matching.

Rules are written once, in simplified characters, and run on the folded text.
Folding is character by character (OpenCC's ``t2s`` character table), so the
folded text has exactly the length of the original and every offset found in
it is an offset into the original: names and quotes are always cut from the
text as written, in its own script.
"""

from __future__ import annotations

from functools import cache, lru_cache


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if char < "\u2e80":  # ASCII, Latin, punctuation: nothing to fold
        return char
    folded = _converter().convert(char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length (offsets hold)."""
    return "".join(_fold_char(char) for char in text)
