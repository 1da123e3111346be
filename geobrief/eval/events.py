"""Scorer for ``geobrief eval events``: event coding against PETRARCH-style gold sentences.

Gold record: ``{"text", "events": [{"source", "target", "code"}], "scheme"?, "reciprocal"?}``.
``scheme`` is "CAMEO" (default; ``code`` a CAMEO code, actors Phoenix-style codes whose first three
letters are the country block, "---" unknown) or "PLOVER-0.5b1" (``code`` a PLOVER type, legacy
names DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT). Legacy country
blocks in gold (JAP, ITL, VTN, TMP, ...) are mapped to ISO 3166 (``legacy_country_codes.tsv``).

The scorer reads only what the brief shows: an event's participants are the actors the brief
lists for it (``Event.actor`` / ``Event.recipient``) with the actor's own code; an argument span
no actor covers has no country ("---"). No table on the side resolves it.

Honest matching:

* one predicted event matches at most one gold event (a maximum bipartite matching between gold
  events and predicted events, per metric); an event may match through any of its dyads (actor x
  recipient; a compound actor of a joint act (meeting, agreement, cooperation) with no recipient,
  every ordered pair: the brief states no direction, so each pair is shown; an unmatched pair is an
  extra unless its reverse matched);
* a reversed direction (the recipient acting on the actor) counts only where the gold *record*
  says ``"reciprocal": true``;
* every counted predicted event that matches no gold event is an extra.

Counted modes: gold corpora of this kind code what the sentence reports, including events a
source attributes, statements of intent and past events, but no negated or hypothetical events.
``COUNTED_MODES`` therefore holds asserted, attributed, future and historical events; the metric
``root_actor_accuracy_asserted_only`` repeats the headline figure counting asserted events only.

Metrics (shares of the gold events whose scheme can measure them; a metric no gold event's scheme
measures is left out): root_actor_accuracy (CAMEO 2-digit root, or PLOVER type, + both country
blocks), exact_code_accuracy (full CAMEO code + blocks; CAMEO gold only), quad_class_accuracy
(CAMEO gold only), category_accuracy (root code / PLOVER type alone), actor_country_accuracy (both
blocks, any code); ``extra_rate`` = unmatched counted predicted events / gold events;
``sentences_without_event`` = records with no gold event, and ``quiet_without_event`` = the share
of them where the brief counts no event.
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
RECIPROCAL_CAMEO_EXCLUDE = {"042", "043", "045"}  # a visit, hosting and mediation have a direction
LEVELS = ("root", "exact", "quad", "category", "actors")
# which levels each gold scheme can measure
SCHEME_LEVELS = {"CAMEO": LEVELS, "PLOVER": ("root", "category", "actors")}


def _block(code: Optional[str]) -> str:
    """Country block: the first three letters, legacy codes mapped; no participant ("") and an
    unknown one ("---") both mean "no country"."""
    code = (code or "").strip().upper()
    if not code:
        return "---"
    b = code[:3]
    return kb.legacy_country_codes().get(b, b)


def _norm_plover(p: str) -> str:
    p = (p or "").upper()
    return kb.PLOVER_LEGACY.get(p, p)


def _scheme(rec: dict) -> str:
    return "PLOVER" if str(rec.get("scheme", "CAMEO")).upper().startswith("PLOVER") else "CAMEO"


def _codes(brief, ev, role: str) -> list[str]:
    """The codes of the brief's actors in ``role`` of ``ev`` (spans no actor covers are left out)."""
    from ..stages.events import argument_codes

    return list(dict.fromkeys(a["code"] for a in argument_codes(brief, ev, role) if a["actor"]))


def predicted_events(brief, modes=COUNTED_MODES) -> list[dict]:
    """The counted events of a brief as scoring units: {event, code, plover, dyads}, where each
    dyad is {src, tgt, reversed}. Participants are the brief's own actors (see module doc)."""
    out = []
    for ev in brief.events:
        if ev.mode not in modes or ev.confidence < MIN_CONFIDENCE:
            continue
        acts = _codes(brief, ev, "actor") or ["---"]
        recs = _codes(brief, ev, "recipient")
        recip = ev.plover in RECIPROCAL_PLOVER and (ev.cameo or "") not in RECIPROCAL_CAMEO_EXCLUDE
        dyads = []
        if not recs and len(acts) > 1 and recip:
            # "A and B held talks": the brief names no direction, so each ordered pair is shown
            dyads = [dict(src=a, tgt=b, reversed=False) for i, a in enumerate(acts)
                     for j, b in enumerate(acts) if i != j]
        elif not recs:
            dyads = [dict(src=a, tgt="", reversed=False) for a in acts]
        else:
            dyads = [dict(src=a, tgt=r, reversed=False) for a in acts for r in recs]
        out.append(dict(event=ev.id, code=ev.cameo or "", plover=ev.plover, dyads=dyads))
    return out


