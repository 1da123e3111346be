"""Corpus benchmark: ingest throughput vs analyze alone, store size, ask latency, on ≥10,000 articles.

Method (written into the results file too):

1. Corpus. ``BASES`` base articles are generated from the project's example articles with
   variation: sentences of two or three examples are mixed and reordered, actor and place names
   swapped, datelines, outlets, authors and dates varied, and a share made near-copies
   (syndication) of earlier ones. Then the full corpus of ``N`` articles: each base article plus
   copies that keep its text and append a distinct filing line (new outlet, author, date), so every
   article is distinct by content hash and the near-duplicate grouping has real work.
2. Ingest ratio (on the base articles, real pipeline): the same warm ``Pipeline`` analyses the bases
   alone (``run_many``, results consumed), then ``geobrief.corpus.ingest`` stores them into a new
   store (hashing, analysis, MinHash/LSH grouping, Arrow batch writes, full-text index). Ratio =
   ingest throughput / analyze throughput (goal ≥ 0.8). The order is analyze, ingest, analyze, and
   the analyze time is the mean of the two, to even out machine load.
3. Store at scale: the ``N`` articles are ingested with a replay pipeline that returns the real brief
   of each article's base (the added filing line is outside every span), so the store holds real
   briefs at scale without re-running spaCy 10,000 times: store-only write throughput, store size
   per article, story groups.
4. ask latency: ``QUESTIONS`` questions built from the stored actor and place names (plus questions
   the corpus cannot answer), each asked in-process after warm-up; p50/p95 in ms, and the first
   (cold: open, vocabulary, index load) call separately.

Usage: ``python bench/bench_corpus.py [--n 10000] [--bases 200] [--out bench/results/corpus.json]``
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geobrief.ingest import read_paths  # noqa: E402
from geobrief.model import Article  # noqa: E402

OUTLETS = ["Meridian Wire", "Northline News Agency", "Capital Courier", "The Frontier Daily", "Gulf Dispatch",
           "Delhi Policy Review", "Eurasia Monitor", "The Strategic Lens", "Harbour Times", "Steppe Herald",
           "Atlantic Ledger", "Pamir Post", "Indus Observer", "Levant Report", "Baltic Bulletin",
           "Sahel Chronicle", "Pacific Review", "Caspian Courier", "Danube Daily", "Andes Tribune"]
AUTHORS = ["Sana Karimi", "Omar Haidari", "Lena Novak", "Ravi Menon", "Farah Qureshi", "Jonas Berg",
           "Aisha Rahimi", "Tomas Ortega", "Mei Lin", "Daniel Okafor", "Dr. Raymond Thorne", "Yusuf Aziz"]
SWAPS = {  # name → alternatives (same kind), for variety
    "Kabul": ["Kabul", "Kabul", "Islamabad", "Doha", "Tashkent", "Dushanbe"],
    "Muttaqi": ["Muttaqi", "Muttaqi", "Dar", "Araghchi"],
    "Boehler": ["Boehler", "Boehler", "Witkoff"],
    "Wednesday": ["Monday", "Tuesday", "Wednesday", "Thursday"],
    "Qatar": ["Qatar", "Qatar", "Turkey", "Oman"],
}
QUESTIONS = 50


def examples() -> list[Article]:
    return [a for a in read_paths([ROOT / "examples"]) if isinstance(a, Article)]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", text) if s.strip()]


def make_bases(n: int, seed: int = 11) -> list[Article]:
    """``n`` varied articles from the examples (mixes, swaps, near-copies)."""
    rng = random.Random(seed)
    ex = examples()
    out: list[Article] = []
    for i in range(n):
        month = 1 + (i * 7) % 12
        day = 1 + (i * 13) % 28
        date = f"2026-{month:02d}-{day:02d}"
        outlet = rng.choice(OUTLETS)
        if out and rng.random() < 0.2:  # near-copy of an earlier article (syndication)
            src = rng.choice(out)
            sents = _sentences(src.text)
            if len(sents) > 3:
                sents.pop(rng.randrange(1, len(sents)))
            text = " ".join(sents).replace(" said", " told reporters", 1)
        else:
            picks = rng.sample(ex, k=rng.choice((1, 2, 3)))
            sents = []
            for p in picks:
                ss = _sentences(p.text)
                start = rng.randrange(0, max(1, len(ss) // 3))
                sents.extend(ss[start:start + rng.randint(6, 14)])
            head, body = sents[:1], sents[1:]
            rng.shuffle(body)
            text = " ".join(head + body)
            for word, alts in SWAPS.items():
                text = text.replace(word, rng.choice(alts))
        text = f"{rng.choice(['KABUL', 'DOHA', 'ISLAMABAD', 'MOSCOW', 'NEW DELHI'])}, {date} ({outlet}) - " + text
        out.append(Article(id=f"base-{i:05d}", text=text, title=text[:80], author=rng.choice(AUTHORS),
                           outlet=outlet, published=date, url=f"https://example.org/bench/base/{i}",
                           format="text", source="bench"))
    return out


def make_copies(bases: list[Article], n: int, seed: int = 12) -> tuple[list[Article], dict]:
    """``n`` articles: the bases plus copies with an appended filing line; id → base id."""
    rng = random.Random(seed)
    arts, base_of = list(bases), {b.id: b.id for b in bases}
    i = 0
    while len(arts) < n:
        b = bases[i % len(bases)]
        outlet, author = rng.choice(OUTLETS), rng.choice(AUTHORS)
        date = f"2026-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        text = b.text + f"\n\n(Filed {date} by {author} for {outlet}; reference {i}.)"
        a = Article(id=f"copy-{i:06d}", text=text, title=b.title, author=author, outlet=outlet, published=date,
                    url=f"https://example.org/bench/copy/{i}", format="text", source="bench")
        arts.append(a)
        base_of[a.id] = b.id
        i += 1
    return arts, base_of


class ReplayPipeline:
    """Returns each article's base brief (analysed once for real), re-pointed at the article."""

    def __init__(self, briefs: dict, base_of: dict):
        self.briefs, self.base_of = briefs, base_of

    def run_many(self, articles, batch_size=16, n_process=1):
        for a in articles:
            b = self.briefs[self.base_of[a.id]]
            yield a, dataclasses.replace(b, article=a, stages=list(b.stages))


