"""Scorer for ``geobrief eval events``: event coding against PETRARCH-style gold sentences.

Gold record: ``{"text", "events": [{"source", "target", "code"}], "scheme"?}``. ``scheme`` is
"CAMEO" (default; ``code`` a CAMEO code, actors Phoenix-style codes whose first three letters are
the country block, "---" unknown) or "PLOVER-0.5b1" (``code`` a PLOVER type, legacy names
DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT; an event with
``"reciprocal": true`` matches in either direction).

Predictions: the events stage over the full pipeline. Each predicted event is expanded, for
scoring only, into actor x recipient dyads (compound actors stay one event in the brief). A
reciprocal event (CONSULT/AGREE/COOPERATE with a ``with`` partner, or a compound actor with no
recipient, "the US and Pakistan agreed") also yields the reverse / pairwise dyads; those extra
directions count when they match gold but never as extra events. Argument codes come from the
actors stage, or for phrases it left unresolved, from the stage's fallback country table.

Counted modes: gold corpora of this kind code what the sentence reports, including events a
source attributes, statements of intent and past events, but no negated or hypothetical events.
``COUNTED_MODES`` therefore holds asserted, attributed, future and historical events; the metric
``root_actor_accuracy_asserted_only`` repeats the headline figure counting asserted events only.

Metrics (each a share of gold events; ``extra_rate`` = unmatched predicted dyads / gold events):
root_actor_accuracy (2-digit root + both country blocks), exact_code_accuracy (full code + both
country blocks), quad_class_accuracy (quad class + both blocks), category_accuracy (root code
alone), actor_country_accuracy (both blocks alone, any code).
"""
from __future__ import annotations

from typing import Optional

from ..knowledge import events as kb

COUNTED_MODES = ("asserted", "attributed", "future", "historical")
# Events known only from inside a claim that is itself coded (X ACCUSE Y for "X said Y attacked Z")
# carry confidence 0.45 (events.EMBEDDED_CONFIDENCE); as in CAMEO practice the speech act is counted.
# Background events and events no participant or place locates carry 0.45 too
# (events.BACKGROUND_CONFIDENCE): the reported event is counted, not what the article recalls.
MIN_CONFIDENCE = 0.5
RECIPROCAL_PLOVER = {"CONSULT", "AGREE", "COOPERATE"}
HOST_VISIT = {"043": "042", "042": "043"}
RECIPROCAL_CAMEO_EXCLUDE = {"042", "043", "045"}  # a visit, hosting and mediation have a direction


def _block(code: Optional[str]) -> str:
    """Country block: the first three letters; no participant ("") and an unknown one ("---")
    both mean "no country"."""
    code = (code or "").strip()
    return code[:3] if code else "---"


def _plover_of_cameo(code: str) -> Optional[str]:
    info = kb.cameo_roots().get((code or "")[:2])
    return info.plover if info else None


def _norm_plover(p: str) -> str:
    p = (p or "").upper()
    return kb.PLOVER_LEGACY.get(p, p)


def predicted_dyads(brief, modes=COUNTED_MODES) -> list[dict]:
    """Scoring dyads of a brief: {src, tgt, code, plover, optional} (optional = reverse direction)."""
    from ..stages.events import argument_codes

    out = []
    for ev in brief.events:
        if ev.mode not in modes or ev.confidence < MIN_CONFIDENCE:
            continue
        acts = list(dict.fromkeys(a["code"] for a in argument_codes(brief, ev, "actor"))) or ["---"]
        recs = list(dict.fromkeys(a["code"] for a in argument_codes(brief, ev, "recipient")))
        recip = ev.plover in RECIPROCAL_PLOVER and (ev.cameo or "") not in RECIPROCAL_CAMEO_EXCLUDE
        base = dict(code=ev.cameo or "", plover=ev.plover)
        if not recs:
            if len(acts) > 1 and recip:
                for i, a in enumerate(acts):
                    for j, b in enumerate(acts):
                        if i != j:
                            out.append(dict(base, src=a, tgt=b, optional=j < i, event=ev.id))
            else:
                for a in acts:
                    out.append(dict(base, src=a, tgt="", optional=False, event=ev.id))
            continue
        for a in acts:
            for r in recs:
                out.append(dict(base, src=a, tgt=r, optional=False, event=ev.id))
                if recip:
                    out.append(dict(base, src=r, tgt=a, optional=True, event=ev.id))
                elif base["code"] in HOST_VISIT:  # hosting a visit implies the visit, and back
                    out.append(dict(base, code=HOST_VISIT[base["code"]], src=r, tgt=a, optional=True, event=ev.id))
    return out


