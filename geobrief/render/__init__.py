"""Renderers of a Brief: text (terminal), json, md (Markdown) and html (one self-contained page)."""
from __future__ import annotations

from typing import Callable

from ..model import Brief


def renderer(fmt: str) -> Callable[[Brief], str]:
    """The render function for ``fmt`` (text|json|md|html; ``markdown`` is ``md``)."""
    fmt = ALIASES.get(fmt, fmt)
    if fmt == "json":
        from ..model import to_json
        return to_json
    if fmt == "md":
        from .markdown import render
        return render
    if fmt == "html":
        from .html import render
        return render
    if fmt == "text":
        from .text import render
        return render
    raise ValueError(f"unknown format {fmt!r}")


FORMATS = ("text", "json", "md", "html")
ALIASES = {"markdown": "md"}  # one format, two names: accepted everywhere a format is chosen
SUFFIX = {"text": ".txt", "json": ".json", "md": ".md", "html": ".html"}
