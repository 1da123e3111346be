"""Scorers for ``geobrief eval TASK --gold FILE``: one module per task, one ``score`` each.

Every scorer reads a gold file in the formats of ``../shared/eval/dev`` (see that README)
and returns ``{"task": ..., "metrics": {...}, "n": ...}``.
"""
from __future__ import annotations

import importlib

from ..errors import error

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
}


def run(task: str, gold: str, limit: int | None = None) -> dict:
    """Score ``task`` against the gold file at ``gold``; ``limit`` scores only the first N records."""
    if task not in TASKS:
        raise error("G403", task=task, known=", ".join(TASKS))
    mod = importlib.import_module(TASKS[task])
    records = mod.read_gold(gold, limit) if hasattr(mod, "read_gold") else None
    from .common import read_jsonl

    if records is None:
        records = read_jsonl(gold, task, limit)
    metrics, n = mod.score(records)
    return {"task": task, "gold": str(gold), "metrics": metrics, "n": n}