def _match(g: dict, p: dict, level: str, plover_scheme: bool) -> bool:
    same_blocks = _block(g.get("source")) == _block(p["src"]) and _block(g.get("target")) == _block(p["tgt"])
    if plover_scheme and g.get("reciprocal") and not same_blocks:
        same_blocks = _block(g.get("source")) == _block(p["tgt"]) and _block(g.get("target")) == _block(p["src"])
    gcode = str(g.get("code") or "")
    if plover_scheme:
        gp = _norm_plover(gcode)
        code_ok = _norm_plover(p["plover"]) == gp
        if level == "category":
            return code_ok
        if level == "actors":
            return same_blocks
        return code_ok and same_blocks
    if level == "category":
        return p["code"][:2] == gcode[:2]
    if level == "actors":
        return same_blocks
    if level == "root":
        return same_blocks and p["code"][:2] == gcode[:2]
    if level == "exact":
        return same_blocks and p["code"] == gcode
    if level == "quad":
        return same_blocks and kb.quad_class(p["code"]) == kb.quad_class(gcode)
    raise ValueError(level)


def _greedy(golds: list[dict], preds: list[dict], level: str, plover_scheme: bool) -> tuple[int, set]:
    """Match gold events to predicted dyads one-to-one; returns (#gold matched, used pred indices)."""
    used: set[int] = set()
    hit = 0
    # required (non-optional) predictions first, so that reverse directions only fill gaps
    order = sorted(range(len(preds)), key=lambda i: preds[i]["optional"])
    for g in golds:
        for i in order:
            if i not in used and _match(g, preds[i], level, plover_scheme):
                used.add(i)
                hit += 1
                break
    return hit, used


def score_predictions(records: list[dict], dyads_per_record: list[list[dict]]) -> tuple[dict, int]:
    """Metrics from gold records and already computed predicted dyads (one list per record)."""
    n_gold = 0
    hits = {k: 0 for k in ("root", "exact", "quad", "category", "actors")}
    extra = 0
    n_pred = 0
    for rec, preds in zip(records, dyads_per_record):
        plover_scheme = str(rec.get("scheme", "CAMEO")).upper().startswith("PLOVER")
        golds = [g for g in rec.get("events") or [] if g.get("code")]
        n_gold += len(golds)
        for level in hits:
            h, used = _greedy(golds, preds, "root" if (level == "root" and plover_scheme) else level, plover_scheme)
            hits[level] += h
            if level == "root":
                req = [i for i, p in enumerate(preds) if not p["optional"]]
                n_pred += len(req)
                extra += sum(1 for i in req if i not in used)
    d = n_gold or 1
    metrics = {
        "root_actor_accuracy": round(hits["root"] / d, 4),
        "exact_code_accuracy": round(hits["exact"] / d, 4),
        "quad_class_accuracy": round(hits["quad"] / d, 4),
        "category_accuracy": round(hits["category"] / d, 4),
        "actor_country_accuracy": round(hits["actors"] / d, 4),
        "extra_rate": round(extra / d, 4),
        "gold_events": n_gold,
        "predicted_dyads": n_pred,
    }
    return metrics, len(records)


def score(records: list[dict], pipeline=None) -> tuple[dict, int]:
    """Run the full pipeline over each record's text and score its events (see module doc)."""
    from ..model import Article
    from ..pipeline import Pipeline, content_hash

    pipe = pipeline or Pipeline()
    arts = [Article(id=str(r.get("id") or content_hash(r.get("text") or "")[:16]), text=r.get("text") or "",
                    published=r.get("published")) for r in records]
    counted, asserted_only = [], []
    nonempty = [i for i, a in enumerate(arts) if a.text.strip()]
    briefs = {}
    for i, (_, b) in zip(nonempty, pipe.run_many([arts[i] for i in nonempty])):
        briefs[i] = b
    for i in range(len(records)):
        b = briefs.get(i)
        if b is None or not hasattr(b, "events"):
            counted.append([])
            asserted_only.append([])
            continue
        counted.append(predicted_dyads(b, COUNTED_MODES))
        asserted_only.append(predicted_dyads(b, ("asserted",)))
    metrics, n = score_predictions(records, counted)
    m2, _ = score_predictions(records, asserted_only)
    metrics["root_actor_accuracy_asserted_only"] = m2["root_actor_accuracy"]
    metrics["extra_rate_asserted_only"] = m2["extra_rate"]
    metrics["counted_modes"] = ",".join(COUNTED_MODES)
    return metrics, n
