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


# ord → simplified character, filled lazily with every CJK character seen so far.
_TABLE: dict[int, str] = {}
_SEEN: set[str] = set()


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length (offsets hold).

    Memoised: every stage folds the same article, and its names and sentences, again."""
    if not _SEEN.issuperset(text):  # checked char by char in C, without building a set
        new = set(text) - _SEEN
        for char in new:
            if char >= "\u2e80":  # below: ASCII, Latin, punctuation — nothing to fold
                folded = _converter().convert(char)
                if len(folded) == 1 and folded != char:
                    _TABLE[ord(char)] = folded
        _SEEN.update(new)
    return text.translate(_TABLE)
