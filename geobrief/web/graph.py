"""The actor network as one inline SVG, drawn on the server (no script, no inline style).

The most connected actors sit on a circle; each directed dyad is a curved line whose width grows
with its counted events, with an arrow towards the recipient. Nodes link to the actor pages (SVG
links take the keyboard focus like any link), and each line's title gives the dyad's events by
type. Every name is escaped.
"""
from __future__ import annotations

import math
from html import escape
from urllib.parse import quote

MAX_NODES = 36


def svg_network(nodes: dict, edges: list[dict], width: int = 900, height: int = 620) -> str:
    """``nodes``: key → {name}; ``edges``: {source, target, events, types}."""
    degree: dict[str, int] = {}
    for e in edges:
        for k in (e["source"], e["target"]):
            degree[k] = degree.get(k, 0) + e["events"]
    keep = sorted(degree, key=lambda k: (-degree[k], k))[:MAX_NODES]
    pos = {}
    cx, cy, rad = width / 2, height / 2, min(width, height) / 2 - 90
    for i, k in enumerate(keep):
        a = 2 * math.pi * i / max(len(keep), 1) - math.pi / 2
        pos[k] = (cx + rad * math.cos(a), cy + rad * math.sin(a), a)
    shown = [e for e in edges if e["source"] in pos and e["target"] in pos]
    peak = max([e["events"] for e in shown] or [1])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Actor network: {len(keep)} actors, '
           f'{len(shown)} directed links">',
           '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
           'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#7d8a96"/></marker></defs>',
           f'<rect width="{width}" height="{height}" fill="#fbfcfd"/>']
    for e in sorted(shown, key=lambda e: e["events"]):
        x1, y1, _ = pos[e["source"]]
        x2, y2, _ = pos[e["target"]]
        # bend each line to its right, so A→B and B→A do not overlap
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1
        bx, by = mx - dy / norm * 0.12 * norm, my + dx / norm * 0.12 * norm
        # stop short of the target's dot
        tx, ty = x2 - (x2 - bx) / (math.hypot(x2 - bx, y2 - by) or 1) * 9, y2 - (y2 - by) / (math.hypot(x2 - bx, y2 - by) or 1) * 9
        w = 1 + 5 * e["events"] / peak
        types = ", ".join(f"{t} {n}" for t, n in sorted(e.get("types", {}).items()))
        title = escape(f'{nodes.get(e["source"], {}).get("name") or e["source"]} → '
                       f'{nodes.get(e["target"], {}).get("name") or e["target"]}: {e["events"]} event(s) ({types})')
        out.append(f'<path d="M{x1:.1f},{y1:.1f}Q{bx:.1f},{by:.1f} {tx:.1f},{ty:.1f}" fill="none" stroke="#7d8a96" '
                   f'stroke-opacity="0.75" stroke-width="{w:.1f}" marker-end="url(#arr)"><title>{title}</title></path>')
    for k in keep:
        x, y, a = pos[k]
        name = nodes.get(k, {}).get("name") or k
        anchor = "start" if math.cos(a) >= 0 else "end"
        lx, ly = x + 12 * math.cos(a), y + 12 * math.sin(a) + 4
        r = 4 + 6 * math.sqrt(degree[k] / max(degree[x] for x in keep))
        out.append(f'<a href="/actors/{escape(quote(k, safe=""))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                   f'fill="#2b5fab"><title>{escape(name)}: {degree[k]} event(s)</title></circle>'
                   f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="12" font-family="sans-serif" text-anchor="{anchor}" '
                   f'fill="#1d232b">{escape(name)}</text></a>')
    if not keep:
        out.append(f'<text x="{cx}" y="{cy}" text-anchor="middle" font-family="sans-serif" fill="#5b6673">'
                   'No counted event between two actors.</text>')
    out.append("</svg>")
    return "".join(out)
