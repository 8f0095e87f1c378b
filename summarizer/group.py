"""Same-event grouping in near-linear time.

Two reports are the same event when their cleaned texts are near-copies
(character 4-gram Jaccard ≥ 0.5, or a truncated reprint: the shorter text's
4-grams ≥ 80 % contained in the longer one), or when they share a known date
and their event names are alike (character-bigram Jaccard ≥ 0.5).

Comparing every pair is quadratic: 10,000 articles are 50 million pairs.
MinHash LSH proposes the few pairs that can possibly pass (``datasketch``
sketches the texts and names and chooses the bands), and only those are
checked exactly, so the cost grows with the number of articles,
not with its square. A report from an earlier night keeps only its
:class:`Fingerprint` (a MinHash of its text, its name's bigrams, its date)
and its LSH bucket keys (:func:`band_keys`): pairs that involve one are
judged on the MinHash estimate.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

NUM_PERM = 128
SAME_TEXT = 0.5
SAME_NAME = 0.5
CONTAINED = 0.8
MIN_CONTAINED_GRAMS = 60  # a short snippet inside a long page is a quote, not a reprint
# LSH only proposes pairs: its thresholds sit well below the rules' so that a
# pair passing a rule is almost never missed (the exact check follows).
# Misses cost more than false proposals, hence the weights (false positive, false negative).
_TEXT_LSH_THRESHOLD = 0.3
_NAME_LSH_THRESHOLD = 0.3
_LSH_WEIGHTS = (0.2, 0.8)
# A pair whose MinHash estimate is this far below both rules is not checked exactly: at 128
# permutations the estimate's standard error is about 0.04, so these margins are over 5 errors.
_SURELY_APART = 0.3
_SURELY_NOT_CONTAINED = 0.6
_MASK32 = np.uint64(0xFFFFFFFF)
_NOT_WORD = re.compile(r"[\W_]+")
# NFKC's own mapping of full-width ASCII and the ideographic space, applied by table: Chinese
# pages are full of full-width punctuation, and a string that is NFKC-normal after this step
# skips the (much slower) full normalisation.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _nfkc(text: str) -> str:
    text = text.translate(_FULL_WIDTH)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@dataclass
class Fingerprint:
    """What grouping needs to know of one report; small enough to keep for later nights."""

    date: str | None
    name_grams: np.ndarray  # sorted unique uint32 codes of the event name's bigrams
    text_minhash: np.ndarray  # uint32[NUM_PERM]
    text_size: int  # number of distinct 4-grams
    text_grams: np.ndarray | None = None  # exact 4-gram codes; None for a report of an earlier night
    name_minhash: np.ndarray | None = None  # computed when first needed


def gram_codes(text: str, n: int) -> np.ndarray:
    """Sorted unique 32-bit codes of the character n-grams of ``text`` without punctuation or spaces.

    Computed on arrays of code points, so a page of 2,000 characters costs
    microseconds instead of 2,000 Python string slices.
    """
    normalised = _NOT_WORD.sub("", _nfkc(text))
    if not normalised:
        return np.zeros(0, dtype=np.uint32)
    points = np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(n, len(points))  # a text shorter than n is one gram, itself
    count = len(points) - width + 1
    code = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        code = code * np.uint64(1_000_003) + points[offset : offset + count]
    code ^= code >> np.uint64(29)
    code *= np.uint64(0xBF58476D1CE4E5B9)
    code ^= code >> np.uint64(32)
    return np.unique((code & _MASK32).astype(np.uint32))


def fingerprint(event: str, date: str | None, text: str) -> Fingerprint:
    grams = gram_codes(text, 4)
    return Fingerprint(date=date, name_grams=gram_codes(event, 2), text_minhash=_minhash(grams).astype(np.uint32),
                       text_size=len(grams), text_grams=grams)


def group(prints: Sequence[Fingerprint]) -> list[list[int]]:
    """Partition ``prints`` (by index) into events; each group is sorted, groups by first member."""
    parent = list(range(len(prints)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(prints):
        if find(i) != find(j) and same_event(prints[i], prints[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(prints)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])


def same_event(a: Fingerprint, b: Fingerprint) -> bool:
    if a.date is not None and a.date == b.date and jaccard(a.name_grams, b.name_grams) >= SAME_NAME:
        return True
    if not a.text_size or not b.text_size:
        return False
    similar = float(np.mean(a.text_minhash == b.text_minhash))
    shared = similar * (a.text_size + b.text_size) / (1 + similar)
    smaller, larger = sorted((a.text_size, b.text_size))
    if similar < _SURELY_APART and shared / smaller < _SURELY_NOT_CONTAINED:
        return False
    if a.text_grams is not None and b.text_grams is not None:
        shared = int(np.intersect1d(a.text_grams, b.text_grams, assume_unique=True).size)
        union = a.text_size + b.text_size - shared
        similar = shared / union
    if smaller >= 0.5 * larger and similar >= SAME_TEXT:
        return True
    return smaller >= MIN_CONTAINED_GRAMS and shared / smaller >= CONTAINED


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted unique code arrays; 0 when their sizes alone rule 0.5 out."""
    if not a.size or not b.size or min(a.size, b.size) < 0.5 * max(a.size, b.size):
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


