"""Hedge scorer (CoNLL-2010 Wikipedia uncertainty: weasel words and hedges, sentence level).

Gold records: ``{"id", "text", "label": "certain" | "uncertain"}``. Metric: P/R/F1 of "uncertain"
(the CoNLL-2010 task 1 measure), plus accuracy. Prediction: ``claims.is_uncertain``.
"""
from __future__ import annotations

from typing import Callable, Optional

from .common import binary_f1


def _docs(texts):
    from .. import nlp as nlp_mod
    from ..stages import claims

    nlp = nlp_mod.load(claims.COMPONENTS)
    return nlp.pipe(texts, batch_size=256)


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """F1 of "uncertain" for ``claims.is_uncertain`` (or ``predict(text) -> bool``)."""
    gold = [r["label"] for r in records]
    if predict is None:
        from ..stages import claims

        flags = [claims.is_uncertain(d) for d in _docs(r["text"] for r in records)]
    else:
        flags = [bool(predict(r["text"])) for r in records]
    pred = ["uncertain" if f else "certain" for f in flags]
    m = binary_f1(gold, pred, "uncertain")
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {**m, "accuracy": round(acc, 4)}, len(records)
