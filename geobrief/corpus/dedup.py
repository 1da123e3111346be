"""Near-duplicate stories: MinHash signatures over word shingles, banded LSH, groups.

An article joins the group of the most similar stored (or same-batch) article whose estimated
Jaccard similarity of word 3-shingles is at least ``THRESHOLD``; otherwise it founds a new group
(``group_id`` = its own id). Only group founders' band hashes are kept in ``lsh_bands``, so a
corpus with thousands of copies of one story does not blow up the candidate lists.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from typing import Optional

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS  # 4 rows/band: candidate threshold ≈ (1/32)^(1/4) ≈ 0.42
SHINGLE = 3
THRESHOLD = 0.5

_rng = np.random.default_rng(20261112)
_A = _rng.integers(1, 2**32 - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """crc32 hashes of the word k-shingles of ``text`` (lower-cased words), unique."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < k:
        words = words + [""] * (k - len(words))
    grams = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    return np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))


def minhash(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 values) of ``text``."""
    x = shingles(text)
    # multiply-shift hashing: (a*x + b) mod 2^64, top 32 bits
    h = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(32)
    return h.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band."""
    out = []
    for i in range(BANDS):
        d = hashlib.blake2b(sig[i * ROWS:(i + 1) * ROWS].tobytes(), digest_size=8,
                            person=i.to_bytes(2, "little")).digest()
        out.append(int.from_bytes(d, "little", signed=True))
    return out


def assign_groups(con, items: list[tuple[str, np.ndarray]], threshold: float = THRESHOLD
                  ) -> tuple[dict[str, tuple[str, float]], list[tuple[int, int, str]]]:
    """Group ``(article_id, signature)`` items against the store (``con``) and each other.

    Returns (article id → (group_id, similarity), new lsh_bands rows for the new founders).
    """
    import pyarrow as pa

    bands = [band_hashes(sig) for _, sig in items]
    # candidates already stored: founders sharing at least one band
    cand: dict[int, set[str]] = {}
    if items:
        t = pa.table({"i": [i for i in range(len(items)) for _ in range(BANDS)],
                      "band": [b for _ in items for b in range(BANDS)],
                      "hash": [h for bs in bands for h in bs]},
                     schema=pa.schema([("i", pa.int32()), ("band", pa.int16()), ("hash", pa.int64())]))
        con.register("_qb", t)
        try:
            rows = con.execute("SELECT DISTINCT q.i, l.article_id FROM _qb q JOIN lsh_bands l "
                               "ON l.band = q.band AND l.hash = q.hash").fetchall()
        finally:
            con.unregister("_qb")
        for i, aid in rows:
            cand.setdefault(i, set()).add(aid)
    stored_sigs: dict[str, np.ndarray] = {}
    stored_groups: dict[str, str] = {}
    need = sorted({a for s in cand.values() for a in s})
    if need:
        t = pa.table({"a": need})
        con.register("_qa", t)
        try:
            for aid, sig, gid in con.execute(
                    "SELECT s.article_id, s.sig, g.group_id FROM signatures s JOIN _qa ON s.article_id = _qa.a "
                    "LEFT JOIN story_groups g ON g.article_id = s.article_id").fetchall():
                stored_sigs[aid] = np.asarray(sig, dtype=np.uint32)
                stored_groups[aid] = gid or aid
        finally:
            con.unregister("_qa")

    groups: dict[str, tuple[str, float]] = {}
    new_bands: list[tuple[int, int, str]] = []
    batch_index: dict[tuple[int, int], list[int]] = {}  # (band, hash) → founder item indexes
    for i, (aid, sig) in enumerate(items):
        best: Optional[tuple[float, str]] = None
        for other in cand.get(i, ()):
            if other in stored_sigs:
                s = similarity(sig, stored_sigs[other])
                if s >= threshold and (best is None or s > best[0]):
                    best = (s, stored_groups[other])
        seen: set[int] = set()
        for b, h in enumerate(bands[i]):
            for j in batch_index.get((b, h), ()):
                if j in seen:
                    continue
                seen.add(j)
                s = similarity(sig, items[j][1])
                if s >= threshold and (best is None or s > best[0]):
                    best = (s, groups[items[j][0]][0])
        if best is not None:
            groups[aid] = (best[1], round(best[0], 4))
        else:
            groups[aid] = (aid, 1.0)
            for b, h in enumerate(bands[i]):
                batch_index.setdefault((b, h), []).append(i)
                new_bands.append((b, h, aid))
    return groups, new_bands
