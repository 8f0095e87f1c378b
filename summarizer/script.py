"""One vocabulary for both scripts: fold traditional Chinese to simplified for matching.

Rules are written once, in simplified characters, and run on the folded text.
Folding is character by character (OpenCC's ``t2s`` character table), so the
folded text has exactly the length of the original and every offset found in
it is an offset into the original: names and quotes are always cut from the
text as written, in its own script.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

# The CJK blocks (radicals and symbols to Extension A and the unified block, the compatibility
# ideographs, Extensions B to H): every character OpenCC's t2s table can fold lies in them.
_CJK_BLOCKS = ((0x2E80, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32400))
_SHORT = 256  # below this length a dictionary lookup per character is cheaper than an array


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _tables() -> tuple[dict[int, str], Any]:
    """The fold of every CJK character, as a ``str.translate`` table and as an array by code point.

    Built once (tens of milliseconds): the characters go through OpenCC in one call, one per
    line, so no phrase rule spans two of them; a character whose simplified form is not a
    single character stays as it is.
    """
    import numpy as np

    chars = [chr(point) for low, high in _CJK_BLOCKS for point in range(low, high)]
    folded = _converter().convert("\n".join(chars)).split("\n")
    if len(folded) != len(chars):  # not expected; fall back to one call per character
        folded = [_converter().convert(char) for char in chars]
    mapping = {ord(c): f for c, f in zip(chars, folded, strict=True) if len(f) == 1 and f != c}
    by_point = np.arange(_CJK_BLOCKS[-1][1], dtype=np.uint32)
    by_point[list(mapping)] = [ord(f) for f in mapping.values()]
    return mapping, by_point


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length (offsets hold).

    A page is folded as an array of code points (a table lookup per character in C);
    short strings through ``str.translate``. Memoised: every stage folds the same
    article, and its names and sentences, again."""
    mapping, by_point = _tables()
    if len(text) < _SHORT:
        return text.translate(mapping)
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(points.max()) >= len(by_point):  # beyond the last CJK block: nothing there folds
        return text.translate(mapping)
    return by_point[points].tobytes().decode("utf-32-le", "surrogatepass")
