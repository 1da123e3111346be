"""The corpus layer: store briefs, group near-duplicate stories, and answer across them.

Public functions (the CLI commands ``ingest``, ``network``, ``profiles``, ``ask``, ``export``
call these):

- :func:`ingest` — read paths (or ``Article`` objects), analyse what is new, store it.
- :func:`network` — the actor network over time (GraphML, GEXF or CSV).
- :func:`profiles` — per-outlet and per-author source profiles.
- :func:`ask` / :func:`render_answer` — evidence-graded answers in the corpus's own words.
- :func:`export` — every table to CSV, JSON Lines or Parquet.
- :func:`corroborate` — materialise event/claim corroboration tables.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import GeobriefError, error
from ..model import Article, Brief

# Submodules are imported first so that the functions below (same names as some submodules)
# stay the package attributes.
from . import store as _store, dedup as _dedup  # noqa: E402,F401
from . import network as _network_mod, profiles as _profiles_mod, ask as _ask_mod  # noqa: E402
from . import export as _export_mod, corroborate as _corroborate_mod  # noqa: E402

__all__ = ["ingest", "IngestReport", "network", "profiles", "ask", "render_answer", "export",
           "corroborate", "Answer"]

BATCH = 64
WRITE_WAIT = 600.0  # seconds ingest waits for a reader (ask, export) to let go of the store


@dataclass
class IngestReport:
    """What one ``ingest`` run did. The counts add up: ``inputs = stored + skipped + failed``.

    ``inputs`` counts every item the paths gave (each article, each unreadable file or record,
    each file a directory held that is not an article); ``read`` those read as articles;
    ``stored`` the new articles stored; ``skipped`` what was not stored and is not an error
    (already stored, repeated in the input, or a file of another kind), each reason counted in
    ``skipped_reasons`` and every skipped file listed in ``skipped_files``; ``failed`` the items
    with a coded error (listed in ``errors``).
    """

    store: str
    inputs: int = 0
    read: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    skipped_reasons: dict = field(default_factory=dict)
    skipped_files: list[dict] = field(default_factory=list)  # {source, reason}
    errors: list[dict] = field(default_factory=list)  # coded errors of bad items: {code, message, hint, source}
    seconds: float = 0.0
    total: int = 0  # articles in the store after the run

    @property
    def exit_code(self) -> int:
        return 3 if self.errors else 0

    def skip(self, reason: str, n: int = 1) -> None:
        if not n:
            return
        self.skipped += n
        self.skipped_reasons[reason] = self.skipped_reasons.get(reason, 0) + n

    def fail(self, err: dict) -> None:
        self.failed += 1
        self.errors.append(err)

    def to_dict(self) -> dict:
        return {"store": self.store, "inputs": self.inputs, "read": self.read, "stored": self.stored,
                "skipped": self.skipped, "failed": self.failed, "skipped_reasons": self.skipped_reasons,
                "skipped_files": self.skipped_files, "errors": self.errors,
                "seconds": round(self.seconds, 3), "total": self.total}


def _items(paths: Iterable, skipped: list) -> Iterator[Article | GeobriefError]:
    """Articles given directly pass through; paths are read with ``geobrief.ingest.read_paths``."""
    pending: list = []
    for p in paths:
        if isinstance(p, (Article, GeobriefError)):
            if pending:
                yield from _read(pending, skipped)
                pending = []
            yield p
        else:
            pending.append(p)
    if pending:
        yield from _read(pending, skipped)


def _read(paths: list, skipped: list) -> Iterator[Article | GeobriefError]:
    from ..ingest import read_paths

    yield from read_paths(paths, skipped=skipped)


def ingest(paths: Iterable[str | Path | Article], store_path: str | Path, pipeline=None,
           progress: bool = True, batch_size: int = BATCH, build_index: bool = True,
           wait: float = 0.0) -> IngestReport:
    """Analyse and store every new article under ``paths`` into the store at ``store_path``.

    ``paths``: files, directories, JSON Lines, WARC (read by ``geobrief.ingest.read_paths``),
    or ``Article`` objects. Articles whose content hash is already stored are skipped without
    analysis (incremental, idempotent). Each batch of ``batch_size`` articles is written in one
    transaction: an article is stored whole or not at all, and re-running after a crash resumes.
    ``pipeline``: any object with ``run_many(articles)`` like :class:`geobrief.pipeline.Pipeline`
    (default: the default pipeline). Bad items are reported in ``IngestReport.errors`` and the
    batch goes on. ``progress`` shows a progress bar on stderr. After the last batch the
    full-text index used by ``ask`` is rebuilt (``build_index=False`` leaves that to ``ask``).

    One ingest writes to a store at a time: another one running gives G503 (or, with ``wait``
    seconds, waits for it). The store is open only to look up and to write each batch, never
    while articles are analysed, so ``ask``, ``network``, ``profiles`` and ``export`` can read it
    meanwhile.
    """
    import numpy as np  # noqa: F401  (dedup needs it; fail early)

    from ..pipeline import chunked, content_hash, default_pipeline
    from . import dedup
    from .store import Store, WriterLock

    t0 = time.perf_counter()
    report = IngestReport(store=str(store_path))
    bar = None
    seen: set[str] = set()
    skipped_files: list[dict] = []
    with WriterLock(str(store_path), wait=wait):
        if progress:
            try:
                from tqdm import tqdm

                bar = tqdm(desc="ingest", unit="art", file=sys.stderr, dynamic_ncols=True)
            except ImportError:
                bar = None
        for chunk in chunked(_items(paths, skipped_files), batch_size):
            todo: list[Article] = []
            for item in chunk:
                report.inputs += 1
                if isinstance(item, GeobriefError):
                    report.fail(item.to_dict())
                    continue
                report.read += 1
                h = item.content_hash or content_hash(item.text)
                item.content_hash = h
                if h in seen:
                    report.skip("repeated in the input")
                    continue
                seen.add(h)
                todo.append(item)
            if todo:
                with Store(str(store_path), wait=WRITE_WAIT) as store:
                    known = store.known(a.content_hash for a in todo)
                    report.skip("already stored", sum(1 for a in todo if a.content_hash in known))
                    todo = [a for a in todo if a.content_hash not in known]
                    if todo:
                        _unique_ids(store, todo)
            if todo:
                pipe = pipeline if pipeline is not None else default_pipeline()
                done: list[tuple[Brief, str]] = []
                for art, res in pipe.run_many(todo):
                    if isinstance(res, GeobriefError):
                        d = res.to_dict()
                        if art is not None:
                            d["source"] = art.source or art.id
                        report.fail(d)
                    else:
                        done.append((res, res.article.content_hash or content_hash(res.article.text)))
                sigs = {b.article.id: dedup.minhash(b.article.text) for b, _ in done}
                with Store(str(store_path), wait=WRITE_WAIT) as store:
                    groups, bands = dedup.assign_groups(store.con, list(sigs.items()))
                    report.stored += store.write_batch(done, groups=groups, signatures=sigs, bands=bands)
            if bar is not None:
                bar.update(len(chunk))
                bar.set_postfix(stored=report.stored, skipped=report.skipped, errors=len(report.errors))
        for f in skipped_files:
            report.inputs += 1
            report.skip("not an article file")
        report.skipped_files = skipped_files
        with Store(str(store_path), wait=WRITE_WAIT) as store:
            if build_index and (report.stored or store.meta("fts_dirty") != "0"):
                store.rebuild_fts()  # also after a run that was killed before it got here
            report.total = store.count()
    if bar is not None:
        bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def _unique_ids(store, arts: list[Article]) -> None:
    """Give articles whose id is taken (by other content) a suffixed id."""
    taken = store.known_ids(a.id for a in arts)
    batch: set[str] = set()
    for a in arts:
        if a.id in taken or a.id in batch:
            a.id = f"{a.id}~{a.content_hash[:8]}"
        batch.add(a.id)


def network(store_path, actor: Optional[str] = None, since: Optional[str] = None,
            until: Optional[str] = None, bucket: str = "month", fmt: str = "csv",
            out=None, min_events: int = 1):
    """The actor network over time; see :func:`geobrief.corpus.network.network`."""
    return _network_mod.network(store_path, actor=actor, since=since, until=until, bucket=bucket, fmt=fmt,
                    out=out, min_events=min_events)


def profiles(store_path, by: str = "outlet", name: Optional[str] = None, fmt: str = "json"):
    """Source profiles per outlet or author; see :func:`geobrief.corpus.profiles.profiles`."""
    return _profiles_mod.profiles(store_path, by=by, name=name, fmt=fmt)


def ask(question: str, store_path, limit: int = 12):
    """Answer ``question`` from the corpus; see :func:`geobrief.corpus.ask.ask`."""
    return _ask_mod.ask(question, store_path, limit=limit)


def render_answer(answer, fmt: str = "text") -> str:
    """Render an :class:`Answer` as ``text``, ``markdown`` or ``json``."""
    return _ask_mod.render_answer(answer, fmt)


def export(store_path, out_dir, fmt: str = "csv", tables: Optional[Iterable[str]] = None) -> dict:
    """Export every table to ``out_dir`` as csv, jsonl or parquet; see :mod:`.export`."""
    return _export_mod.export(store_path, out_dir, fmt=fmt, tables=tables)


def corroborate(store_path) -> dict:
    """Materialise ``event_corroboration`` and ``claim_corroboration``; see :mod:`.corroborate`."""
    return _corroborate_mod.materialise(store_path)


Answer = _ask_mod.Answer
