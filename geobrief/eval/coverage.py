"""Scorer for ``geobrief eval coverage``: geobrief's own CAMEO coverage set.

Gold: ``tests/fixtures/cameo_coverage.jsonl`` in the source checkout (sentences written by the
project, at least one per CAMEO code of ``../shared/data/cameo_codes.csv``, two for the commonest
root families, plus sentences that report no event). Record:
``{"id", "text", "events": [{"source", "target", "code"}], "note"}``; actors are country blocks
(ISO alpha-3, ``IGO`` for international bodies, ``---`` unknown), ``events: []`` for a sentence
with no event (negated, hypothetical, speculative, or no political event at all).

Matching is the events scorer's (:mod:`geobrief.eval.events`: the brief's counted events, its own
actors, one predicted event per gold event); this module only aggregates per sentence:

* ``root_coverage``: share of event sentences whose every expected event is produced with the
  right root code (2 digits) and both actor countries; ``full_coverage``: the same with the full
  code. ``root_code_only`` / ``actors_only``: the root code with any actors, the actors with any
  code (where a miss comes from).
* ``by_family``: ``{root: {"n", "root", "full"}}`` for the 20 root families.
* ``codes_hit_root`` / ``codes_hit_full``: codes with at least one sentence right.
* ``no_event_*``: on the sentences with no event, the share where the brief counts none
  (``no_event_quiet``) and the number of counted events it reports there (``no_event_extra``).
* ``miss_types``: the 30 commonest kinds of miss; :func:`misses` lists every miss.
* ``extra_rate`` and the events scorer's other figures on the whole set, under ``events``.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from . import events as ev_scorer

# The set lives with the tests of a source checkout; an installed package has no tests/ and the
# CLI then reports G401 (pass --gold PATH).
DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cameo_coverage.jsonl"
TOP_MISS_TYPES = 30


def _pair(src: str, tgt: str) -> str:
    return f"{ev_scorer._block(src)}>{ev_scorer._block(tgt)}"


def _shown(preds: list[dict]) -> list[tuple[str, str]]:
    """(code, 'SRC>TGT') of every shown dyad of the predicted events."""
    return [(p["code"], _pair(d["src"], d["tgt"])) for p in preds for d in p["dyads"] if not d.get("reversed")]


def _miss_type(gold: dict, preds: list[dict], uncounted: list[str]) -> str:
    """A short label of why ``gold`` (one expected event) was missed at root level; the expected
    root family is in brackets, so that labels add up to kinds of miss per family."""
    gcode, gpair = gold["code"], _pair(gold.get("source"), gold.get("target"))
    fam = f"[{gcode[:2]}]"
    shown = _shown(preds)
    if not shown:
        return f"not counted: {'/'.join(sorted(set(uncounted)))} {fam}" if uncounted else f"no event found {fam}"
    same_root = [pair for code, pair in shown if code[:2] == gcode[:2]]
    if same_root:
        gs, gt = gpair.split(">")
        ps, pt = same_root[0].split(">")
        parts = []
        if ps != gs:
            parts.append("source missing" if ps == "---" else ("source where none" if gs == "---" else "source wrong"))
        if pt != gt:
            parts.append("target missing" if pt == "---" else ("target where none" if gt == "---" else "target wrong"))
        return f"right root, {' and '.join(parts)} {fam}"
    codes = sorted({code[:2] or "??" for code, _ in shown})
    actors_ok = any(pair == gpair for _, pair in shown)
    return f"wrong root {gcode[:2]}->{'/'.join(codes)}" + (" (actors right)" if actors_ok else "")


def _sub_code_miss(gold: dict, preds: list[dict]) -> str:
    """Label of a root-level hit with the wrong full code."""
    got = sorted({c for c, _ in _shown(preds) if c[:2] == gold["code"][:2]})
    if got and all(c == gold["code"][:2] + "0" for c in got):
        return f"right root, only the generic {got[0]} [{gold['code'][:2]}]"
    return f"right root, sub-code {gold['code']}->{'/'.join(got)}"


def _uncounted(brief) -> list[str]:
    """Modes of the brief's events that the scorer does not count (e.g. 'negated', 'low-confidence')."""
    out = []
    for e in getattr(brief, "events", []) or []:
        if e.mode not in ev_scorer.COUNTED_MODES:
            out.append(e.mode)
        elif e.confidence < ev_scorer.MIN_CONFIDENCE:
            out.append("low confidence")
    return out