def predicted_dyads(brief, modes=COUNTED_MODES) -> list[dict]:
    """Flat list of the shown (non-reversed) dyads: {src, tgt, code, plover, event}."""
    return [dict(src=d["src"], tgt=d["tgt"], code=p["code"], plover=p["plover"], event=p["event"], optional=False)
            for p in predicted_events(brief, modes) for d in p["dyads"] if not d["reversed"]]


def _code_ok(g: dict, p: dict, level: str, scheme: str) -> bool:
    gcode = str(g.get("code") or "")
    if scheme == "PLOVER":
        return level == "actors" or _norm_plover(p["plover"]) == _norm_plover(gcode)
    if level in ("root", "category"):
        return p["code"][:2] == gcode[:2]
    if level == "exact":
        return p["code"] == gcode
    if level == "quad":
        return kb.quad_class(p["code"]) == kb.quad_class(gcode)
    return True


def _match(g: dict, p: dict, d: dict, level: str, scheme: str) -> bool:
    """Does dyad ``d`` of predicted event ``p`` match gold event ``g`` at ``level``?"""
    if not _code_ok(g, p, level, scheme):
        return False
    if level == "category":
        return True
    return (_block(d["src"]), _block(d["tgt"])) == (_block(g.get("source")), _block(g.get("target")))


def _units(preds: list[dict], reciprocal: bool) -> list[tuple[dict, dict]]:
    """(event, dyad) scoring units: every shown dyad; a reversed direction only for a reciprocal
    record (then also the reverse of every shown dyad)."""
    out = []
    for p in preds:
        seen = set()
        for d in p["dyads"]:
            if d["reversed"] and not reciprocal:
                continue
            key = (_block(d["src"]), _block(d["tgt"]))
            if key not in seen:
                seen.add(key)
                out.append((p, d))
            if reciprocal and not d["reversed"] and d["tgt"]:
                r = dict(src=d["tgt"], tgt=d["src"], reversed=True)
                rk = (_block(r["src"]), _block(r["tgt"]))
                if rk not in seen:
                    seen.add(rk)
                    out.append((p, r))
    return out


def _max_matching(golds: list[dict], units: list, ok) -> tuple[int, set]:
    """Maximum bipartite matching gold events <-> units (Kuhn); returns (#matched, used units)."""
    owner: dict[int, int] = {}  # unit index -> gold index
    edges = [[j for j, u in enumerate(units) if ok(g, u)] for g in golds]

    def augment(i: int, seen: set) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    hit = sum(1 for i in range(len(golds)) if augment(i, set()))
    return hit, set(owner)


def score_predictions(records: list[dict], preds_per_record: list[list[dict]]) -> tuple[dict, int]:
    """Metrics from gold records and predicted events (one list per record, see
    :func:`predicted_events`)."""
    hits = {k: 0 for k in LEVELS}
    denom = {k: 0 for k in LEVELS}
    n_gold = extra = n_pred = 0
    without = quiet = 0
    for rec, preds in zip(records, preds_per_record):
        scheme = _scheme(rec)
        golds = [g for g in rec.get("events") or [] if g.get("code")]
        units = _units(preds, bool(rec.get("reciprocal")))
        shown = [i for i, (_, d) in enumerate(units) if not d["reversed"]]
        n_gold += len(golds)
        n_pred += len(shown)
        if not golds:
            without += 1
            quiet += not preds
        for level in SCHEME_LEVELS[scheme]:
            denom[level] += len(golds)
            h, used = _max_matching(golds, units, lambda g, u: _match(g, u[0], u[1], level, scheme))
            hits[level] += h
            if level == "root":  # a shown dyad is extra unless it or its reverse (reciprocal record) matched
                hit_keys = {(id(units[i][0]), _block(units[i][1]["src"]), _block(units[i][1]["tgt"])) for i in used}
                extra += sum(1 for i in shown if i not in used and (
                    id(units[i][0]), _block(units[i][1]["tgt"]), _block(units[i][1]["src"])) not in hit_keys)
    names = {"root": "root_actor_accuracy", "exact": "exact_code_accuracy", "quad": "quad_class_accuracy",
             "category": "category_accuracy", "actors": "actor_country_accuracy"}
    metrics = {names[k]: round(hits[k] / denom[k], 4) for k in LEVELS if denom[k]}
    metrics.update({
        "extra_rate": round(extra / (n_gold or 1), 4),
        "gold_events": n_gold,
        "predicted_dyads": n_pred,
        "sentences_without_event": without,
    })
    if without:
        metrics["quiet_without_event"] = round(quiet / without, 4)
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
        counted.append(predicted_events(b, COUNTED_MODES))
        asserted_only.append(predicted_events(b, ("asserted",)))
    metrics, n = score_predictions(records, counted)
    m2, _ = score_predictions(records, asserted_only)
    if "root_actor_accuracy" in m2:
        metrics["root_actor_accuracy_asserted_only"] = m2["root_actor_accuracy"]
    metrics["extra_rate_asserted_only"] = m2["extra_rate"]
    metrics["counted_modes"] = ",".join(COUNTED_MODES)
    return metrics, n
