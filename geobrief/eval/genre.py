"""Genre scorer (SemEval-2023 Task 3 subtask 1 labels: reporting / opinion / satire).

Gold records: ``{"id", "text", "genre"}``. Metrics: accuracy and macro-F1 over gold labels.
geobrief's finer genres are folded into the gold's three: analysis counts as opinion, an official
statement or an interview as reporting; no genre (signs too weak) counts as ``none`` (always wrong),
and ``no_genre`` says how often that happened.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional

from .common import binary_f1, macro_f1


def _majority(gold: list) -> dict:
    """Accuracy / macro-F1 of always answering the most frequent gold label (what a rule must beat)."""
    if not gold:
        return {"label": None, "accuracy": 0.0, "macro_f1": 0.0}
    top = Counter(gold).most_common(1)[0][0]
    base = [top] * len(gold)
    return {"label": top, "accuracy": round(sum(g == top for g in gold) / len(gold), 4),
            "macro_f1": macro_f1(gold, base)}


_FOLD = {"analysis": "opinion", "statement": "reporting", "interview": "reporting"}


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """Accuracy and macro-F1 of ``framing.genre_of`` (or ``predict(text)``) against gold genres."""
    gold = [r["genre"] for r in records]
    if predict is None:
        from .. import nlp as nlp_mod
        from ..stages import framing

        nlp = nlp_mod.load(framing.COMPONENTS)
        pred = [framing.genre_of(d) for d in nlp.pipe((r["text"] for r in records), batch_size=16)]
    else:
        pred = [predict(r["text"]) for r in records]
    no_genre = sum(1 for p in pred if p is None)
    pred = [_FOLD.get(p, p) if p is not None else "none" for p in pred]
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    metrics = {"accuracy": round(acc, 4), "macro_f1": macro_f1(gold, pred),
               "by_label": {lab: binary_f1(gold, pred, lab) for lab in sorted(set(gold))},
               "majority_baseline": _majority(gold), "no_genre": no_genre}
    return metrics, len(records)
