"""Scorer for ``geobrief eval places``: toponym F1, Acc@161 km and median error over hits.

Gold records: ``{id, text, origin: {dataset, ...}, toponyms: [{start, end, name, lat, lon, ...}]}``
(LGL and GeoVirus, as converted in ``../shared/eval/dev/places_lgl_geovirus.jsonl``).

A hit is a predicted mention with the same surface as a gold toponym (ignoring case) whose span
overlaps it; each gold toponym and each prediction is used at most once. ``acc161`` is the share of
hits (with gold coordinates) whose predicted coordinates lie within 161 km of the gold ones (a hit
whose prediction has no coordinates counts as an error); ``median_km`` is the median error over hits
with coordinates on both sides.

Corpus conventions: LGL annotates adjectival and plural demonyms ("Georgian", "Russians") as
toponyms, GeoVirus does not. So mentions with ``how="demonym"`` count as predictions for corpora in
``DEMONYM_CORPORA`` and are ignored for the others.
"""
from __future__ import annotations

import statistics
import time
from typing import Iterable, Optional

from ..knowledge.places import haversine_km
from .common import prf

DEMONYM_CORPORA = {"LGL"}


def corpus_of(rec: dict) -> str:
    o = rec.get("origin")
    if isinstance(o, dict):
        return str(o.get("dataset") or "unknown")
    return "unknown"


def predict(records: list[dict]) -> tuple[list[list[dict]], dict]:
    """Run the places stage over the records' texts; predictions as flat mention dicts, plus timing."""
    from ..model import Article, Brief, Sentence
    from ..nlp import load
    from ..pipeline import load_builtin_stages, REGISTRY
    from ..knowledge.places import gazetteer

    load_builtin_stages()
    st = REGISTRY["places"]
    t0 = time.perf_counter()
    gazetteer()
    t_gaz = time.perf_counter() - t0
    nlp = load(st.components)
    t1 = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=16))
    t_nlp = time.perf_counter() - t1
    out = []
    t2 = time.perf_counter()
    n_mentions = 0
    for rec, doc in zip(records, docs):
        brief = Brief(article=Article(id=str(rec.get("id", "")), text=rec["text"]), doc=doc)
        brief.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        brief = st.fn(brief)
        preds = []
        for p in brief.places:
            for m in p.mentions:
                preds.append({"start": m.start, "end": m.end, "text": m.text, "how": m.how,
                              "lat": p.lat, "lon": p.lon})
        n_mentions += len(preds)
        out.append(preds)
    t_stage = time.perf_counter() - t2
    timing = {"gazetteer_load_s": round(t_gaz, 2), "spacy_s": round(t_nlp, 2), "stage_s": round(t_stage, 2),
              "toponyms_per_s_stage": round(n_mentions / t_stage, 1) if t_stage else None,
              "toponyms_per_s_with_spacy": round(n_mentions / (t_stage + t_nlp), 1) if t_stage + t_nlp else None}
    return out, timing


def _match(gold: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    hits, used = [], set()
    for g in sorted(gold, key=lambda g: g["start"]):
        gname = str(g.get("name") or "").casefold()
        for j, p in enumerate(preds):
            if j in used:
                continue
            if str(p.get("text", "")).casefold() == gname and min(g["end"], p["end"]) > max(g["start"], p["start"]):
                hits.append((g, p))
                used.add(j)
                break
    return hits


def _metrics(tp: int, n_pred: int, n_gold: int, errs: list[Optional[float]]) -> dict:
    m = prf(tp, n_pred, n_gold)
    m["acc161"] = round(sum(1 for e in errs if e is not None and e <= 161) / len(errs), 4) if errs else 0.0
    known = [e for e in errs if e is not None]
    m["median_km"] = round(statistics.median(known), 1) if known else None
    m["gold"], m["predicted"], m["hits"] = n_gold, n_pred, tp
    return m


def score_predictions(records: list[dict], predictions: list[list[dict]]) -> tuple[dict, int]:
    """Score given predictions (one list of mention dicts per record) against the records' gold."""
    per: dict[str, dict] = {}
    for rec, preds in zip(records, predictions):
        corpus = corpus_of(rec)
        if corpus not in DEMONYM_CORPORA:
            preds = [p for p in preds if p.get("how") != "demonym"]
        gold = rec.get("toponyms") or []
        hits = _match(gold, preds)
        acc = per.setdefault(corpus, {"tp": 0, "pred": 0, "gold": 0, "errs": []})
        acc["tp"] += len(hits)
        acc["pred"] += len(preds)
        acc["gold"] += len(gold)
        for g, p in hits:
            if g.get("lat") is None or g.get("lon") is None:
                continue
            if p.get("lat") is None or p.get("lon") is None:
                acc["errs"].append(None)
            else:
                acc["errs"].append(haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]))
    tot = {"tp": sum(a["tp"] for a in per.values()), "pred": sum(a["pred"] for a in per.values()),
           "gold": sum(a["gold"] for a in per.values()), "errs": [e for a in per.values() for e in a["errs"]]}
    metrics = _metrics(tot["tp"], tot["pred"], tot["gold"], tot["errs"])
    metrics["by_corpus"] = {k: _metrics(a["tp"], a["pred"], a["gold"], a["errs"]) for k, a in sorted(per.items())}
    return metrics, len(records)


def score(records: Iterable[dict]) -> tuple[dict, int]:
    """Run the places stage on the gold texts and score it (see the module doc)."""
    records = list(records)
    preds, timing = predict(records)
    metrics, n = score_predictions(records, preds)
    metrics["timing"] = timing
    return metrics, n
