"""MinHash signatures of article text, and the LSH bands that bring likely near-duplicates together.

Wire copies (one agency story run by several outlets, lightly edited) share most word 3-shingles. A
64-permutation MinHash (datasketch) over the folded text's shingles is 256 bytes per article; cut into
16 bands of 4 rows, two texts of Jaccard similarity s share at least one band with probability
1 - (1 - s^4)^16: 0.64 at s=0.5 (datasketch's own optimum for threshold 0.5 and 64 permutations is
14 x 4), 0.99 at s=0.7, 0.05 at s=0.25. Candidates are then checked on the full signature.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from hashlib import sha1
from typing import List, Optional, Set, Tuple

import numpy as np
from datasketch import MinHash

from akhbar.transforms.normalize import fold

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SEED = 1
SHINGLE_WORDS = 3
#: Texts with fewer shingles than this (a headline, a one-line brief) are not fingerprinted: too few
#: shingles make unrelated briefs look alike.
MIN_SHINGLES = 20
#: Estimated Jaccard similarity at or above which a candidate counts as a near-duplicate.
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> Set[bytes]:
    """Word ``size``-grams of the folded text (letter variants, diacritics, digits unified)."""
    words = _WORD.findall(fold(text or "").lower())
    if size == 3:  # the common case without a slice per shingle
        return {f"{a} {b} {c}".encode("utf-8") for a, b, c in zip(words, words[1:], words[2:])}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """An empty sketch whose permutations (drawn from SEED) and scheme every signature reuses: datasketch
    draws them again for each new MinHash otherwise."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def _given(value: int) -> int:
    return value


@lru_cache(maxsize=1)
def _permute():
    return _permutation(internals=True)


def _permutation(internals: bool):
    """values (uint32 SHA-1 prefixes) -> hash values, as ``update_batch`` of the template computes them on
    the CPU for its scheme (premix, affine permutations, column minimum), without datasketch's Python call
    per value. Falls back to ``update_batch`` itself when datasketch no longer has those pieces."""
    empty = _template()
    dtype = None
    try:
        if internals:
            from datasketch.minhash import _SCHEME_DTYPES, _SCHEME_WIDTHS, _fmix
            dtype, width = _SCHEME_DTYPES[empty.scheme], _SCHEME_WIDTHS[empty.scheme]
    except (ImportError, KeyError, AttributeError):
        dtype = None
    a, b = empty.permutations
    start = empty.hashvalues

    def fast(values: np.ndarray) -> np.ndarray:
        hv = _fmix(values.astype(dtype).reshape(-1, 1), width)
        return np.minimum(start, (hv * a + b).min(axis=0))

    def slow(values: np.ndarray) -> np.ndarray:
        sketch = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_given, permutations=empty.permutations,
                         scheme=empty.scheme)
        sketch.update_batch(values.tolist())
        return sketch.hashvalues

    return slow if dtype is None else fast


def signature(text: str) -> Optional[bytes]:
    """The MinHash of ``text`` as NUM_PERM little-endian uint32 (256 bytes), or None when too short.

    Same values as ``MinHash(num_perm=NUM_PERM, seed=SEED).update_batch(grams)``: the 32-bit SHA-1 of each
    shingle is datasketch's ``sha1_hash32`` (the digest's first 4 bytes, little-endian), read for all
    shingles at once as one array, and ``_permute`` applies the sketch's scheme to them."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    values = np.frombuffer(b"".join([sha1(g).digest()[:4] for g in grams]), dtype="<u4")
    return _permute()(values).astype("<u4").tobytes()


def bands(sig: bytes) -> List[Tuple[int, str]]:
    """(band number, short hash of that band's rows): equal keys mean the band matched."""
    width = ROWS * 4
    return [(b, hashlib.blake2b(sig[b * width:(b + 1) * width], digest_size=8).hexdigest()) for b in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)
