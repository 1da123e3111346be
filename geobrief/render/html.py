"""The brief as one self-contained HTML page: no scripts, no external resources.

Article text and metadata are untrusted: everything is escaped, the page carries a
Content-Security-Policy that forbids scripts, and no link is made from article data
except http(s) URLs shown as plain text. Highlight tooltips use the ``title`` attribute
and CSS only.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from ..model import Brief
from .common import (STATUS_TITLE, claim_flags, claim_group, claim_source, claims_by_status, event_row,
                     events_by_mode, portrayal_rows)
from .map import svg_map

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1d232b}
h1{font-size:1.5em;margin-bottom:.2em} h2{border-bottom:2px solid #dde3ea;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#5b6673} .bl{background:#f3f6fa;border-left:5px solid #2b5fab;padding:.6em 1em}
.bl li{margin:.3em 0} table{border-collapse:collapse;width:100%;font-size:.92em;margin:.5em 0}
th,td{border:1px solid #dde3ea;padding:.25em .45em;text-align:left;vertical-align:top} th{background:#f3f6fa}
.article{white-space:pre-wrap;border:1px solid #dde3ea;padding:1em;border-radius:6px;line-height:1.8}
.c-reported{background:#e7f5e9}.c-unsourced{background:#fde8e4}.c-attributed{background:#e6f0fb}.c-hedged{background:#fff3cd}
.c-prediction{background:#fde7d0}.c-question{background:#efe3f7}.c-opinion{background:#f6e1e1}.c-meta{background:#eee}
.f{text-decoration:underline wavy #c0392b;text-underline-offset:3px}
.a{border-bottom:2px solid #2b5fab;font-weight:600}.p{border-bottom:2px dotted #1e8449}
.t{outline:1.5px solid #7d3c98;border-radius:2px}
.legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .4em;border-radius:3px}
.unsourced{color:#b03a2e;font-weight:600} .small{font-size:.85em;color:#5b6673}
svg{max-width:100%;height:auto;border:1px solid #dde3ea;border-radius:6px}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(s) -> str:
    """Escape untrusted text for element content and quoted attributes."""
    return html.escape("" if s is None else str(s), quote=True)


@dataclass
class _Mark:
    start: int
    end: int
    cls: str
    label: str


def _marks(brief: Brief) -> list[_Mark]:
    marks: list[_Mark] = []
    for c in brief.claims:
        cue = f" (cue: {', '.join(x.text for x in c.cues)})" if c.cues else ""
        marks.append(_Mark(c.start, c.end, f"c-{claim_group(c)}",
                           f"claim {c.id}: {c.status}{cue}; {claim_source(brief, c)}"))
    for f in brief.framing:
        marks.append(_Mark(f.start, f.end, "f", f"{f.technique} (trigger: {f.trigger.text}) — {f.explanation}"))
    for a in brief.actors:
        for m in a.mentions:
            marks.append(_Mark(m.start, m.end, "a", f"actor {a.id}: {a.name} [{a.code or a.kind}] via {m.how}"))
    for p in brief.places:
        for m in p.mentions:
            marks.append(_Mark(m.start, m.end, "p", f"place: {p.name} ({p.country or '?'})"))
    for e in brief.events:
        marks.append(_Mark(e.trigger.start, e.trigger.end, "t",
                           f"event {e.id}: {e.plover} {e.cameo or ''} [{e.mode}]"))
    return [m for m in marks if 0 <= m.start < m.end <= len(brief.article.text)]


def highlighted(brief: Brief) -> str:
    """The article text, escaped, cut into segments that carry every covering annotation."""
    text = brief.article.text
    marks = _marks(brief)
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    # sweep: marks sorted by start; active set per segment
    by_start = sorted(marks, key=lambda m: m.start)
    out, active, i = [], [], 0
    for lo, hi in zip(bounds, bounds[1:]):
        while i < len(by_start) and by_start[i].start <= lo:
            active.append(by_start[i])
            i += 1
        active = [m for m in active if m.end > lo]
        seg = esc(text[lo:hi])
        if active:
            classes = " ".join(sorted({m.cls for m in active}))
            title = "\n".join(m.label for m in active)
            out.append(f'<span class="{esc(classes)}" title="{esc(title)}">{seg}</span>')
        else:
            out.append(seg)
    return "".join(out)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render(brief: Brief) -> str:
    """The brief as a self-contained, script-free HTML page."""
    a, s = brief.article, brief.summary
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>Brief: {esc(a.title or a.id)}</title><style>{CSS}</style></head><body>"]
    parts.append(f"<h1>{esc(a.title or a.id)}</h1>")
    meta = " · ".join(esc(x) for x in (a.author, a.outlet, a.published, a.url) if x)
    parts.append(f"<p class='meta'>{meta}</p>")
    parts.append("<h2>Bottom line</h2><div class='bl'><ul>"
                 + "".join(f"<li>{esc(x)}</li>" for x in s.bottom_line) + "</ul>"
                 f"<p><b>Sourcing:</b> {s.sourcing.named} named source(s) · {s.sourcing.anonymous} anonymous "
                 f"attribution(s) · <span class='{'unsourced' if s.sourcing.unsourced else ''}'>"
                 f"{s.sourcing.unsourced} unsourced assertion(s)</span>"
                 + (f" · genre: {esc(s.genre)}" if s.genre else "")
                 + (f" · loaded language: {s.loaded_language_per_1000_words:.1f} per 1,000 words"
                    if s.loaded_language_per_1000_words is not None else "") + "</p></div>")
    if brief.actors:
        parts.append("<h2>Actors</h2>" + _table(
            ["id", "actor", "kind", "country", "sector", "code", "role", "mentions"],
            [[x.id, x.name, x.kind, x.country or "", x.sector or "", x.code or "", x.role or "",
              ", ".join(sorted({m.text for m in x.mentions}))] for x in brief.actors]))
    if brief.events:
        parts.append("<h2>Events</h2>")
        for mode, evs in events_by_mode(brief).items():
            rows = [event_row(brief, e) for e in evs]
            parts.append(f"<h3>{esc(mode)}</h3>" + _table(
                ["actor", "event", "recipient", "CAMEO", "Goldstein", "quad", "place", "date", "trigger", "evidence"],
                [[r["actor"], r["plover"], r["recipient"], r["cameo"], r["goldstein"], r["quad"], r["place"],
                  r["date"], r["trigger"], r["evidence"]] for r in rows]))
    if brief.claims:
        parts.append("<h2>Claims</h2>")
        for status, cs in claims_by_status(brief).items():
            parts.append(f"<h3>{esc(STATUS_TITLE.get(status, status))} ({len(cs)})</h3><ul>")
            parts += [f"<li><span class='c-{esc(status)}'>“{esc(c.text)}”</span> "
                      f"<span class='small'>— {esc(claim_source(brief, c))}; {esc(claim_flags(c))}</span></li>"
                      for c in cs]
            parts.append("</ul>")
    if brief.framing:
        parts.append("<h2>Framing</h2>" + _table(
            ["technique", "words", "trigger", "speaker", "why"],
            [[f.technique, f.text, f.trigger.text, f.speaker or "author", f.explanation] for f in brief.framing]))
    if brief.portrayals:
        parts.append("<h3>Portrayal of actors</h3>" + _table(
            ["actor", "role", "polarity", "fine roles", "evidence"],
            [[r["actor"], r["role"], r["polarity"], r["fine_roles"], r["evidence"]] for r in portrayal_rows(brief)]))
    if brief.places:
        parts.append("<h2>Places</h2>" + svg_map(brief.places) + _table(
            ["place", "country", "lat", "lon", "GeoNames id"],
            [[p.name, p.country or "", "" if p.lat is None else f"{p.lat:.4f}",
              "" if p.lon is None else f"{p.lon:.4f}", str(p.geonameid or "")] for p in brief.places]))
    legend = "".join(f"<span class='c-{k}'>{esc(v)}</span>" for k, v in STATUS_TITLE.items())
    parts.append("<h2>The article</h2><p class='legend small'>" + legend +
                 "<span class='a'>actor</span><span class='p'>place</span><span class='t'>event trigger</span>"
                 "<span class='f'>framing technique</span> — hover a highlight for its label and trigger.</p>")
    parts.append(f"<div class='article'>{highlighted(brief)}</div>")
    parts.append(f"<p class='small'>geobrief schema {esc(brief.schema_version)} · stages: "
                 f"{esc(', '.join(brief.stages))}</p></body></html>")
    return "".join(parts)