_SCHEME = "affine32"
_SEED = 1


@cache
def _permutations():
    """Drawn once, not per sketch. datasketch is imported here, not at module load: it costs
    half a second, which the CLI should not pay to print a usage error."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _same_codes(codes: np.ndarray) -> np.ndarray:
    return codes


def _minhash(codes: np.ndarray) -> np.ndarray:
    """MinHash of already-hashed 32-bit codes.

    The codes go in as one batch whose "hash" is the array itself, so datasketch
    permutes them in one vectorised step instead of calling a hash function
    once per n-gram from Python.
    """
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_same_codes, scheme=_SCHEME,
                     permutations=_permutations())
    if codes.size:
        sketch.update_batch([codes])
    return sketch.hashvalues


@cache
def _lsh_params(threshold: float) -> tuple[int, int]:
    """Bands and rows that datasketch finds best for ``threshold`` (computed once: it integrates)."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=_LSH_WEIGHTS)
    return index.b, index.r


def _name_minhash(item: Fingerprint) -> np.ndarray | None:
    """The name's sketch, salted with the date: names under different dates never meet."""
    if item.date is None or not item.name_grams.size:
        return None
    if item.name_minhash is None:
        item.name_minhash = _minhash(item.name_grams ^ np.uint32(zlib.crc32(item.date.encode("utf-8"))))
    return item.name_minhash


_KEY_MIX = np.uint64(0x9E3779B97F4A7C15)


def band_keys(item: Fingerprint) -> list[int]:
    """The LSH buckets a report falls in, as 64-bit keys.

    Stored with a report, they let a later night find the earlier reports that
    share a bucket with its own through an index lookup, instead of rebuilding
    an index of every report of the look-back window each night. Each key mixes
    the band's values, its number and the kind of sketch (text or name).
    """
    keys: list[int] = []
    for kind, values, threshold in ((1, item.text_minhash if item.text_size else None, _TEXT_LSH_THRESHOLD),
                                    (2, _name_minhash(item), _NAME_LSH_THRESHOLD)):
        if values is None:
            continue
        bands, rows = _lsh_params(threshold)
        table = values[: bands * rows].astype(np.uint64).reshape(bands, rows)
        mixed = np.full(bands, kind, dtype=np.uint64) * _KEY_MIX + np.arange(bands, dtype=np.uint64)
        for column in range(rows):
            mixed = (mixed ^ table[:, column]) * _KEY_MIX
            mixed ^= mixed >> np.uint64(31)
        keys += mixed.view(np.int64).tolist()
    return keys


def _candidate_pairs(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Pairs that may be the same event: reports sharing an LSH bucket (alike texts, or alike
    names under the same date).

    The buckets are the keys of :func:`band_keys`, the very keys the history
    stores, so a pair is proposed tonight exactly when it would be proposed
    across nights; datasketch chooses the bands, a dict holds the buckets.
    """
    pairs: set[tuple[int, int]] = set()
    buckets: dict[int, list[int]] = {}
    for index, item in enumerate(prints):
        for key in band_keys(item):
            bucket = buckets.setdefault(key, [])
            pairs.update((other, index) for other in bucket)
            bucket.append(index)
    return pairs
