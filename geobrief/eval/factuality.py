"""Event factuality scorer (UW / MEANTIME via unified-factuality: certainty on [-3, +3]).

Gold records: ``{"id", "text", "tokens", "events": [{token_index, token, start, end, value}], "corpus"}``.
Each event is located in the spaCy doc by its character offsets and scored with
``claims.event_factuality``. Metrics: MAE and Pearson r over all events, and per corpus.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Optional

from .hedge import _docs


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if not sx or not sy:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (sx * sy)


def token_at(doc, start: int, end: int):
    """The index of the spaCy token covering the character ``start`` (or overlapping the span)."""
    for t in doc:
        if t.idx <= start < t.idx + len(t) or (start <= t.idx < end):
            return t.i
    return None


def _stats(pairs: list[tuple[float, float]]) -> dict:
    if not pairs:
        return {"mae": None, "pearson": None, "events": 0, "mae_always_plus3": None}
    g = [a for a, _ in pairs]
    p = [b for _, b in pairs]
    return {"mae": round(sum(abs(a - b) for a, b in pairs) / len(pairs), 4),
            "pearson": round(pearson(g, p), 4), "events": len(pairs),
            "mae_always_plus3": round(sum(abs(a - 3.0) for a in g) / len(g), 4)}


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """MAE / Pearson of ``claims.event_factuality`` (or ``predict(text, start, end) -> float``)."""
    pairs: dict[str, list] = defaultdict(list)
    if predict is None:
        from ..stages import claims

        for r, doc in zip(records, _docs(r["text"] for r in records)):
            for e in r.get("events", []):
                i = token_at(doc, e["start"], e["end"])
                v = claims.event_factuality(doc, i) if i is not None else 3.0
                pairs[r.get("corpus", "all")].append((float(e["value"]), v))
    else:
        for r in records:
            for e in r.get("events", []):
                pairs[r.get("corpus", "all")].append((float(e["value"]), float(predict(r["text"], e["start"], e["end"]))))
    allp = [x for v in pairs.values() for x in v]
    metrics = _stats(allp)
    metrics["by_corpus"] = {k: _stats(v) for k, v in sorted(pairs.items())}
    return metrics, len(records)
