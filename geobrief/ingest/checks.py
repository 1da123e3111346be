"""Checks every input passes before it becomes an article: size, binary, encoding, language."""
from __future__ import annotations

import re

from ..errors import error

DEFAULT_MAX_BYTES = 2_000_000

# Frequent English function words that are rare in other languages written in Latin script
# (so "a", "on", "de", "la" are left out). Written for geobrief.
_ENGLISH = frozenset("""
the of and to in is was that for with by as at from has have had said it its are were be been
this an will would which their they he she his her not but who also after than more about into
over there when what can could may should these those our we you been being or if while
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def check_size(data: bytes, source: str, max_bytes: int) -> None:
    """Refuse inputs over ``max_bytes``."""
    if len(data) > max_bytes:
        raise error("G105", source=source, size=len(data), limit=max_bytes)


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); binary or undecodable bytes are coded errors."""
    if not data.strip():
        raise error("G101", source=source)
    head = data[:8192]
    if b"\x00" in head:
        raise error("G102", source=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # mostly control bytes → binary; otherwise a text in another encoding
        ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
        if ctrl > len(head) * 0.05:
            raise error("G102", source=source) from exc
        raise error("G103", source=source, offset=exc.start) from exc
    ctrl = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if ctrl > min(len(text), 8192) * 0.05:
        raise error("G102", source=source)
    return text


def english_share(text: str) -> float:
    """Share of words that are common English function words (0..1)."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return 0.0
    return sum(1 for w in words if w in _ENGLISH) / len(words)


MAX_RUN = 10_000  # characters without a sentence end or line break: not prose (a dump, minified data)
_BREAK = re.compile(r"[.!?;:\n\u3002]")


def longest_run(text: str) -> int:
    """The longest stretch of ``text`` with no sentence end or line break (linear time)."""
    best, last = 0, -1
    for m in _BREAK.finditer(text):
        best = max(best, m.start() - last - 1)
        last = m.start()
    return max(best, len(text) - last - 1)


def check_text(text: str, source: str, language_check: bool = True) -> str:
    """Refuse empty, non-prose and non-English article text; return the text unchanged."""
    if not text or not text.strip():
        raise error("G101", source=source)
    if len(text) > MAX_RUN:
        run = longest_run(text)
        if run > MAX_RUN:
            raise error("G116", source=source, length=run, limit=MAX_RUN)
    if language_check:
        words = _WORD.findall(text[:20000])
        share = english_share(text)
        # English news prose runs at 0.30-0.45; very short texts get a lower bar.
        bar = 0.12 if len(words) >= 25 else 0.05
        if share < bar:
            raise error("G104", source=source, share=share)
    return text
