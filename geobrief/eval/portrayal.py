"""Entity-portrayal scorer (SemEval-2025 Task 10 subtask 1: entity framing).

Gold records: ``{"id", "text", "entities": [{"entity", "start", "end", "main_role",
"fine_roles"}]}``, main role Protagonist / Antagonist / Innocent. The entity spans are given;
the system assigns each a main role (``framing.portray``). Metrics: main-role accuracy and
macro-F1 over the three gold main roles, plus fine-role exact-match ratio.
"""
from __future__ import annotations

from typing import Callable, Optional

from .common import binary_f1, macro_f1
from .genre import _majority

_CANON = {"protagonist": "Protagonist", "antagonist": "Antagonist", "innocent": "Innocent"}


def score(records: list[dict], predict: Optional[Callable] = None) -> tuple[dict, int]:
    """Main-role accuracy / macro-F1 of ``framing.portray(doc, spans)`` on the gold entity spans."""
    recs = [r for r in records if r.get("entities")]
    if predict is None:
        from .. import nlp as nlp_mod
        from ..stages import framing

        nlp = nlp_mod.load(framing.COMPONENTS)
        docs = nlp.pipe((r["text"] for r in recs), batch_size=16)
        predict = framing.portray
    else:
        docs = (r["text"] for r in recs)
    gold: list[str] = []
    pred: list[str] = []
    fine_hit = fine_n = 0
    for rec, doc in zip(recs, docs):
        spans = [(e["start"], e["end"]) for e in rec["entities"]]
        out = predict(doc, spans)
        for e, o in zip(rec["entities"], out):
            role = o["role"] if isinstance(o, dict) else o
            gold.append(e["main_role"])
            pred.append(_CANON.get(str(role).lower(), str(role)))
            if isinstance(o, dict) and e.get("fine_roles"):
                fine_n += 1
                fine_hit += set(x.lower() for x in o.get("fine_roles", [])) == set(x.lower() for x in e["fine_roles"])
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    metrics = {"main_role_accuracy": round(acc, 4), "main_role_macro_f1": macro_f1(gold, pred),
               "by_role": {lab: binary_f1(gold, pred, lab) for lab in sorted(set(gold))},
               "fine_role_exact": round(fine_hit / fine_n, 4) if fine_n else 0.0,
               "entities": len(gold), "majority_baseline": _majority(gold)}
    return metrics, len(records)
