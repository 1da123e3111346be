"""Event exports: GDELT-like rows (CSV, JSON Lines, Parquet) and PLOVER JSON.

One row per event, in the brief's own terms: compound actors stay one event (PLOVER style),
their codes joined with ";" in the actor columns. By default only asserted events are exported,
and only those that count (confidence >= 0.5, ``eval.events.MIN_CONFIDENCE``): an event the
article only recalls as background ("days after a delegation held talks"), one that no
participant or place locates in any country, or one known only from inside a coded claim stays
in the brief but is not a GDELT-style row. ``include_modes`` (or ``all_modes=True``) adds
negated, hypothetical, future, historical and attributed events, each row carrying its ``mode``;
``all_modes=True`` (or ``counted_only=False``) also keeps the uncounted ones, with their
``confidence``.

Quad class convention (as in the events stage): 1 verbal cooperation (CAMEO 01-05), 2 material
cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20, PROTEST included).
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .model import EVENT_MODES, Brief

COLUMNS = (
    "global_event_id", "article_id", "event_id", "date", "year_month",
    "actor1_code", "actor1_name", "actor1_country", "actor1_sector", "actor1_ids",
    "actor2_code", "actor2_name", "actor2_country", "actor2_sector", "actor2_ids",
    "event_code", "event_base_code", "event_root_code", "quad_class", "goldstein",
    "plover_type", "mode", "context", "source_actor",
    "action_place_id", "action_place_name", "action_place_lat", "action_place_lon", "action_place_country",
    "source_url", "published", "trigger", "trigger_start", "trigger_end",
    "evidence_sentence", "evidence_start", "evidence_end", "confidence",
)


def _join(vals: Iterable[Optional[str]]) -> Optional[str]:
    vals = [v for v in vals if v]
    return ";".join(dict.fromkeys(vals)) if vals else None


def _base(code: Optional[str]) -> Optional[str]:
    return code[:3] if code else None


def _counted(ev, counted_only: bool) -> bool:
    from .eval.events import MIN_CONFIDENCE
    return not counted_only or ev.confidence >= MIN_CONFIDENCE


def _selected(brief: Brief, include_modes: Sequence[str], counted_only: bool):
    """(event, actor codes, recipient codes, place) for each event an export includes."""
    from .stages.events import argument_codes

    places = {p.id: p for p in brief.places}
    for ev in brief.events:
        if ev.mode in include_modes and _counted(ev, counted_only):
            yield (ev, argument_codes(brief, ev, "actor"), argument_codes(brief, ev, "recipient"),
                   places.get(ev.place) if ev.place else None)


def event_rows(brief: Brief, include_modes: Sequence[str] = ("asserted",), counted_only: bool = True) -> list[dict]:
    """GDELT-like rows for the events of ``brief`` whose mode is in ``include_modes`` (and, with
    ``counted_only``, that count: see the module doc)."""
    rows = []
    art = brief.article
    for ev, a1, a2, pl in _selected(brief, include_modes, counted_only):
        date = ev.date or (str(art.published)[:10] if art.published else None)
        src = brief.actor(ev.source) if ev.source else None
        rows.append({
            "global_event_id": f"{art.id}:{ev.id}",
            "article_id": art.id,
            "event_id": ev.id,
            "date": date,
            "year_month": date[:7] if date and len(date) >= 7 and "W" not in date else None,
            "actor1_code": _join(a["code"] for a in a1),
            "actor1_name": _join(a["name"] for a in a1),
            "actor1_country": _join(a["country"] for a in a1),
            "actor1_sector": _join(a["sector"] for a in a1),
            "actor1_ids": _join(a["actor"] for a in a1),
            "actor2_code": _join(a["code"] for a in a2),
            "actor2_name": _join(a["name"] for a in a2),
            "actor2_country": _join(a["country"] for a in a2),
            "actor2_sector": _join(a["sector"] for a in a2),
            "actor2_ids": _join(a["actor"] for a in a2),
            "event_code": ev.cameo,
            "event_base_code": _base(ev.cameo),
            "event_root_code": ev.root_code,
            "quad_class": ev.quad_class,
            "goldstein": ev.goldstein,
            "plover_type": ev.plover,
            "mode": ev.mode,
            "context": _join(ev.context),
            "source_actor": src.name if src else None,
            "action_place_id": ev.place,
            "action_place_name": pl.name if pl else (ev.place_span.text if ev.place_span else None),
            "action_place_lat": pl.lat if pl else None,
            "action_place_lon": pl.lon if pl else None,
            "action_place_country": pl.country if pl else None,
            "source_url": art.url,
            "published": art.published,
            "trigger": ev.trigger.text,
            "trigger_start": ev.trigger.start,
            "trigger_end": ev.trigger.end,
            "evidence_sentence": ev.evidence.text,
            "evidence_start": ev.evidence.start,
            "evidence_end": ev.evidence.end,
            "confidence": ev.confidence,
        })
    return rows


def _modes(all_modes: bool, include_modes: Optional[Sequence[str]]) -> tuple[str, ...]:
    if all_modes:
        return EVENT_MODES
    return tuple(include_modes) if include_modes else ("asserted",)


def all_rows(briefs: Iterable[Brief], include_modes: Sequence[str] = ("asserted",),
             counted_only: bool = True) -> list[dict]:
    out = []
    for b in briefs:
        out.extend(event_rows(b, include_modes, counted_only))
    return out


def write_csv(rows: list[dict], fh) -> None:
    w = csv.DictWriter(fh, fieldnames=list(COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})


def write_jsonl(rows: list[dict], fh) -> None:
    for r in rows:
        fh.write(json.dumps({k: r.get(k) for k in COLUMNS}, ensure_ascii=False) + "\n")


ARROW_TYPES = {"trigger_start": "int64", "trigger_end": "int64", "evidence_start": "int64", "evidence_end": "int64",
               "quad_class": "int64", "goldstein": "float64", "confidence": "float64",
               "action_place_lat": "float64", "action_place_lon": "float64"}


def write_parquet(rows: list[dict], path: str | Path) -> None:
    """Parquet via pyarrow (a typed schema, so empty exports still have all columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(c, getattr(pa, ARROW_TYPES.get(c, "string"))()) for c in COLUMNS]
    schema = pa.schema(fields)
    cols = {c: [r.get(c) if c in ARROW_TYPES or r.get(c) is None else str(r.get(c)) for r in rows]
            for c in COLUMNS}
    pq.write_table(pa.table(cols, schema=schema), str(path))


