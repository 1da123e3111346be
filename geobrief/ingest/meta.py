"""Metadata of a plain-text article from its first lines: title, byline, dateline, "Published:".

Conservative on purpose: the first line is a title only when it looks like a headline and stands
alone (a blank line, a byline or a dateline follows it); a line is a byline only when it matches
one of the forms below. The article text is never changed: these lines stay in it, and a
front-matter value always wins over what is read here.

Byline forms: ``By NAME`` · ``By NAME and NAME`` · ``By NAME, ROLE[, for|at OUTLET]`` ·
``By NAME for OUTLET`` · ``NAME | OUTLET`` · ``NAME, ROLE`` (ROLE holds a role word from
``byline_roles.tsv``). Dates: ``Published: …`` / ``Updated: …`` lines and datelines
(``WASHINGTON, Nov. 12, 2026 (Reuters) -``) give ``published`` when they name a full date. A
dateline's credit in brackets is the agency that reported the story, not the outlet that
published it, so it never becomes ``outlet``.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

HEADER_LINES = 8  # non-empty lines read at most

_MONTHS = {m: i for i, ms in enumerate((
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december"), 1) for m in ms.split()}
_MON = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_DATES = [
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
    re.compile(rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I),
]
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|van|von|der|al|el|bin|da|di|du|la|le)(?=\s))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"
_OUTLET = r"(?:[Tt]he\s+)?[A-Z0-9][\w'’&.-]*(?:\s+(?:of|for|and|the|on|&|[A-Z0-9][\w'’&.-]*)){0,6}"
_BY = re.compile(rf"^(?:by|BY|By)\s+(?P<name>{_NAMES}?)"
                 rf"(?:\s*,\s*(?P<role>[^,|]{{2,80}}?))?"
                 rf"(?:\s*(?:,\s*|\s+)(?:for|at|of)\s+(?P<outlet>{_OUTLET})|\s*[|/]\s*(?P<outlet2>{_OUTLET}))?\s*$")
_PIPE = re.compile(rf"^(?P<name>{_NAME})\s*\|\s*(?P<outlet>{_OUTLET})\s*$")
_NAME_ROLE = re.compile(rf"^(?P<name>{_NAME}),\s+(?P<role>[^,.;:!?]{{3,80}}?)"
                        rf"(?:,\s*(?:for|at)\s+(?P<outlet>{_OUTLET}))?\s*$")
_PUBLISHED = re.compile(r"^(?:published|posted|updated|first published|date)(?:\s+on)?\s*[:\-–—]?\s*(?P<rest>.+)$", re.I)
_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)(?:\s*,\s*(?P<when>[^()\n]{0,40}?))?\s*"
                       r"(?:\((?P<credit>[A-Za-z][\w .&'’-]{1,40})\))?\s*[-–—]+\s+\S")


@functools.lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    path = Path(__file__).with_name("byline_roles.tsv")
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def find_date(text: str) -> Optional[str]:
    """The first full date (day, month and year) in ``text`` as YYYY-MM-DD, else None."""
    import datetime as _dt

    for rx in _DATES:
        m = rx.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else _MONTHS.get(g["mon"].lower().rstrip("."))
        day = int(re.match(r"\d+", g["d"]).group())
        try:
            return _dt.date(int(g["y"]), month, day).isoformat()
        except (TypeError, ValueError):
            continue
    return None


def _has_role(role: str) -> bool:
    return any(w in _roles() for w in re.findall(r"[a-z]+", role.lower()))


def byline(line: str) -> Optional[dict]:
    """``{"author", "role", "outlet"}`` when ``line`` is a byline in one of the forms, else None."""
    s = " ".join(line.split())
    if len(s) > 160:
        return None
    m = _BY.match(s)
    if m:
        role = m.group("role")
        outlet = m.group("outlet") or m.group("outlet2")
        if role and not _has_role(role) and not outlet:
            return None  # "By Monday, the talks ..." is a sentence
        return {"author": m.group("name").strip(" ,"), "role": role, "outlet": outlet}
    m = _PIPE.match(s)
    if m:
        return {"author": m.group("name"), "role": None, "outlet": m.group("outlet")}
    m = _NAME_ROLE.match(s)
    if m and _has_role(m.group("role")) and len(m.group("name").split()) >= 2:
        return {"author": m.group("name"), "role": m.group("role"), "outlet": m.group("outlet")}
    return None


def dateline(line: str) -> Optional[dict]:
    """``{"place", "published", "credit"}`` of a dateline that opens ``line``, else None."""
    m = _DATELINE.match(line)
    if not m or len(m.group("place").split()) > 4:
        return None
    when = m.group("when") or ""
    if when and not re.search(rf"{_MON}|\d", when, re.I):
        return None  # "KABUL, officials said - ..." is not a dateline
    return {"place": m.group("place").strip(), "published": find_date(when) if when else None,
            "credit": m.group("credit")}


def published_line(line: str) -> Optional[str]:
    m = _PUBLISHED.match(line.strip())
    if not m or len(line) > 120:
        return None
    return find_date(m.group("rest"))


def looks_like_headline(line: str) -> bool:
    """A short line of 2-25 words starting with a capital (or a quote or digit), with no
    sentence-final full stop, comma, colon or semicolon."""
    s = line.strip()
    words = s.split()
    if not (2 <= len(words) <= 25) or len(s) > 200 or len(s) < 8:
        return False
    if s[-1] in ".,;:-–—" or not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"):
        return False
    return sum(1 for w in words if w[:1].isalpha()) >= 2


def read_meta(text: str) -> dict:
    """Title, author, outlet and published date read from the first lines of ``text`` (only the
    keys found). ``text`` itself is left as it is."""
    lines = text.split("\n")
    idx = [i for i, ln in enumerate(lines[:60]) if ln.strip()][:HEADER_LINES]
    meta: dict = {}
    if not idx:
        return meta
    kinds = []
    for i in idx:
        ln = lines[i].strip()
        if (b := byline(ln)) is not None:
            kinds.append(("byline", b))
        elif (p := published_line(ln)) is not None:
            kinds.append(("published", p))
        elif (d := dateline(ln)) is not None:
            kinds.append(("dateline", d))
        else:
            kinds.append(("other", None))
    # the header zone: a title line, then bylines / published lines, up to the first body line
    first = lines[idx[0]].strip()
    nxt_kind = kinds[1][0] if len(kinds) > 1 else None
    blank_after = len(idx) > 1 and idx[1] > idx[0] + 1
    if kinds[0][0] == "other" and len(idx) > 1 and looks_like_headline(first) and (
            blank_after or nxt_kind in ("byline", "published", "dateline")):
        meta["title"] = first
        start = 1
    else:
        start = 0
    for kind, val in kinds[start:]:
        if kind == "byline" and "author" not in meta:
            meta["author"] = val["author"]
            if val.get("outlet"):
                meta["outlet"] = val["outlet"].strip()
        elif kind == "published" and "published" not in meta:
            meta["published"] = val
        elif kind == "dateline":
            if val.get("published") and "published" not in meta:
                meta["published"] = val["published"]
            break  # the body has begun
        elif kind == "other":
            break
    return meta
