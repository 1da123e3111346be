"""Check-worthiness scorer (ClaimBuster: check-worthy factual sentence, CFS, vs not, NCS).

Gold records: ``{"id", "text", "label": "CFS" | "NCS"}`` and optionally ``"debate"``. Metrics: P/R/F1
of CFS with ``claims.checkworthiness >= claims.checkworthy_threshold()`` (batched through
``claims.checkworthiness_scores``: the embedding head when installed, else the rules at 0.4); average precision of the
ranking by check-worthiness over all records, and mean average precision per ``debate`` when the
records carry one (the CLEF CheckThat! ranking measure).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Optional

from .common import binary_f1
from .hedge import _docs


def average_precision(scored: list[tuple[float, bool]]) -> float:
    """AP of a ranking: ``scored`` is (score, is_relevant); ties keep input order."""
    ranked = sorted(scored, key=lambda x: -x[0])
    hits, total = 0, 0.0
    for k, (_, rel) in enumerate(ranked, 1):
        if rel:
            hits += 1
            total += hits / k
    return round(total / hits, 4) if hits else 0.0


def score(records: list[dict], predict: Optional[Callable] = None,
          threshold: Optional[float] = None) -> tuple[dict, int]:
    """F1 of CFS, AP and per-debate MAP for ``claims.checkworthiness`` (or ``predict(text) -> float``)."""
    from ..stages import claims

    thr = (claims.checkworthy_threshold() if predict is None else claims.CHECKWORTHY_THRESHOLD) \
        if threshold is None else threshold
    gold = [r["label"] for r in records]
    if predict is None:
        scores = claims.checkworthiness_scores(list(_docs(r["text"] for r in records)))
    else:
        scores = [float(predict(r["text"])) for r in records]
    pred = ["CFS" if s >= thr else "NCS" for s in scores]
    metrics = binary_f1(gold, pred, "CFS")
    metrics["average_precision"] = average_precision([(s, g == "CFS") for s, g in zip(scores, gold)])
    by_debate = defaultdict(list)
    for r, s, g in zip(records, scores, gold):
        if r.get("debate") is not None:
            by_debate[r["debate"]].append((s, g == "CFS"))
    if by_debate:
        aps = [average_precision(v) for v in by_debate.values() if any(rel for _, rel in v)]
        metrics["map_per_debate"] = round(sum(aps) / len(aps), 4) if aps else 0.0
        metrics["debates"] = len(by_debate)
    metrics["threshold"] = thr
    return metrics, len(records)