def plover_events(brief: Brief, include_modes: Sequence[str] = ("asserted",), counted_only: bool = True) -> list[dict]:
    """Events in PLOVER JSON form (event_type, mode, context, actor/recipient lists, evidence)."""
    out = []
    art = brief.article
    for ev, a1, a2, pl in _selected(brief, include_modes, counted_only):
        out.append({
            "id": f"{art.id}:{ev.id}",
            "date": ev.date or (str(art.published)[:10] if art.published else None),
            "event_type": ev.plover,
            "mode": "" if ev.mode == "asserted" else ev.mode,
            "context": ev.context,
            "actor": [a["name"] for a in a1],
            "actor_country": [a["country"] for a in a1],
            "actor_code": [a["code"] for a in a1],
            "recipient": [a["name"] for a in a2],
            "recipient_country": [a["country"] for a in a2],
            "recipient_code": [a["code"] for a in a2],
            "cameo": ev.cameo,
            "quad_class": ev.quad_class,
            "goldstein": ev.goldstein,
            "location": {"name": pl.name, "lat": pl.lat, "lon": pl.lon, "country": pl.country} if pl else None,
            "source": brief.actor(ev.source).name if ev.source and brief.actor(ev.source) else None,
            "trigger": {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text},
            "text": ev.evidence.text,
            "url": art.url,
            "confidence": ev.confidence,
        })
    return out


def write_plover(briefs: Iterable[Brief], fh, include_modes: Sequence[str] = ("asserted",),
                 counted_only: bool = True) -> None:
    events = [e for b in briefs for e in plover_events(b, include_modes, counted_only)]
    json.dump({"schema": "PLOVER 1.0 (geobrief export)", "events": events}, fh, ensure_ascii=False, indent=2)
    fh.write("\n")


def write_events(briefs: Iterable[Brief], fmt: str, out: Optional[str | Path] = None, all_modes: bool = False,
                 include_modes: Optional[Sequence[str]] = None, counted_only: Optional[bool] = None) -> None:
    """Write the events of ``briefs`` as csv | jsonl | parquet | plover to ``out`` (default stdout)."""
    modes = _modes(all_modes, include_modes)
    counted = (not all_modes) if counted_only is None else counted_only
    briefs = list(briefs)
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet output needs a file (-o PATH)")
        with _atomic(out) as tmp:
            write_parquet(all_rows(briefs, modes, counted), tmp)
        return
    if fmt not in ("csv", "jsonl", "plover"):
        raise ValueError(f"unknown format {fmt!r}: csv, jsonl, parquet or plover")
    if out is None:
        _write_text(fmt, briefs, sys.stdout, modes, counted)
        return
    with _atomic(out) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            _write_text(fmt, briefs, fh, modes, counted)


def _write_text(fmt: str, briefs: list, fh, modes, counted) -> None:
    if fmt == "csv":
        write_csv(all_rows(briefs, modes, counted), fh)
    elif fmt == "jsonl":
        write_jsonl(all_rows(briefs, modes, counted), fh)
    else:
        write_plover(briefs, fh, modes, counted)


def file_mode() -> int:
    """The mode a plain ``open(path, "w")`` gives a new file: 0666 less the process umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) so that a killed or failed write leaves nothing under
    ``path``: a temporary file beside it, flushed, then renamed (see ``_atomic``)."""
    with _atomic(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def _atomic(out):
    """A temporary path beside ``out``, renamed to ``out`` when the block ends without error:
    a killed or failed write never leaves a partial file under the final name. The file gets
    the mode a plain ``open`` would (0666 less the umask)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, file_mode())
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def to_csv_string(briefs: Iterable[Brief], include_modes: Sequence[str] = ("asserted",)) -> str:
    buf = io.StringIO()
    write_csv(all_rows(briefs, include_modes), buf)
    return buf.getvalue()
