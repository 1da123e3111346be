"""Event dates: date expressions near a trigger, resolved against the publication date."""
from __future__ import annotations

import bisect

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ...knowledge import events as kb
from ...model import Span
from .syntax import (
    _is_verb, _in_dateline,
)


# ---------------------------------------------------------------------------- dates
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "several": None}


def _shift_month(d: dt.date, n: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) + n
    return m // 12, m % 12 + 1


def resolve_date(expr: str, pub: Optional[dt.date], future: bool = False) -> tuple[Optional[str], Optional[dt.date]]:
    """ISO date (possibly reduced precision: YYYY-MM, YYYY, YYYY-Www) for a date expression,
    and the last day the expression can denote (for the historical test)."""
    s = expr.lower().strip()
    s = re.sub(r"^(on|in|at|during|by|since|from|the)\s+", "", s)
    s = re.sub(r"\s+(night|morning|evening|afternoon)$", "", s)
    # explicit day month year / month day, year
    m = re.search(r"\b(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})\b", s) or None
    if m and m.group(2) in MONTHS:
        d = dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        return d.isoformat(), d
    m = re.search(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", s)
    if m and m.group(1) in MONTHS:
        try:
            d = dt.date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
            return d.isoformat(), d
        except ValueError:
            pass
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", s)
    if m and m.group(1) in MONTHS:
        y, mo = int(m.group(2)), MONTHS[m.group(1)]
        last = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
        return f"{y:04d}-{mo:02d}", last
    m = re.fullmatch(r"(\d{4})", s)
    if m and 1800 <= int(m.group(1)) <= 2100:
        y = int(m.group(1))
        return f"{y:04d}", dt.date(y, 12, 31)
    if pub is None:
        return None, None
    m = re.fullmatch(r"(?:([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})\s+([a-z]+))", s)
    if m:
        mon = m.group(1) or m.group(4)
        day = m.group(2) or m.group(3)
        if mon in MONTHS:
            try:
                d = dt.date(pub.year, MONTHS[mon], int(day))
            except ValueError:
                return None, None
            if not future and d > pub + dt.timedelta(days=2):
                d = d.replace(year=pub.year - 1)
            return d.isoformat(), d
    for i, w in enumerate(WEEKDAYS):
        if s == w or s == w + "s" or s == "last " + w or s == "this " + w or s == "next " + w:
            if s.startswith("next") or (future and not s.startswith("last")):
                delta = (i - pub.weekday()) % 7 or (7 if s.startswith("next") else 0)
                d = pub + dt.timedelta(days=delta)
            else:
                delta = (pub.weekday() - i) % 7
                if s.startswith("last") and delta == 0:
                    delta = 7
                d = pub - dt.timedelta(days=delta)
            return d.isoformat(), d
    simple = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this morning": 0,
              "this evening": 0, "last night": -1, "overnight": 0, "earlier today": 0}
    if s in simple:
        d = pub + dt.timedelta(days=simple[s])
        return d.isoformat(), d
    m = re.fullmatch(r"(last|this|next|earlier this|later this)\s+(week|month|year)", s)
    if m:
        rel, unit = m.group(1), m.group(2)
        n = {"last": -1, "next": 1}.get(rel, 0)
        if unit == "week":
            d = pub + dt.timedelta(days=7 * n)
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}", d + dt.timedelta(days=6 - d.weekday())
        if unit == "month":
            y, mo = _shift_month(pub, n)
            last = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
            return f"{y:04d}-{mo:02d}", last
        y = pub.year + n
        return f"{y:04d}", dt.date(y, 12, 31)
    m = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+ago", s)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMWORDS.get(m.group(1))
        if not n:
            return None, None
        unit = m.group(2)
        if unit in ("day", "week"):
            d = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return d.isoformat(), d
        if unit == "month":
            y, mo = _shift_month(pub, -n)
            return f"{y:04d}-{mo:02d}", dt.date(y, mo, 28)
        return f"{pub.year - n:04d}", dt.date(pub.year - n, 12, 31)
    m = re.fullmatch(r"([a-z]+)", s)
    if m and s in MONTHS and len(s) > 3:
        mo = MONTHS[s]
        y = pub.year if (future or mo <= pub.month) else pub.year - 1
        last = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
        return f"{y:04d}-{mo:02d}", last
    return None, None


def _date_ents(t, sent) -> list:
    """DATE/TIME entities of the sentence attached to trigger ``t`` (no other verb in between)."""
    out = []
    key = ("gb_date_ents", sent.start)
    bounds = sent.doc.user_data.get(key)
    if bounds is None:  # computed once per sentence, from the document's date entities listed once
        doc = sent.doc
        every = doc.user_data.get("gb_date_ents_all")
        if every is None:  # (doc.ents and Span.ents build every entity of the document on each access)
            every = [(e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME") and not _in_dateline(e.root)]
            doc.user_data["gb_date_ents_all"] = every
        k = bisect.bisect_left(every, (sent.start, -1))
        bounds = []
        while k < len(every) and every[k][0] < sent.end:
            if every[k][1] <= sent.end:
                bounds.append(every[k])
            k += 1
        sent.doc.user_data[key] = bounds
    for ent in (sent.doc[a:b] for a, b in bounds):
        cur = ent.root
        for _ in range(8):
            if cur.i == t.i:
                out.append(ent)
                break
            if cur.head.i == cur.i or (_is_verb(cur) and cur.i != ent.root.i):
                break
            cur = cur.head
    return out
