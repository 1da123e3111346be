"""The corpus store as it grows to 100,000 articles: size per article, ``ask`` p50/p95,
``network`` time and peak memory at each size.

Method (also written into the results file):

1. Articles. ``--bases`` varied articles are generated from the project's examples as in
   ``bench_corpus.py`` (sentences of two or three examples mixed and reordered, names, datelines,
   outlets, authors and dates varied, a share made near-copies) and analysed once by the real
   pipeline. The store is then filled with copies (``bench_corpus.make_copies``: each base's text
   plus a distinct filing line, a new outlet, author and date, so every article is distinct by
   content hash), stored through ``geobrief.corpus.ingest`` with a replay pipeline that gives each
   copy its base's real brief. A generated store: its articles repeat their bases' actors, events
   and claims, so the tables have real row counts per article but a small vocabulary.
2. Growth. One store grows through ``--sizes`` (10k, 20k, 50k, 100k by default): at each size the
   ingest stops, the full-text index is rebuilt and the store checkpointed, and the size is taken
   (file plus WAL, bytes per article).
3. Queries. At each size a fresh process (cold, as a CLI call is) opens the store read-only and
   asks ``--questions`` questions made from the stored actor and place names (plus five the corpus
   cannot answer), after 3 warm-up questions: p50/p95/max ms; then builds the whole-store actor
   network (month buckets) twice, cold and warm; then reports its own peak RSS. The builder's peak
   RSS (analysis of the bases plus ingest) is reported too.
4. Sizes past ``--ingest-max`` (when given) are reached by replicating rows instead of ingesting
   (ingest runs at ~20-65 articles/s on the shared machine: 100k articles would take 30-80 min):
   every row of every article table is copied for a set of the ingested articles, with the article
   id, content hash, URL, story group and claim/sentence keys' article part suffixed ``~rK`` (K the copy round), then the full-text
   index is rebuilt. Each point says how it was made (``made_by``). Replicated articles repeat the
   ingested ones' text, so the full-text index sees more postings per term than real articles would.
5. The machine is a shared 2-core box: the load average is recorded at each point.

Usage: ``python bench/bench_store_scale.py [--sizes 10000,20000,50000,100000] [--bases 60]
[--questions 40] [--out bench/results/store_scale.json]``
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def query_worker(store: str, n_questions: int) -> dict:
    """Run in a fresh process: ask latency, network time, peak RSS."""
    from bench.bench_corpus import ask_latency, questions
    from geobrief.corpus import network

    ask_stats = ask_latency(store, questions(store, n_questions))
    net_s = []
    for _ in range(2):
        t = time.perf_counter()
        net = network(store, fmt=None)
        net_s.append(time.perf_counter() - t)
    return {"ask": ask_stats,
            "network": {"cold_s": round(net_s[0], 2), "warm_s": round(net_s[1], 2),
                        "nodes": len(net.nodes), "dyads": len(net.dyads)},
            "query_process_peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM: Linux carries ru_maxrss over from the parent across exec)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


_ROUND = [0]


def replicate(db: str, target: int) -> int:
    """Copy rows of the ingested articles (ids suffixed ``~rK``) until the store holds ``target``."""
    from geobrief.corpus.store import Store

    with Store(db) as st:
        con = st.con
        tables = [r[0] for r in con.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'article_id'").fetchall()]
        con.execute("CREATE OR REPLACE TEMP TABLE base_ids AS SELECT id FROM articles WHERE id NOT LIKE '%~r%'")
        nbase = con.execute("SELECT count(*) FROM base_ids").fetchone()[0]
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        while n < target:
            take = min(nbase, target - n)
            _ROUND[0] += 1
            sfx = f"~r{_ROUND[0]}"
            con.execute(f"CREATE OR REPLACE TEMP TABLE pick AS SELECT id FROM base_ids ORDER BY id LIMIT {take}")
            con.execute("BEGIN")
            con.execute("INSERT INTO articles SELECT * REPLACE (id || $s AS id, content_hash || $s AS content_hash, "
                        "url || $s AS url, group_id || $s AS group_id) FROM articles WHERE id IN (SELECT id FROM pick)",
                        {"s": sfx})
            for t in tables:
                cols = {r[0] for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [t]).fetchall()}
                # ids that must stay unique get the suffix too; the full-text keys cid and sid keep
                # their form (article id, '#', claim or sentence id), so they name their own copy
                rep = ", ".join([f"{c} || $s AS {c}" for c in ("article_id", "group_id") if c in cols]
                                + [f"article_id || $s || substr({c}, length(article_id) + 1) AS {c}"
                                   for c in ("cid", "sid") if c in cols])
                con.execute(f"INSERT INTO {t} SELECT * REPLACE ({rep}) FROM {t} "
                            "WHERE article_id IN (SELECT id FROM pick)", {"s": sfx})
            con.execute("COMMIT")
            n += take
        return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,20000,50000,100000")
    ap.add_argument("--bases", type=int, default=60)
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "store_scale.json"))
    ap.add_argument("--keep", help="keep the store at this path")
    ap.add_argument("--copy-first", help="copy the store at the first size to this path (e.g. for bench_serve)")
    ap.add_argument("--ingest-max", type=int, default=0, help="sizes above this are reached by replicating rows")
    ap.add_argument("--query-worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.query_worker:
        print(json.dumps(query_worker(args.query_worker, args.questions)))
        return

    from bench.bench_corpus import ReplayPipeline, du, make_bases, make_copies
    from geobrief.corpus import ingest
    from geobrief.corpus.store import Store
    from geobrief.pipeline import Pipeline

    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="gb-store-scale-"))
    db = args.keep or str(work / "store.duckdb")
    if os.path.exists(db):
        os.remove(db)
    res: dict = {"benchmark": "corpus store at growing size: KiB/article, ask p50/p95, network time, peak RSS",
                 "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                             "load_avg_start": [round(x, 2) for x in os.getloadavg()]},
                 "goals": {"ask_p95_ms": 300, "kib_per_article": 25},
                 "method": __doc__.split("Usage:")[0].strip(), "points": []}
    try:
        bases = make_bases(args.bases)
        pipe = Pipeline()
        t = time.perf_counter()
        briefs = {a.id: b for a, b in pipe.run_many(bases)}
        res["bases"] = {"articles": len(bases), "analyse_seconds": round(time.perf_counter() - t, 1)}
        good = {k: v for k, v in briefs.items() if hasattr(v, "claims")}
        arts, base_of = make_copies(bases, min(sizes[-1], args.ingest_max or sizes[-1]))
        arts = [a for a in arts if base_of[a.id] in good]
        replay = ReplayPipeline(good, base_of)
        done = 0
        for size in sizes:
            t = time.perf_counter()
            if args.ingest_max and size > args.ingest_max:
                made_by = "replicated rows"
                stored = replicate(db, size) - done
            else:
                made_by = "ingest"
                stored = ingest(arts[done:size], db, pipeline=replay, progress=False, build_index=False).stored
            write_s = time.perf_counter() - t
            done = size
            t = time.perf_counter()
            with Store(db) as st:
                st.rebuild_fts()
                st.con.execute("CHECKPOINT")
                n = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
            fts_s = time.perf_counter() - t
            size_b = du(db)
            if args.copy_first and size == sizes[0]:
                shutil.copyfile(db, args.copy_first)
            q = subprocess.run([sys.executable, __file__, "--query-worker", db, "--questions", str(args.questions)],
                               capture_output=True, text=True, check=True)
            point = {"articles": n, "made_by": made_by, "stored_this_step": stored, "write_seconds": round(write_s, 1),
                     "write_articles_per_s": round(stored / max(write_s, 1e-9), 1),
                     "fts_index_seconds": round(fts_s, 1), "bytes": size_b,
                     "kib_per_article": round(size_b / max(n, 1) / 1024, 2),
                     **json.loads(q.stdout.strip().splitlines()[-1]),
                     "builder_peak_rss_mb": peak_rss_mb(),
                     "load_avg": [round(x, 2) for x in os.getloadavg()],
                     "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            res["points"].append(point)
            print(json.dumps(point), flush=True)
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(json.dumps(res, indent=2) + "\n")  # each point as it comes
        res["machine"]["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
        Path(args.out).write_text(json.dumps(res, indent=2) + "\n")
        print(f"wrote {args.out}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
