"""The time a text is read at: who held which role depends on it.

- a publication date: roles on that day;
- no date, but a copyright line ("(c) 2018", "Copyright 2018"): roles during that year;
- no date, but years the text mentions: the story was written in or after the latest past year it
  names, so any role held at some point from then to today may be the one meant (a 2001 story
  must not make a serving president "former president");
- nothing at all: the date is unknown and no role is called "former" on the clock's word.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple, Optional

_COPYRIGHT = re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?P<y>(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\d$\u20ac\u00a3.,/-])(?P<y>(?:19[4-9]|20\d)\d)(?![\d%]|\s*(?:%|per\s*cent|percent))")
# a year that only sets a deadline or a plan ("by 2030", "until 2035") says nothing of when it was written
_FUTURE_CUE = re.compile(r"\b(?:by|until|till)\s+(?:the\s+end\s+of\s+)?$", re.I)
EARLIEST = _dt.date(1900, 1, 1)


class Reading(NamedTuple):
    on: _dt.date  # the latest day the text can be read at
    since: Optional[_dt.date]  # the earliest (None: exactly ``on``)
    basis: str  # published | copyright | years | unknown

    def qualifier(self) -> str:
        """How a role from the knowledge base is dated, for a text without a publication date."""
        if self.basis == "copyright":
            return f"as of {self.since.year}"
        if self.basis == "years":
            return f"as of {self.since.year} or later; article undated"
        return "article undated"


def reading(text: str, published: Optional[_dt.date], today: Optional[_dt.date] = None) -> Reading:
    """When the text is to be read (see the module docstring)."""
    today = today or _dt.date.today()
    if published is not None:
        return Reading(published, None, "published")
    m = _COPYRIGHT.search(text)
    if m and int(m.group("y")) <= today.year:
        y = int(m.group("y"))
        return Reading(min(_dt.date(y, 12, 31), today), _dt.date(y, 1, 1), "copyright")
    years = []
    for m in _YEAR.finditer(text):
        y = int(m.group("y"))
        if y > today.year:
            continue
        if _FUTURE_CUE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        years.append(y)
    if years:
        return Reading(today, _dt.date(max(years), 1, 1), "years")
    return Reading(today, EARLIEST, "unknown")
