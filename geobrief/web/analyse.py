"""Analyse a pasted text or an uploaded file: the input checks of ``geobrief.ingest`` (size,
binary, UTF-8, English), then the pipeline, one analysis at a time (the analyse endpoints are
also rate-limited per client). The upload's file name only chooses the reader (text, Markdown or
HTML) and labels the brief; nothing is read from the server's disk. A brief analysed here is
written to the store only when the user adds it, through ``ingest``."""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Optional

from ..errors import GeobriefError, error
from ..model import Brief

UPLOAD_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
UPLOAD_TYPES = {"", "text/plain", "text/markdown", "text/x-markdown", "text/html", "application/octet-stream"}
FIELDS = ("title", "outlet", "author", "published", "url")


def reader_format(filename: str, content_type: str) -> str:
    """The reader for an upload named ``filename``; G110 for any other type."""
    name = (filename or "").lower()
    suffix = name[name.rfind("."):] if "." in name else ""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise error("G110", source=filename or "upload", suffix=suffix or "(none)")
    if ctype not in UPLOAD_TYPES:
        raise error("G110", source=filename or "upload", suffix=ctype)
    return UPLOAD_SUFFIXES[suffix]


class _Replay:
    """A pipeline that returns briefs already made (so ``ingest`` stores what the user saw)."""

    def __init__(self, briefs: dict):
        self.briefs = briefs

    def run_many(self, articles, batch_size=16, n_process=1):
        for a in articles:
            yield a, self.briefs[a.id]


class Analyser:
    """Runs the pipeline on one input at a time (the pipeline is built on first use), and keeps
    the last ``keep`` briefs so that one can be added to the store as it was shown."""

    def __init__(self, pipeline_factory: Optional[Callable] = None, max_bytes: int = 2_000_000, keep: int = 32):
        self.factory = pipeline_factory
        self.max_bytes = max_bytes
        self.keep = keep
        self.recent: OrderedDict[str, Brief] = OrderedDict()
        self.jobs: OrderedDict[str, dict] = OrderedDict()  # job id → {state, error, brief_id, seq}
        self._lock = threading.Lock()
        self._jobs_lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geobrief-analyse")
        self._seq = 0
        self._done = 0
        self._pipe = None

    def pipeline(self):
        if self._pipe is None:
            if self.factory is None:
                from ..pipeline import default_pipeline
                self._pipe = default_pipeline()
            else:
                self._pipe = self.factory()
        return self._pipe

    def read(self, data: bytes, fmt: str, source: str, fields: dict):
        """The Article read from ``data`` (metadata from ``fields`` fills what the text lacks)."""
        from ..ingest import read_bytes
        from ..pipeline import content_hash

        if len(data) > self.max_bytes:
            raise error("G105", source=source, size=len(data), limit=self.max_bytes)
        items = list(read_bytes(data, source, fmt, max_bytes=self.max_bytes))
        if not items:
            raise error("G101", source=source)
        art = items[0]
        if isinstance(art, GeobriefError):
            raise art
        for k in FIELDS:
            if fields.get(k) and not getattr(art, k, None):
                setattr(art, k, fields[k])
        if fields.get("published"):
            from ..ingest.readers import normalise_date
            art.published = normalise_date(art.published, source)
        art.content_hash = art.content_hash or content_hash(art.text)
        art.id = f"analysed-{art.content_hash[:12]}"
        return art

    def run(self, article) -> Brief:
        with self._lock:
            pipe = self.pipeline()
            for _, res in pipe.run_many([article]):
                if isinstance(res, GeobriefError):
                    raise res
                self.recent[res.article.id] = res
                while len(self.recent) > self.keep:
                    self.recent.popitem(last=False)
                return res
        raise error("G115", source=article.source or article.id, detail="no result")

    # ---- background jobs (the analyse page) --------------------------------------------------
    def submit(self, article) -> str:
        """Queue ``article`` for the background worker; the job's id (unguessable)."""
        job_id = secrets.token_urlsafe(12)
        with self._jobs_lock:
            self._seq += 1
            self.jobs[job_id] = {"state": "queued", "error": None, "brief_id": None, "seq": self._seq}
            while len(self.jobs) > self.keep:
                self.jobs.popitem(last=False)
        self._worker.submit(self._work, job_id, article)
        return job_id

    def _work(self, job_id: str, article) -> None:
        job = self.jobs.get(job_id)
        if job is None:
            return
        job["state"] = "analysing"
        try:
            job["brief_id"] = self.run(article).article.id
            job["state"] = "done"
        except GeobriefError as exc:
            job["error"], job["state"] = exc.to_dict(), "failed"
        except Exception as exc:  # a bug: say so on the job's page, keep the worker
            job["error"], job["state"] = error("G115", source=article.source or article.id,
                                               detail=type(exc).__name__).to_dict(), "failed"
        finally:
            with self._jobs_lock:
                self._done = max(self._done, job["seq"])

    def job(self, job_id: str) -> Optional[dict]:
        """The job's state, with ``ahead``: how many queued jobs come before it."""
        job = self.jobs.get(job_id)
        if job is None:
            return None
        return {**job, "ahead": max(0, job["seq"] - self._done - 1) if job["state"] == "queued" else 0}

    def add(self, brief_id: str, store_path: str) -> str:
        """Store a brief analysed here (``geobrief.corpus.ingest``: the one-writer lock, story
        groups, the full-text index); the stored article's id. G601 when it is no longer kept,
        G503 while an ingest is writing the store."""
        from ..corpus import ingest

        brief = self.recent.get(brief_id)
        if brief is None:
            raise error("G601", id=brief_id)
        with self._lock:
            report = ingest([brief.article], store_path, pipeline=_Replay({brief.article.id: brief}), progress=False)
        if report.errors:
            e = report.errors[0]
            raise GeobriefError(e["code"], e["message"], e["hint"])
        return brief.article.id
