"""The brief for the terminal (rich)."""
from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..model import Brief
from .common import (STATUS_TITLE, claim_flags, claim_source, claims_by_status, event_row,
                     events_by_mode, portrayal_rows)


def render(brief: Brief, width: int = 110, color: bool = False) -> str:
    """The brief as terminal text (ANSI colours when ``color``)."""
    buf = io.StringIO()
    con = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                  highlight=False)
    a, s = brief.article, brief.summary
    con.rule(f"[bold]{escape(a.title or a.id)}")
    meta = " · ".join(escape(x) for x in (a.author, a.outlet, a.published, a.url) if x)
    if meta:
        con.print(meta)
    con.print("\n[bold]BOTTOM LINE[/bold]")
    for line in s.bottom_line:
        con.print(f" • {escape(line)}")
    con.print(f" Sourcing: {s.sourcing.named} named · {s.sourcing.anonymous} anonymous · "
              f"{s.sourcing.unsourced} unsourced")
    if brief.actors:
        t = Table(title="Actors", title_justify="left", expand=True)
        for col in ("id", "actor", "kind", "code", "role", "mentions"):
            t.add_column(col)
        for x in brief.actors:
            t.add_row(x.id, escape(x.name), x.kind, x.code or "", escape(x.role or ""), str(len(x.mentions)))
        con.print(t)
    if brief.places:
        con.print("[bold]Places[/bold]: " + "; ".join(
            escape(f"{p.name} ({p.country or '?'}, {p.lat:.2f}, {p.lon:.2f})" if p.lat is not None else p.name)
            for p in brief.places))
    if brief.events:
        t = Table(title="Events", title_justify="left", expand=True)
        for col in ("mode", "actor", "event", "recipient", "CAMEO", "trigger"):
            t.add_column(col)
        for mode, evs in events_by_mode(brief).items():
            for e in evs:
                r = event_row(brief, e)
                t.add_row(mode, escape(r["actor"]), r["plover"], escape(r["recipient"]),
                          r["cameo"], escape(r["trigger"]))
        con.print(t)
    if brief.claims:
        con.print("[bold]CLAIMS[/bold]")
        for status, cs in claims_by_status(brief).items():
            con.print(f" [underline]{STATUS_TITLE.get(status, status)} ({len(cs)})[/underline]")
            for c in cs:
                con.print(f"   – “{escape(' '.join(c.text.split()))}” [dim]({escape(claim_source(brief, c))}; "
                          f"{escape(claim_flags(c))})[/dim]")
    if brief.framing:
        t = Table(title="Framing", title_justify="left", expand=True)
        for col in ("technique", "words", "trigger", "speaker"):
            t.add_column(col)
        for f in brief.framing:
            t.add_row(f.technique, escape(f.text), escape(f.trigger.text), escape(f.speaker or "author"))
        con.print(t)
    if brief.portrayals:
        con.print("[bold]Portrayal[/bold]")
        for r in portrayal_rows(brief):
            con.print(f"   {escape(r['actor'])}: {r['role']} ({r['polarity']}) {escape(r['fine_roles'])}")
    return buf.getvalue()
