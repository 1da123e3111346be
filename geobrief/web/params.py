"""Request parameters, checked: every value is a short string, an ISO date, a bounded integer or
one of a fixed set; anything else is a G603 error naming the parameter. No parameter is ever
used as a file path: articles, actors and places are looked up by id or key in the store."""
from __future__ import annotations

import datetime as _dt
from typing import Optional
from urllib.parse import urlencode

from ..errors import error

MAX_TEXT = 300
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
BUCKETS = ("day", "week", "month", "quarter", "year")


class Params:
    """Typed access to a request's query (or form) parameters."""

    def __init__(self, query):
        self.q = query

    def text(self, name: str, max_len: int = MAX_TEXT) -> Optional[str]:
        v = self.q.get(name)
        if v is None:
            return None
        v = v.strip()
        if len(v) > max_len:
            raise error("G603", name=name, detail=f"longer than {max_len} characters")
        if any(ord(ch) < 32 for ch in v):
            raise error("G603", name=name, detail="control characters")
        return v or None

    def date(self, name: str) -> Optional[str]:
        v = self.text(name, 10)
        if v is None:
            return None
        try:
            return _dt.date.fromisoformat(v).isoformat()
        except ValueError:
            raise error("G603", name=name, detail=f"'{v}' is not an ISO date (YYYY-MM-DD)") from None

    def integer(self, name: str, default: int, lo: int, hi: int) -> int:
        v = self.text(name, 12)
        if v is None:
            return default
        try:
            n = int(v)
        except ValueError:
            raise error("G603", name=name, detail=f"'{v}' is not a whole number") from None
        if not lo <= n <= hi:
            raise error("G603", name=name, detail=f"{n} is outside {lo}..{hi}")
        return n

    def choice(self, name: str, choices, default: Optional[str] = None) -> Optional[str]:
        v = self.text(name, 40)
        if v is None:
            return default
        if v not in choices:
            raise error("G603", name=name, detail=f"'{v}' is not one of {', '.join(choices)}")
        return v

    def page(self, default_limit: int = 20) -> tuple[int, int]:
        return (self.integer("limit", default_limit, 1, MAX_LIMIT),
                self.integer("offset", 0, 0, MAX_OFFSET))


def page_links(path: str, query: dict, total: int, limit: int, offset: int) -> dict:
    """Links to the previous and next pages (None at either end), other parameters kept."""
    keep = {k: v for k, v in query.items() if k not in ("offset", "limit") and v not in (None, "")}

    def link(off: int) -> str:
        return path + "?" + urlencode({**keep, "limit": limit, "offset": off})

    return {"next": link(offset + limit) if offset + limit < total else None,
            "prev": link(max(0, offset - limit)) if offset > 0 else None}


def paginated(path: str, query: dict, res: dict, limit: int, offset: int) -> dict:
    """The API's page shape: items, total, limit, offset, next, prev."""
    return {"items": res["items"], "total": res["total"], "limit": limit, "offset": offset,
            **page_links(path, query, res["total"], limit, offset),
            **{k: v for k, v in res.items() if k not in ("items", "total")}}
