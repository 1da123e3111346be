"""A benchmark corpus generated from the project's own example articles.

Variation comes from re-ordering paragraphs and swapping actor/place names, so texts differ
while staying realistic news prose. Deterministic for a given seed.
"""
from __future__ import annotations

import random
from pathlib import Path

from geobrief.ingest import read_paths
from geobrief.model import Article

ROOT = Path(__file__).resolve().parent.parent
SWAPS = [
    ("Kabul", ["Kabul", "Islamabad", "Doha", "Tashkent", "Dushanbe", "Tehran"]),
    ("Muttaqi", ["Muttaqi", "Dar", "Araghchi", "Lavrov", "Wang"]),
    ("Boehler", ["Boehler", "Witkoff", "Khalilzad"]),
    ("Wednesday", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
]


def base_articles() -> list[Article]:
    """Every readable example article."""
    return [a for a in read_paths([ROOT / "examples"]) if isinstance(a, Article)]


def generate(n: int, seed: int = 7) -> list[Article]:
    """``n`` articles varied from the examples."""
    rng = random.Random(seed)
    base = base_articles()
    out = []
    for i in range(n):
        src = base[i % len(base)]
        paras = [p for p in src.text.split("\n\n") if p.strip()]
        head, body = paras[:1], paras[1:]
        rng.shuffle(body)
        text = "\n\n".join(head + body)
        for word, options in SWAPS:
            text = text.replace(word, rng.choice(options))
        out.append(Article(id=f"bench-{i:06d}", text=text, title=src.title, author=src.author,
                           outlet=f"{src.outlet or 'Outlet'} {i % 37}", published=src.published,
                           url=f"https://example.org/bench/{i}"))
    return out
