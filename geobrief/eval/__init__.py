"""Scorers for ``geobrief eval TASK --gold FILE``: one module per task, one ``score`` each.

Every scorer reads a gold file in the formats of ``../shared/eval/dev`` (see that README)
and returns ``{"task": ..., "metrics": {...}, "n": ...}``.
"""
from __future__ import annotations

import hashlib
import importlib
import re

from ..errors import error

SPLITS = ("all", "tune", "check")


def split_key(rec: dict) -> str:
    """The unit a dev set is halved by: the article, debate or story a record belongs to.

    PETR2 sentence ids carry their story before the last ``_`` (``AFP0808020625_4``), so a story's
    sentences stay in one half; every other set is halved by record id (an article or a sentence).
    """
    rid = str(rec.get("id", ""))
    m = re.match(r"^([A-Z]{2,}\d+)_\d+$", rid)
    return m.group(1) if m else rid


def in_split(rec: dict, split: str) -> bool:
    """True when ``rec`` belongs to ``split``: a stable half by the sha1 of its split key."""
    if split == "all":
        return True
    half = "tune" if hashlib.sha1(split_key(rec).encode("utf-8")).digest()[0] % 2 == 0 else "check"
    return half == split

TASKS = {
    "events": "geobrief.eval.events",
    "actors": "geobrief.eval.actors",
    "mentions": "geobrief.eval.mentions",
    "places": "geobrief.eval.places",
    "propaganda": "geobrief.eval.propaganda",
    "portrayal": "geobrief.eval.portrayal",
    "genre": "geobrief.eval.genre",
    "hedge": "geobrief.eval.hedge",
    "subjectivity": "geobrief.eval.subjectivity",
    "checkworthy": "geobrief.eval.checkworthy",
    "factuality": "geobrief.eval.factuality",
    "attribution": "geobrief.eval.attribution",
    "coverage": "geobrief.eval.coverage",
    "framing-news": "geobrief.eval.framing_news",
}


def run(task: str, gold: str, limit: int | None = None, split: str = "all") -> dict:
    """Score ``task`` against the gold file at ``gold``; ``limit`` scores only the first N records.

    ``split`` is ``all``, or the ``tune`` / ``check`` half of the records (see :func:`in_split`):
    rules are tuned on the tune half and reported on both.
    """
    if task not in TASKS:
        raise error("G403", task=task, known=", ".join(TASKS))
    if split not in SPLITS:
        raise error("G403", task=f"{task} --split {split}", known=", ".join(SPLITS))
    mod = importlib.import_module(TASKS[task])
    records = mod.read_gold(gold, limit) if hasattr(mod, "read_gold") else None
    from .common import read_jsonl

    if records is None:
        records = read_jsonl(gold, task, None if split != "all" else limit)
        if split != "all":
            records = [r for r in records if in_split(r, split)][:limit] if limit else \
                [r for r in records if in_split(r, split)]
    metrics, n = mod.score(records)
    out = {"task": task, "gold": str(gold), "metrics": metrics, "n": n}
    if split != "all":
        out["split"] = split
    return out
