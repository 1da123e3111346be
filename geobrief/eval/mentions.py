"""Actor mentions with country, on an article set annotated in the project's format.

Gold: ``{id, published, text, mentions: [{start, end, text, country, sector, kind, name}]}``
(see ``tests/fixtures/actors_gold/README.md``). Metrics: ``mention_country`` and ``mention_span``
precision/recall/F1 (a hit: overlapping span; for ``mention_country`` also the same country).
"""
from __future__ import annotations

from .actors import score_mentions


def read_gold(path, limit=None):
    """The path itself: the scorer reads the file (it needs the records and the dates together)."""
    return path, limit


def score(gold) -> tuple[dict, int]:
    path, limit = gold
    metrics, n = score_mentions(path, limit)
    metrics["errors"] = metrics["errors"][:50]  # the first errors are enough to study; the file stays small
    return metrics, n
