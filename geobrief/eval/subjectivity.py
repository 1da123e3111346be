"""Subjectivity scorer (CheckThat! 2025 Task 1: is the sentence subjective?).

Gold records: ``{"id", "text", "label": "SUBJ" | "OBJ"}``. Metric: macro-F1 over SUBJ/OBJ (the
task's measure), plus F1 of SUBJ. Prediction: ``claims.is_subjective`` (batched through
``claims.subjective_flags``: the embedding head when installed, else the rules).
"""
from __future__ import annotations

from typing import Callable, Optional

from .common import binary_f1, macro_f1
from .hedge import _docs


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """Macro-F1 of ``claims.is_subjective`` (or ``predict(text) -> bool``) against SUBJ/OBJ."""
    gold = [r["label"] for r in records]
    if predict is None:
        from ..stages import claims

        flags = claims.subjective_flags(list(_docs(r["text"] for r in records)))
    else:
        flags = [bool(predict(r["text"])) for r in records]
    pred = ["SUBJ" if f else "OBJ" for f in flags]
    return {"macro_f1": macro_f1(gold, pred), "SUBJ": binary_f1(gold, pred, "SUBJ"),
            "OBJ": binary_f1(gold, pred, "OBJ")}, len(records)
