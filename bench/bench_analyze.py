"""Throughput and peak memory of ``geobrief analyze`` against bare spaCy on the same texts.

Each side runs in its own subprocess (so peak RSS is its own), alternating A/B for
``--rounds`` rounds in one run; the result is reported as ratios, which are steadier than
absolute figures on a shared, noisy machine. Writes ``bench/results/analyze.json``.

    .venv/bin/python bench/bench_analyze.py [--docs 160] [--rounds 2]
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def worker(side: str, docs: int) -> dict:
    from bench.corpus import generate
    from geobrief import nlp as nlp_mod
    from geobrief.pipeline import Pipeline

    arts = generate(docs)
    words = sum(len(a.text.split()) for a in arts)
    t_load = time.perf_counter()
    if side == "spacy":
        nlp = nlp_mod.load()
        load_s = time.perf_counter() - t_load
        t0 = time.perf_counter()
        for _ in nlp.pipe((a.text for a in arts), batch_size=16):
            pass
        n_out = 0
    else:
        pipe = Pipeline()
        pipe.nlp  # load spaCy and, on first article, the knowledge bases
        list(pipe.run_many(arts[:1]))
        load_s = time.perf_counter() - t_load
        t0 = time.perf_counter()
        n_out = 0
        for _, brief in pipe.run_many(arts, batch_size=16):
            n_out += len(brief.events) + len(brief.claims)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"side": side, "docs": len(arts), "words": words, "seconds": secs, "load_seconds": load_s,
            "words_per_s": words / secs, "articles_per_s": len(arts) / secs, "peak_rss_mb": peak_mb,
            "outputs": n_out}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=160)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--worker", choices=["spacy", "geobrief"])
    ap.add_argument("--out", type=Path, default=HERE / "results" / "analyze.json")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.docs)))
        return
    runs = {"spacy": [], "geobrief": []}
    for _ in range(args.rounds):
        for side in ("spacy", "geobrief"):
            res = subprocess.run([sys.executable, __file__, "--worker", side, "--docs", str(args.docs)],
                                 capture_output=True, text=True, check=True)
            runs[side].append(json.loads(res.stdout.strip().splitlines()[-1]))
    med = {s: {k: statistics.median(r[k] for r in rs) for k in ("words_per_s", "articles_per_s",
                                                                 "peak_rss_mb", "load_seconds")}
           for s, rs in runs.items()}
    result = {
        "benchmark": "analyze vs bare spaCy (en_core_web_sm full pipeline), same texts, one run",
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "docs": args.docs, "words": runs["spacy"][0]["words"], "rounds": args.rounds,
        "median": med,
        "ratio": {
            "throughput_geobrief_over_spacy": round(med["geobrief"]["words_per_s"] / med["spacy"]["words_per_s"], 3),
            "peak_rss_geobrief_over_spacy": round(med["geobrief"]["peak_rss_mb"] / med["spacy"]["peak_rss_mb"], 3),
        },
        "runs": runs,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({"ratio": result["ratio"], "median": med}, indent=2))


if __name__ == "__main__":
    main()
