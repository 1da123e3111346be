"""Scorer for actors.

``score(records)`` reads the PETR2 CAMEO validation sentences (``events:[{source,target,code}]``,
Phoenix-style actor codes) and measures ``actor_country_accuracy``: for each gold source and
target whose country block (first three letters) is known (not ``---``), does the brief's actor
list for that sentence (after the actors, places and events stages) hold an actor with that block
(its country, or the first three letters of its code for IGOs, NGOs and transnational groups)?
Independent of event codes. Records without text cannot be coded and are not scored
(``records_without_text`` counts them).

``score_mentions(path)`` measures precision and recall of actor mentions with their country on
hand-annotated articles (``{"id","published","text","mentions":[{start,end,text,country,...}]}``):
a predicted mention is right when it overlaps a gold mention not yet matched and has the same
country (both null counts as the same). The gold leaves out it/its/they/their/them by convention
(README): predicted mentions that are those pronouns are not scored (``unscored_pronouns`` counts
them). ``mention_sector`` is the share of country-correct matches whose sector also agrees.
"""
from __future__ import annotations

import datetime as _dt
import re
import time
from pathlib import Path
from typing import Optional

from .common import overlap, prf, read_jsonl

# pronouns the mention gold leaves out by convention (see tests/fixtures/actors_gold/README.md)
_UNANNOTATED = {"it", "its", "they", "their", "them"}
_ID_DATE = re.compile(r"^[A-Z]{3}(\d{2})(\d{2})(\d{2})")


def _date_of(rec: dict) -> Optional[_dt.date]:
    """The record's date: ``published`` if given, else a wire id's YYMMDD (e.g. AFP080802...)."""
    p = rec.get("published")
    if p:
        try:
            return _dt.date.fromisoformat(str(p)[:10])
        except ValueError:
            pass
    m = _ID_DATE.match(str(rec.get("id", "")))
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        try:
            return _dt.date(2000 + y if y < 70 else 1900 + y, mo, d)
        except ValueError:
            return None
    return None


def _analyse(texts_dates, locations: bool = False):
    """The brief's actors for each (text, date): the actors, places and events stages run, because
    the events stage adds the host state of an act directed at a foreign place ("exercises in
    Alaska" -> United States, mention how="place"). ``locations=True`` is the actors stage alone
    with every country named as a location reported as an actor (the looser CAMEO reading)."""
    if locations:
        from .. import nlp
        from ..stages.actors import find_actors

        pipe = nlp.load(("ner", "parser", "lemmatizer"))
        docs = list(pipe.pipe([t for t, _ in texts_dates], batch_size=32))
        return [find_actors(t, doc, d, locations=True) for (t, d), doc in zip(texts_dates, docs)]
    from ..model import Article
    from ..pipeline import Pipeline

    pipe = Pipeline(disable=("claims", "framing", "summary"))
    arts = [Article(id=str(k), text=t, published=d.isoformat() if d else None) for k, (t, d) in enumerate(texts_dates)]
    # a record the input checks refuse (a G1xx error) scores as a brief with no actors
    return [getattr(b, "actors", []) for _, b in pipe.run_many(arts, batch_size=32)]


def _blocks(actor) -> set[str]:
    out = set()
    if actor.country:
        out.add(actor.country)
    if actor.code and len(actor.code) >= 3:
        out.add(actor.code[:3])
    return out


def score(records: list[dict]) -> tuple[dict, int]:
    """actor_country_accuracy over PETR2-style records (see module doc).

    Also ``actor_country_accuracy_with_locations``: the same with countries named only as
    locations counted as actors (the CAMEO coders' convention; geobrief leaves them to places).
    """
    t0 = time.perf_counter()
    metrics, n = _score(records, False)
    with_loc, _ = _score(records, True)
    metrics["actor_country_accuracy_with_locations"] = with_loc["actor_country_accuracy"]
    metrics["misses_with_locations"] = with_loc["misses"]
    metrics["seconds"] = round(time.perf_counter() - t0, 2)
    return metrics, n


def _score(records: list[dict], locations: bool) -> tuple[dict, int]:
    empty = sum(1 for r in records if not (r.get("text") or "").strip())
    records = [r for r in records if (r.get("text") or "").strip()]  # nothing to code: not scored
    results = _analyse([(r["text"], _date_of(r)) for r in records], locations)
    hit = total = 0
    extra = n_actors = 0
    misses = []
    for rec, actors in zip(records, results):
        have = set().union(*[_blocks(a) for a in actors]) if actors else set()
        gold_blocks = set()
        for ev in rec.get("events") or []:
            for role in ("source", "target"):
                code = (ev.get(role) or "").strip()
                block = code[:3]
                if len(block) < 3 or block == "---":
                    continue
                gold_blocks.add(block)
                total += 1
                hit += block in have
                if block not in have:
                    misses.append((rec.get("id"), role, code))
        n_actors += len(actors)
        extra += sum(1 for a in actors if a.country and not (_blocks(a) & gold_blocks)) if gold_blocks else 0
    acc = hit / total if total else 0.0
    return {"actor_country_accuracy": round(acc, 4), "gold_actors": total, "hits": hit,
            "actors_predicted": n_actors, "actors_with_country_not_in_gold": extra,
            "records_without_text": empty, "misses": misses}, len(records)


def score_mentions(path: str | Path, limit: Optional[int] = None) -> tuple[dict, int]:
    """Precision/recall/F1 of mention + country on an annotated article set (see module doc)."""
    records = read_jsonl(path, "actors", limit, required=("text", "mentions"))
    results = _analyse([(r["text"], _date_of(r)) for r in records])
    tp = n_pred = n_gold = 0
    tp_span = 0
    sector_ok = unscored = 0
    errors = []
    for rec, actors in zip(records, results):
        gold = [g for g in rec["mentions"]]
        pred = [(m, a) for a in actors for m in a.mentions]
        skip = [(m, a) for m, a in pred if m.text.lower() in _UNANNOTATED]
        unscored += len(skip)
        pred = [(m, a) for m, a in pred if m.text.lower() not in _UNANNOTATED]
        n_gold += len(gold)
        n_pred += len(pred)
        used = set()
        for m, a in sorted(pred, key=lambda x: x[0].start):
            best = None
            for gi, g in enumerate(gold):
                if gi in used or overlap(m.start, m.end, g["start"], g["end"]) == 0:
                    continue
                best = gi
                break
            if best is None:
                errors.append(("fp", rec.get("id"), m.text, a.country))
                continue
            used.add(best)
            tp_span += 1
            g = gold[best]
            if (g.get("country") or None) == (a.country or None):
                tp += 1
                sector_ok += (g.get("sector") or None) == (a.sector or None)
            else:
                errors.append(("country", rec.get("id"), m.text, a.country, g.get("country")))
        for gi, g in enumerate(gold):
            if gi not in used:
                errors.append(("fn", rec.get("id"), g.get("text"), g.get("country")))
    metrics = {"mention_country": prf(tp, n_pred, n_gold), "mention_span": prf(tp_span, n_pred, n_gold),
               "mention_sector": round(sector_ok / tp, 4) if tp else 0.0, "unscored_pronouns": unscored,
               "gold_mentions": n_gold, "predicted_mentions": n_pred, "errors": errors}
    return metrics, len(records)
