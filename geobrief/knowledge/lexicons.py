"""Loader for the project's word lists (``geobrief/knowledge/lexicons/*.tsv``).

File format (shared by every stage; each stage prefixes its own files, e.g. ``claims_``):

* comment lines start with ``#``; the file must carry ``# source: ...`` and ``# licence: ...``
  lines before its first row;
* an optional ``# columns: a b c`` comment names the tab-separated columns;
* blank lines are ignored; every row has the same number of tab-separated fields
  (the first row fixes it, or the ``# columns`` line), and no empty first field.

``load_lexicon(name)`` returns a ``list[str]`` for one-column files, a ``dict[str, str]`` for
two-column files and a ``dict[str, tuple[str, ...]]`` for wider files, keyed by the first field.
A duplicated key or a malformed row raises ``error("G201", path, line, detail)``.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Union

from ..errors import error

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"

Lexicon = Union[list, dict]


def lexicon_path(name: str) -> Path:
    """The path of the lexicon ``name`` (with or without the ``.tsv`` suffix)."""
    return LEXICON_DIR / (name if name.endswith(".tsv") else name + ".tsv")


def parse_lexicon(text: str, path: str = "<string>") -> Lexicon:
    """Parse lexicon text (see module doc); ``path`` is only used in error messages."""
    has_source = has_licence = False
    ncols: int | None = None
    rows: list[tuple[int, list[str]]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            body = line.lstrip()[1:].strip()
            low = body.lower()
            if low.startswith("source:"):
                has_source = True
            elif low.startswith("licence:") or low.startswith("license:"):
                has_licence = True
            elif low.startswith("columns:"):
                ncols = len(body.split(":", 1)[1].split())
            continue
        if not (has_source and has_licence):
            raise error("G201", path=path, line=lineno,
                        detail="the '# source:' and '# licence:' header lines must come before the first row")
        fields = [f.strip() for f in line.split("\t")]
        if ncols is None:
            ncols = len(fields)
        if len(fields) != ncols:
            raise error("G201", path=path, line=lineno,
                        detail=f"expected {ncols} tab-separated field(s), found {len(fields)}")
        if not fields[0]:
            raise error("G201", path=path, line=lineno, detail="empty first field")
        rows.append((lineno, fields))
    if not (has_source and has_licence):
        raise error("G201", path=path, line=1, detail="missing '# source:' or '# licence:' header line")
    if ncols in (None, 1):
        return [f[0] for _, f in rows]
    out: dict = {}
    for lineno, fields in rows:
        key = fields[0]
        if key in out:
            raise error("G201", path=path, line=lineno, detail=f"duplicate entry '{key}'")
        out[key] = fields[1] if ncols == 2 else tuple(fields[1:])
    return out


@functools.lru_cache(maxsize=None)
def load_lexicon(name: str) -> Lexicon:
    """Load the lexicon ``name`` from ``geobrief/knowledge/lexicons/`` (cached per process)."""
    p = lexicon_path(name)
    if not p.is_file():
        raise error("G202", path=str(p))
    return parse_lexicon(p.read_text(encoding="utf-8"), str(p))
