"""Analyse a pasted text or an uploaded file: the input checks of ``geobrief.ingest`` (size,
binary, UTF-8, English), then the pipeline, one analysis at a time (the analyse endpoints are
also rate-limited per client). The upload's file name only chooses the reader (text, Markdown or
HTML) and labels the brief; nothing is read from or written to the server's disk."""
from __future__ import annotations

import threading
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


class Analyser:
    """Runs the pipeline on one input at a time (the pipeline is built on first use)."""

    def __init__(self, pipeline_factory: Optional[Callable] = None, max_bytes: int = 2_000_000):
        self.factory = pipeline_factory
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
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
                return res
        raise error("G115", source=article.source or article.id, detail="no result")
