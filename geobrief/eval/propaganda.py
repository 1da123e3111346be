"""Propaganda-technique scorer (PTC, SemEval-2020 Task 11).

Gold records: ``{"id", "text", "spans": [{"start", "end", "technique", "surface"}]}``.

* ``span_f1`` — span identification (SI) with the SemEval-2020 Task 11 partial-overlap
  formula (Da San Martino et al., 2020)::

      P(S, T) = 1/|S| * sum_{s in S, t in T} |s ∩ t| / |s|
      R(S, T) = 1/|T| * sum_{s in S, t in T} |s ∩ t| / |t|

  summed over all articles, with ``S`` the predicted spans and ``T`` the gold spans of an
  article. As in the official SI scorer, technique labels are ignored and overlapping spans
  of the same article are merged first (on both sides).
* ``technique_f1`` — technique classification (TC): the predicted technique for every gold
  span (given its offsets), micro-F1 over gold spans (= accuracy, since every gold span gets
  exactly one prediction).
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from .common import overlap, prf


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping (or touching-by-overlap) end-exclusive spans."""
    out: list[list[int]] = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def si_counts(pred: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> tuple[float, int, float, int]:
    """(precision numerator, |S|, recall numerator, |T|) for one article."""
    S, T = merge_spans(pred), merge_spans(gold)
    p_num = r_num = 0.0
    for s0, s1 in S:
        for t0, t1 in T:
            o = overlap(s0, s1, t0, t1)
            if o:
                p_num += o / (s1 - s0)
                r_num += o / (t1 - t0)
    return p_num, len(S), r_num, len(T)


def si_prf(pairs: Iterable[tuple[list, list]]) -> dict:
    """SI precision/recall/F1 over (pred spans, gold spans) article pairs."""
    pn = rn = 0.0
    ns = nt = 0
    for pred, gold in pairs:
        a, b, c, d = si_counts(pred, gold)
        pn, ns, rn, nt = pn + a, ns + b, rn + c, nt + d
    p = pn / ns if ns else 0.0
    r = rn / nt if nt else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(records: list[dict], predict_spans: Optional[Callable] = None,
          classify: Optional[Callable] = None) -> tuple[dict, int]:
    """Score the framing stage's technique spans and technique classifier against PTC gold."""
    from .. import nlp as nlp_mod
    from ..stages import framing

    if predict_spans is None or classify is None:
        nlp = nlp_mod.load(framing.COMPONENTS)
        docs = nlp.pipe((r["text"] for r in records), batch_size=16)
    else:
        docs = (None for _ in records)
    predict_spans = predict_spans or (lambda doc: [(f.start, f.end) for f in framing.technique_spans(doc)])
    classify = classify or framing.classify_technique
    pairs = []
    tc_gold: list[str] = []
    tc_pred: list[str] = []
    per_tech: dict[str, list[int]] = {}
    for rec, doc in zip(records, docs):
        gold = rec.get("spans", [])
        pairs.append((list(predict_spans(doc) if doc is not None else predict_spans(rec["text"])),
                      [(g["start"], g["end"]) for g in gold]))
        for g in gold:
            lab = classify(doc if doc is not None else rec["text"], g["start"], g["end"])
            tc_gold.append(g["technique"])
            tc_pred.append(lab)
            c = per_tech.setdefault(g["technique"], [0, 0])
            c[0] += lab == g["technique"]
            c[1] += 1
    si = si_prf(pairs)
    correct = sum(1 for g, p in zip(tc_gold, tc_pred) if g == p)
    tc = prf(correct, len(tc_pred), len(tc_gold))
    metrics = {
        "span_precision": si["precision"], "span_recall": si["recall"], "span_f1": si["f1"],
        "technique_f1": tc["f1"],
        "technique_recall_by_label": {k: round(v[0] / v[1], 3) for k, v in sorted(per_tech.items())},
        "gold_spans": len(tc_gold),
    }
    return metrics, len(records)