def du(path: str) -> int:
    return sum(os.path.getsize(p) for p in (path, path + ".wal") if os.path.exists(p))


def questions(store_path: str, n: int, seed: int = 5) -> list[str]:
    import duckdb

    con = duckdb.connect(store_path, read_only=True)
    people = [r[0] for r in con.execute(
        "SELECT name FROM actors WHERE kind = 'person' GROUP BY name ORDER BY count(*) DESC LIMIT 12").fetchall()]
    others = [r[0] for r in con.execute(
        "SELECT name FROM actors WHERE kind <> 'person' GROUP BY name ORDER BY count(*) DESC LIMIT 12").fetchall()]
    places = [r[0] for r in con.execute(
        "SELECT name FROM places GROUP BY name ORDER BY count(*) DESC LIMIT 10").fetchall()]
    con.close()
    rng = random.Random(seed)
    people = people or ["Muttaqi"]
    others = others or ["Taliban"]
    places = places or ["Kabul"]
    forms = ["What is {p} doing with {o} in {pl}?", "Did {p} meet {o}?", "What did {o} say about {pl}?",
             "Why did {p} visit {pl}?", "What happened in {pl}?", "What is {o} planning?"]
    qs = [rng.choice(forms).format(p=rng.choice(people), o=rng.choice(others), pl=rng.choice(places))
          for _ in range(n - 5)]
    qs += ["What did the Icelandic fisheries minister announce about quotas?",
           "Who won the chess olympiad?", "What is the price of copper in Chile?",
           "Did Adam Boehler meet Amir Khan Muttaqi in Kabul?", "Was Bagram air base discussed?"]
    return qs


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def ask_latency(store: str, qs: list[str]) -> dict:
    """``ask`` over ``qs``: the first (cold) answer, 3 warm-ups, then p50/p95/max ms of every question."""
    from geobrief.corpus import ask

    t = time.perf_counter()
    ask(qs[0], store)
    cold_ms = (time.perf_counter() - t) * 1000
    for q in qs[:3]:
        ask(q, store)
    lat, known = [], 0
    for q in qs:
        t = time.perf_counter()
        a = ask(q, store)
        lat.append((time.perf_counter() - t) * 1000)
        known += a.known
    return {"questions": len(qs), "answered": known, "cold_first_ms": round(cold_ms, 1),
            "p50_ms": round(pct(lat, 0.5), 1), "p95_ms": round(pct(lat, 0.95), 1), "max_ms": round(max(lat), 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--bases", type=int, default=200)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "corpus.json"))
    ap.add_argument("--keep", help="keep the 10k store at this path")
    args = ap.parse_args()

    from geobrief.corpus import ingest
    from geobrief.pipeline import Pipeline

    work = Path(tempfile.mkdtemp(prefix="gb-bench-"))
    res: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                             "load_avg_start": os.getloadavg()}}
    try:
        bases = make_bases(args.bases)
        words = sum(len(a.text.split()) for a in bases)
        pipe = Pipeline()
        list(pipe.run_many(bases[:8]))  # warm: model load, knowledge caches

        # --- analyze alone vs ingest, same texts, same warm pipeline
        t = time.perf_counter()
        briefs = {a.id: b for a, b in pipe.run_many(bases)}
        analyze1 = time.perf_counter() - t
        db1 = str(work / "ratio.duckdb")
        t = time.perf_counter()
        rep1 = ingest(bases, db1, pipeline=pipe, progress=False)
        ingest_s = time.perf_counter() - t
        t = time.perf_counter()
        for _ in pipe.run_many(bases):
            pass
        analyze2 = time.perf_counter() - t
        analyze_s = (analyze1 + analyze2) / 2
        res["ingest_vs_analyze"] = {
            "articles": len(bases), "words": words, "stored": rep1.stored,
            "analyze_seconds": [round(analyze1, 2), round(analyze2, 2)],
            "ingest_seconds": round(ingest_s, 2),
            "analyze_articles_per_s": round(len(bases) / analyze_s, 2),
            "ingest_articles_per_s": round(len(bases) / ingest_s, 2),
            "ratio": round(analyze_s / ingest_s, 3), "goal": ">= 0.8",
        }
        print(json.dumps(res["ingest_vs_analyze"]), flush=True)

        # --- the full corpus, store-only writes with the real briefs
        arts, base_of = make_copies(bases, args.n)
        good = {k: v for k, v in briefs.items() if not isinstance(v, Exception)}
        arts = [a for a in arts if base_of[a.id] in good]
        db2 = args.keep or str(work / "corpus.duckdb")
        if args.keep and os.path.exists(db2):
            os.remove(db2)
        t = time.perf_counter()
        rep2 = ingest(arts, db2, pipeline=ReplayPipeline(good, base_of), progress=False, build_index=False)
        write_s = time.perf_counter() - t
        from geobrief.corpus.store import Store

        t = time.perf_counter()
        with Store(db2) as st:
            st.rebuild_fts()
            st.con.execute("CHECKPOINT")
            counts = {tb: st.con.execute(f"SELECT count(*) FROM {tb}").fetchone()[0]
                      for tb in ("articles", "actors", "events", "claims", "sentences", "framing", "portrayals")}
            groups = st.con.execute("SELECT count(DISTINCT group_id) FROM articles").fetchone()[0]
        fts_s = time.perf_counter() - t
        size = du(db2)
        res["store"] = {
            "articles": rep2.total, "rows": counts, "story_groups": groups,
            "write_seconds": round(write_s, 2), "write_articles_per_s": round(rep2.total / write_s, 1),
            "fts_index_seconds": round(fts_s, 2),
            "bytes": size, "bytes_per_article": round(size / max(rep2.total, 1)),
            "kib_per_article": round(size / max(rep2.total, 1) / 1024, 2),
        }
        print(json.dumps(res["store"]), flush=True)

        # --- ask latency (the analysis objects above are dropped first: a CLI `ask` does not hold them)
        import gc

        del arts, good, briefs, base_of
        gc.collect()
        gc.freeze()
        qs = questions(db2, QUESTIONS)
        res["ask"] = {**ask_latency(db2, qs), "goal_p95_ms": 300, "sample_questions": qs[:5]}
        print(json.dumps(res["ask"]), flush=True)
        res["machine"]["load_avg_end"] = os.getloadavg()
        res["method"] = __doc__.split("Usage:")[0].strip()
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(res, indent=2) + "\n")
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
