"""Shared pieces of the scorers: reading gold files with coded errors, P/R/F1, span overlap."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Optional

from ..errors import error


def read_jsonl(path: str | Path, task: str, limit: Optional[int] = None,
               required: Iterable[str] = ("text",)) -> list[dict]:
    """Read a gold JSON Lines file; a missing file or a malformed line is a coded error."""
    p = Path(path)
    if not p.is_file():
        raise error("G401", path=str(p))
    out: list[dict] = []
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error("G402", path=str(p), line=lineno, detail=exc.msg, task=task) from exc
            if not isinstance(rec, dict):
                raise error("G402", path=str(p), line=lineno, detail="not a JSON object", task=task)
            for key in required:
                if key not in rec:
                    raise error("G402", path=str(p), line=lineno, detail=f"missing '{key}'", task=task)
            out.append(rec)
            if limit and len(out) >= limit:
                break
    return out


def prf(tp: float, n_pred: float, n_gold: float) -> dict:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def binary_f1(gold: list, pred: list, positive) -> dict:
    """P/R/F1 of the ``positive`` label."""
    tp = sum(1 for g, p in zip(gold, pred) if g == positive and p == positive)
    return prf(tp, sum(1 for p in pred if p == positive), sum(1 for g in gold if g == positive))


def macro_f1(gold: list, pred: list) -> float:
    """Macro-averaged F1 over the gold labels."""
    labels = sorted(set(gold))
    return round(sum(binary_f1(gold, pred, lab)["f1"] for lab in labels) / len(labels), 4) if labels else 0.0


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters two end-exclusive spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))
