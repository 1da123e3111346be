"""Readers: plain text, Markdown, HTML, JSON Lines, WARC, directories and stdin → :class:`Article`.

``read_paths`` yields an ``Article`` or a coded ``InputError`` per item, so a batch goes on
past a bad file and reports it at the end. Nothing is written here.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import GeobriefError, error
from ..model import Article
from .checks import DEFAULT_MAX_BYTES, decode
from .readers import READERS, SUFFIXES, reader_for

__all__ = ["read_paths", "read_path", "read_bytes", "DEFAULT_MAX_BYTES", "SUFFIXES"]


def read_bytes(data: bytes, source: str, fmt: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
               language_check: bool = True) -> Iterator[Article | GeobriefError]:
    """Read articles of format ``fmt`` (text|markdown|html|jsonl|warc) from raw bytes."""
    reader = READERS[fmt]
    try:
        yield from reader(data, source, max_bytes=max_bytes, language_check=language_check)
    except GeobriefError as exc:
        yield exc


def read_path(path: Path, **opts) -> Iterator[Article | GeobriefError]:
    """Read one file (a JSON Lines or WARC file may hold many articles)."""
    fmt = reader_for(path)
    if fmt is None:
        suffix = "".join(path.suffixes[-2:]) if path.suffixes else "(none)"
        yield error("G110", source=str(path), suffix=suffix)
        return
    max_bytes = opts.get("max_bytes", DEFAULT_MAX_BYTES)
    try:
        size = path.stat().st_size
        if fmt in ("text", "markdown", "html") and size > max_bytes:
            yield error("G105", source=str(path), size=size, limit=max_bytes)  # never read into memory
            return
        data = path.read_bytes()
    except OSError as exc:
        yield error("G109", source=f"{path} ({exc.strerror})")
        return
    yield from read_bytes(data, str(path), fmt, **opts)


def _walk(root: Path, skipped: list) -> list[Path]:
    """The article files under ``root``; every other file (or hidden folder) goes to ``skipped``
    as ``{"source", "reason"}``, so a batch can say what it left out and why."""
    files = []
    for dirpath, dirs, names in os.walk(root):
        here = Path(dirpath)
        for d in sorted(d for d in dirs if d.startswith(".")):
            skipped.append({"source": str(here / d), "reason": "hidden folder"})
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            f = here / n
            if n.startswith("."):
                reason = "hidden file"
            elif n.upper().startswith("README"):
                reason = "a README (documentation beside the articles)"
            elif not f.is_file():
                reason = "not a regular file"
            elif reader_for(f) is None:
                reason = f"unsupported file type '{''.join(f.suffixes[-2:]) or '(none)'}'"
            else:
                files.append(f)
                continue
            skipped.append({"source": str(f), "reason": reason})
    return sorted(files)


def _expand(paths: Iterable[str | Path], skipped: list) -> Iterator[Path | GeobriefError | str]:
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            files = _walk(path, skipped)
            if not files:
                yield error("G114", source=str(path))
            yield from files
        elif path.is_file():
            yield path
        else:
            yield error("G109", source=str(path))


def read_paths(paths: Iterable[str | Path], *, stdin_format: str = "text", skipped: Optional[list] = None,
               **opts) -> Iterator[Article | GeobriefError]:
    """Read every article under ``paths`` (files, directories, ``-`` for stdin), in order.

    Options: ``max_bytes`` (size limit per article), ``language_check`` (refuse non-English).
    ``skipped``: a list that receives ``{"source", "reason"}`` for each file inside a directory
    that is not read (unsupported type, hidden, README).
    """
    seen: dict[str, int] = {}
    for item in _expand(paths, [] if skipped is None else skipped):
        if isinstance(item, GeobriefError):
            yield item
            continue
        arts = (read_bytes(sys.stdin.buffer.read(), "<stdin>", stdin_format, **opts) if item == "-"
                else read_path(item, **opts))
        for art in arts:
            if isinstance(art, Article):
                # ids name output files: keep them unique within one call (tiny.md, tiny.html → tiny, tiny-2)
                n = seen.get(art.id, 0) + 1
                seen[art.id] = n
                if n > 1:
                    art.id = f"{art.id}-{n}"
            yield art
