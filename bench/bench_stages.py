"""Where geobrief's time goes on real articles: CPU per stage against bare spaCy, same texts, one run.

Method (also written into the results file):

- Texts. Real articles of three dev sets, read at run time from ../shared/eval/dev and never
  copied into the repository: the first ``--per-set`` records each of propaganda_ptc_tune,
  attribution_polnear_dev and portrayal_semeval25_tune (news and op-eds).
- Sides. Two subprocesses on the same texts, one after the other: bare spaCy (the same model
  and components, ``nlp.pipe``, batch 16) and geobrief (``Pipeline.run_many``, every stage).
  Each loads and warms its models on two of the texts first; only the analysis is timed.
- Figures. CPU seconds (user + system, all threads, ``getrusage``), which move much less with
  the shared machine's load than wall time; each geobrief stage's CPU (the rest of geobrief's
  time is its own spaCy parse); ``over_spacy`` = geobrief CPU / spaCy CPU, and the inverse as the
  throughput ratio (goal: >= 0.8); per-stage shares of spaCy's CPU (goals: events <= 0.15,
  claims + framing <= 0.50); peak RSS of each process (VmHWM). Load averages are recorded.

    .venv/bin/python bench/bench_stages.py [--per-set 20] [--out bench/results/stages.json]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "eval" / "dev"
SETS = ("propaganda_ptc_tune.jsonl", "attribution_polnear_dev.jsonl", "portrayal_semeval25_tune.jsonl")


def texts(per_set: int) -> list[str]:
    out = []
    for name in SETS:
        with open(DEV / name, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= per_set:
                    break
                out.append(json.loads(line)["text"])
    return out


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def worker(side: str, per_set: int) -> dict:
    from geobrief import nlp as nlp_mod
    from geobrief.model import Article
    from geobrief.pipeline import Pipeline, content_hash

    ts = texts(per_set)
    words = sum(len(t.split()) for t in ts)
    pipe = Pipeline()
    stage_cpu: dict[str, float] = {}
    errors = 0
    if side == "spacy":
        nlp = nlp_mod.load(pipe.components)
        list(nlp.pipe(ts[:2]))
        c0, t0 = cpu(), time.perf_counter()
        n_docs = sum(1 for _ in nlp.pipe(ts, batch_size=16))  # parse every text, keep nothing
        errors += len(ts) - n_docs
    else:
        arts = [Article(id=content_hash(t)[:16], text=t) for t in ts]
        list(pipe.run_many(arts[:2]))
        from bench.timing import time_stages

        time_stages(pipe, stage_cpu, cpu)
        c0, t0 = cpu(), time.perf_counter()
        for _, b in pipe.run_many(arts, batch_size=16):
            errors += not hasattr(b, "claims")
    return {"side": side, "docs": len(ts), "words": words, "cpu_seconds": round(cpu() - c0, 2),
            "wall_seconds": round(time.perf_counter() - t0, 2), "peak_rss_mb": peak_mb(), "errors": errors,
            "stage_cpu_seconds": {k: round(v, 2) for k, v in stage_cpu.items()}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-set", type=int, default=20)
    ap.add_argument("--worker", choices=["spacy", "geobrief"])
    ap.add_argument("--out", type=Path, default=HERE / "results" / "stages.json")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.per_set)))
        return
    load0 = os.getloadavg()
    runs = {}
    for side in ("spacy", "geobrief"):
        res = subprocess.run([sys.executable, __file__, "--worker", side, "--per-set", str(args.per_set)],
                             capture_output=True, text=True, check=True)
        runs[side] = json.loads(res.stdout.strip().splitlines()[-1])
        print(json.dumps(runs[side]), flush=True)
    sp, gb = runs["spacy"]["cpu_seconds"], runs["geobrief"]["cpu_seconds"]
    stages = runs["geobrief"]["stage_cpu_seconds"]
    result = {
        "benchmark": "CPU per stage on real dev articles, geobrief vs bare spaCy, same texts, one run",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_avg_start": [round(x, 2) for x in load0],
                    "load_avg_end": [round(x, 2) for x in os.getloadavg()]},
        "commit": subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "source": ", ".join(f"{s} (first {args.per_set})" for s in SETS) + ", read at run time",
        "runs": runs,
        "over_spacy_cpu": round(gb / sp, 2),
        "throughput_vs_spacy": round(sp / gb, 2),
        "peak_rss_vs_spacy": round(runs["geobrief"]["peak_rss_mb"] / runs["spacy"]["peak_rss_mb"], 2),
        "stage_share_of_spacy": {k: round(v / sp, 3) for k, v in stages.items()},
        "claims_plus_framing_share_of_spacy": round((stages.get("claims", 0) + stages.get("framing", 0)) / sp, 3),
        "goals": {"throughput_vs_spacy": ">= 0.8", "peak_rss_vs_spacy": "<= 1.5", "events": "<= 0.15",
                  "claims_plus_framing": "<= 0.50"},
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "method": __doc__.split("    .venv")[0].strip(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("over_spacy_cpu", "throughput_vs_spacy", "peak_rss_vs_spacy",
                                             "stage_share_of_spacy", "claims_plus_framing_share_of_spacy")}))


if __name__ == "__main__":
    main()
