"""The brief as Markdown."""
from __future__ import annotations

from ..model import Brief
from .common import (STATUS_TITLE, actor_names, claim_flags, claim_source, claims_by_status,
                     event_row, events_by_mode, portrayal_rows)


# Markdown is often rendered as HTML: text taken from the article must never become markup.
# HTML's three specials become entities; link/emphasis/code characters are backslash-escaped.
_MD_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "[": "\\[", "]": "\\]",
                            "`": "\\`", "*": "\\*", "_": "\\_", "\\": "\\\\"})


def _cell(s: str) -> str:
    """Article-derived text as one inert Markdown line (no HTML, no links, no emphasis)."""
    return " ".join(str(s).split()).translate(_MD_ESCAPE)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return out + [""]


def render(brief: Brief) -> str:
    """The brief as a Markdown document."""
    a, s = brief.article, brief.summary
    out = [f"# Brief: {_cell(a.title or a.id)}", ""]
    meta = [x for x in (a.author, a.outlet, a.published, a.url) if x]
    if meta:
        out += [" · ".join(_cell(m) for m in meta), ""]
    out += ["## Bottom line", ""] + [f"- {_cell(line)}" for line in s.bottom_line] + [""]
    out += [f"**Sourcing:** {s.sourcing.named} named source(s), {s.sourcing.anonymous} anonymous "
            f"attribution(s), {s.sourcing.unsourced} unsourced assertion(s).", ""]
    if brief.actors:
        out += ["## Actors", ""] + _table(
            ["id", "actor", "kind", "code", "role", "mentions"],
            [[x.id, x.name, x.kind, x.code or "", x.role or "", ", ".join(sorted({m.text for m in x.mentions}))]
             for x in brief.actors])
    if brief.places:
        out += ["## Places", ""] + _table(
            ["place", "country", "lat, lon", "GeoNames"],
            [[p.name, p.country or "", f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None else "",
              str(p.geonameid or "")] for p in brief.places])
    if brief.events:
        out += ["## Events", ""]
        for mode, evs in events_by_mode(brief).items():
            out += [f"### {mode.capitalize()}", ""]
            rows = [event_row(brief, e) for e in evs]
            out += _table(["actor", "event", "recipient", "CAMEO", "Goldstein", "place", "date", "evidence"],
                          [[r["actor"], f"{r['plover']} ({r['trigger']})", r["recipient"], r["cameo"],
                            r["goldstein"], r["place"], r["date"], r["evidence"]] for r in rows])
    if brief.claims:
        out += ["## Claims", ""]
        for status, cs in claims_by_status(brief).items():
            out += [f"### {STATUS_TITLE.get(status, status)} ({len(cs)})", ""]
            out += [f"- “{_cell(c.text)}” — {_cell(claim_source(brief, c))}; {_cell(claim_flags(c))}" for c in cs] + [""]
    if brief.framing:
        out += ["## Framing", ""] + _table(
            ["technique", "words", "trigger", "speaker", "why"],
            [[f.technique, f.text, f.trigger.text, f.speaker or "author", f.explanation] for f in brief.framing])
    if brief.portrayals:
        out += ["## Portrayal of actors", ""] + _table(
            ["actor", "role", "polarity", "fine roles", "evidence"],
            [[r["actor"], r["role"], r["polarity"], r["fine_roles"], r["evidence"]] for r in portrayal_rows(brief)])
    return "\n".join(out).rstrip() + "\n"