def evaluate(records: list[dict], pipeline=None) -> list[dict]:
    """Run the pipeline over every record; one row per record with its predictions and verdicts."""
    from ..model import Article
    from ..pipeline import Pipeline

    pipe = pipeline or Pipeline()
    arts = [Article(id=str(r.get("id") or i), text=r.get("text") or "", published=r.get("published"))
            for i, r in enumerate(records)]
    nonempty = [i for i, a in enumerate(arts) if a.text.strip()]
    briefs, failed = {}, {}
    for i, (_, b) in zip(nonempty, pipe.run_many([arts[i] for i in nonempty])):
        if hasattr(b, "events"):
            briefs[i] = b
        else:  # the pipeline reports a failed article as its coded error
            failed[i] = f"no brief ({getattr(b, 'code', type(b).__name__)})"
    rows = []
    for i, rec in enumerate(records):
        b = briefs.get(i)
        preds = ev_scorer.predicted_events(b, ev_scorer.COUNTED_MODES) if b is not None else []
        golds = [g for g in rec.get("events") or [] if g.get("code")]
        row = {"id": rec.get("id"), "text": rec.get("text"), "gold": golds, "preds": preds,
               "uncounted": _uncounted(b) if b is not None else [failed.get(i, "no brief (empty text)")]}
        if golds:
            m, _ = ev_scorer.score_predictions([rec], [preds])
            row["root"] = m.get("root_actor_accuracy", 0.0) == 1.0
            row["full"] = m.get("exact_code_accuracy", 0.0) == 1.0
            row["code_only"] = m.get("category_accuracy", 0.0) == 1.0
            row["actors_only"] = m.get("actor_country_accuracy", 0.0) == 1.0
            if not row["root"]:
                row["miss"] = [_miss_type(g, preds, row["uncounted"]) for g in golds
                               if not ev_scorer.score_predictions([dict(rec, events=[g])], [preds])[0]
                               .get("root_actor_accuracy")]
            elif not row["full"]:
                row["miss"] = [_sub_code_miss(g, preds) for g in golds
                               if not ev_scorer.score_predictions([dict(rec, events=[g])], [preds])[0]
                               .get("exact_code_accuracy")]
        rows.append(row)
    return rows


def metrics_of(records: list[dict], rows: list[dict]) -> dict:
    """The coverage figures (see module doc) from :func:`evaluate`'s rows."""
    ev_rows = [r for r in rows if r["gold"]]
    none_rows = [r for r in rows if not r["gold"]]

    def share(key):
        return round(sum(1 for r in ev_rows if r[key]) / (len(ev_rows) or 1), 4)

    fam: dict[str, dict] = {}
    codes_root, codes_full, codes_all = set(), set(), set()
    for r in ev_rows:
        root = r["gold"][0]["code"][:2]
        f = fam.setdefault(root, {"n": 0, "root": 0, "full": 0})
        f["n"] += 1
        f["root"] += r["root"]
        f["full"] += r["full"]
        for g in r["gold"]:
            codes_all.add(g["code"])
            if r["root"]:
                codes_root.add(g["code"])
            if r["full"]:
                codes_full.add(g["code"])
    by_family = {k: {"n": v["n"], "root": round(v["root"] / v["n"], 4), "full": round(v["full"] / v["n"], 4)}
                 for k, v in sorted(fam.items())}
    types = Counter(t for r in ev_rows for t in r.get("miss", []))
    events_metrics, _ = ev_scorer.score_predictions(records, [r["preds"] for r in rows])
    out = {
        "root_coverage": share("root"),
        "full_coverage": share("full"),
        "root_code_only": share("code_only"),
        "actors_only": share("actors_only"),
        "event_sentences": len(ev_rows),
        "codes": len(codes_all),
        "codes_hit_root": len(codes_root),
        "codes_hit_full": len(codes_full),
        "no_event_sentences": len(none_rows),
        "no_event_extra": sum(len(r["preds"]) for r in none_rows),
        "by_family": by_family,
        "miss_types": [[t, c] for t, c in types.most_common(TOP_MISS_TYPES)],
        "events": {k: v for k, v in events_metrics.items() if not isinstance(v, (dict, list))},
    }
    if none_rows:  # left out when the records hold no sentence without an event
        out["no_event_quiet"] = round(sum(1 for r in none_rows if not r["preds"]) / len(none_rows), 4)
    return out


def misses(rows: list[dict]) -> str:
    """Every miss, one block per sentence: expected events, what the brief counted, and why."""
    out = []
    for r in rows:
        if r["gold"] and r["full"]:
            continue
        if not r["gold"] and not r["preds"]:
            continue
        exp = "; ".join(f"{g['code']} {_pair(g.get('source'), g.get('target'))}" for g in r["gold"]) or "(no event)"
        got = "; ".join(f"{c} {p}" for c, p in _shown(r["preds"])) or "(none counted)"
        why = "; ".join(r.get("miss", [])) or ("extra event on a no-event sentence" if not r["gold"] else "")
        extra = f"  [not counted: {', '.join(r['uncounted'])}]" if r["uncounted"] else ""
        out.append(f"{r['id']}\t{why}\n  text: {r['text']}\n  expected: {exp}\n  counted:  {got}{extra}\n")
    return "\n".join(out)


def score(records: list[dict], pipeline=None) -> tuple[dict, int]:
    """Run the pipeline over the coverage set and report coverage (see module doc)."""
    rows = evaluate(records, pipeline)
    return metrics_of(records, rows), len(records)


if __name__ == "__main__":  # python -m geobrief.eval.coverage [GOLD] > misses.txt
    from .common import read_jsonl

    recs = read_jsonl(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_GOLD, "coverage")
    sys.stdout.write(misses(evaluate(recs)))
