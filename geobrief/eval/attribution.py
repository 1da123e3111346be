"""Attribution scorer (PolNeAR: who said what; cue, source and content spans).

Gold records: ``{"id", "text", "attributions": [{type, source: [spans], cue: [spans], content: [spans]}]}``.
Predictions: ``claims.attribution_spans(doc)``. Matching is by overlap: a predicted span is correct
when it overlaps a gold span of the same role (precision), a gold span is found when a predicted span
overlaps it (recall). Multi-part gold spans of one attribution count as one unit.
"""
from __future__ import annotations

from typing import Callable, Optional

from .common import overlap, prf
from .hedge import _docs


# First-person sources ("I think", "we want") inside a quotation are the quoted speaker's own
# voice, not an attribution in PolNeAR's sense; the writer's "I" is not one either.
AUTHOR_EXCLUDED = True
# PolNeAR dev records outermost attributions only: none of its 2,193 gold cues lies inside another
# attribution's content. An attribution the reading finds inside another's content ("the minister said
# the rebels claimed ...", ``Attribution.nested``) is kept in the brief but not scored here.
NESTED_EXCLUDED = True


def _units(attr: dict, role: str) -> list[list[tuple[int, int]]]:
    spans = [(s["start"], s["end"]) for s in attr.get(role, [])]
    return [spans] if spans else []


def _match(pred: list[tuple[int, int]], gold: list[list[tuple[int, int]]]) -> tuple[int, int]:
    tp_p = sum(1 for p in pred if any(overlap(*p, *g) for unit in gold for g in unit))
    tp_g = sum(1 for unit in gold if any(overlap(*p, *g) for p in pred for g in unit))
    return tp_p, tp_g


def _f1(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """Cue, source and content F1 (overlap) of ``claims.attribution_spans`` (or ``predict(text)``).

    ``predict(text)`` returns a list of dicts ``{"cue": (s, e), "source": (s, e) | None, "content": ...}``.
    """
    if predict is None:
        from ..stages import claims

        preds = []
        for doc in _docs(r["text"] for r in records):
            preds.append([{"cue": a.cue, "source": a.source, "content": a.content}
                          for a in claims.attribution_spans(doc)
                          if (a.kind != "author" or not AUTHOR_EXCLUDED) and not (a.nested and NESTED_EXCLUDED)])
    else:
        preds = [predict(r["text"]) for r in records]
    totals = {role: [0, 0, 0, 0] for role in ("cue", "source", "content")}
    for r, pred in zip(records, preds):
        for role in totals:
            gold_units = [u for a in r.get("attributions", []) for u in _units(a, role)]
            pspans = [tuple(p[role]) for p in pred if p.get(role)]
            tp_p, tp_g = _match(pspans, gold_units)
            t = totals[role]
            t[0] += tp_p
            t[1] += len(pspans)
            t[2] += tp_g
            t[3] += len(gold_units)
    metrics = {}
    for role, (tp_p, n_pred, tp_g, n_gold) in totals.items():
        m = _f1(tp_p, n_pred, tp_g, n_gold)
        metrics[f"{role}_f1"] = m["f1"]
        metrics[role] = {**m, "predicted": n_pred, "gold": n_gold}
    return metrics, len(records)
