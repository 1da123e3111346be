"""Where derived knowledge indexes are cached: one directory for every loader.

``$GEOBRIEF_CACHE_DIR``, else ``$XDG_CACHE_HOME/geobrief``, else ``~/.cache/geobrief``.
Caches are keyed by their inputs, so a stale one is never read; deleting the directory is safe.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The geobrief cache directory (not created here)."""
    base = os.environ.get("GEOBRIEF_CACHE_DIR") or os.environ.get("GEOBRIEF_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "geobrief"
