"""Ingest on all cores and on Ray: one process, ``-j 2`` and a local Ray cluster of 2 workers.

Method (also written into the results file):

- Articles. ``--n`` real-length news articles: the dev set ``propaganda_ptc_tune.jsonl`` (about
  1,000 words each; read at run time from ../shared/eval/dev, never copied into the repo),
  cycled with a numbered filing line appended when ``--n`` exceeds it, written to one JSON Lines
  file in a temporary directory. (The issue asks for 2,000 articles; on this shared 2-core machine
  that is hours per mode, so the default is smaller and the results file says which N ran.)
- Modes, each the real command on a fresh store: ``geobrief ingest FILE`` (one process),
  ``geobrief ingest FILE -j 2``, ``geobrief ingest FILE --ray -j 2`` (starts a local Ray cluster
  with 2 CPUs, auth off, no dashboard, and stops it at the end).
- Times. The whole command's wall time (start-up, model loading in each worker, analysis, store
  writes, full-text index). Each mode also ingests ``--small`` articles on its own to measure its
  fixed cost (start-up and loading), so the steady rate is ``(n - small) / (t_n - t_small)``.
  Ratios are against one process, both for whole runs and for steady rates.
- CPU. CPU seconds (user + system) of each command and every process it waited for
  (``RUSAGE_CHILDREN``: the ``-j`` workers are counted; Ray's raylet and workers are not waited for
  by the command, so the Ray figure is the driver's alone and is not comparable). Per article:
  ``(cpu_n - cpu_small) / (n - small)``. ``cpu_bound_on_free_cores`` = workers x one process's CPU
  per article / the mode's CPU per article: the speed-up the CPU cost would allow if each worker
  had a free core (an upper bound derived from measured CPU time, not a measured speed-up).
- Why wall-time ratios mislead here: the kernel schedules with autogroups
  (``/proc/sys/kernel/sched_autogroup_enabled`` = 1), so each login session gets a fair share of
  the 2 cores however many processes it runs; with ~8 engineers' sessions busy, ``-j 2`` gets the
  same share as one process. The load average is recorded beside each run.
- Check. Every store must hold ``n`` articles and the same number of events, claims and actors per
  article as the one-process store (workers change where analysis runs, not what it finds).
- Code. Other engineers commit to this checkout while the bench runs, so every command runs on a
  snapshot of the committed HEAD (``git archive`` into the temporary directory; the commit is
  recorded), not on the changing working tree.
- The machine is a shared 2-core box: other engineers' jobs run at the same time (the load average
  at start and end is recorded), so two workers cannot get two free cores and absolute times swing.

    .venv/bin/python bench/bench_scale.py [--n 100] [--small 4] [--modes one,j2,ray2]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_TEXTS = ROOT.parent / "shared" / "eval" / "dev" / "propaganda_ptc_tune.jsonl"
GEOBRIEF = [sys.executable, "-m", "geobrief.cli"]
MODES = {"one": [], "j2": ["-j", "2"], "ray2": ["--ray", "local", "-j", "2"]}
WORKERS = {"j2": 2}  # modes whose workers' CPU time the command waits for (and so is counted)


def snapshot(dest: Path) -> str:
    """Export the committed HEAD into ``dest`` (read-only for the checkout); returns the commit."""
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return commit


def write_articles(path: Path, n: int) -> tuple[int, str]:
    """``n`` articles as JSON Lines at ``path``; returns (words, source)."""
    if DEV_TEXTS.exists():
        base = [json.loads(x)["text"] for x in DEV_TEXTS.open(encoding="utf-8") if x.strip()]
        origin = f"{DEV_TEXTS.name} ({len(base)} articles, read at run time)"
    else:
        sys.path.insert(0, str(ROOT))
        from bench.corpus import base_articles
        base = [a.text for a in base_articles()]
        origin = "the bundled examples"
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = base[i % len(base)]
            if i >= len(base):
                text += f"\n\n(Filed again as item {i}.)"
            words += len(text.split())
            fh.write(json.dumps({"id": f"scale-{i:05d}", "text": text, "outlet": f"Outlet {i % 9}",
                                 "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"}) + "\n")
    return words, origin


def ingest(mode: str, src: Path, store: Path, code: Path) -> dict:
    cmd = GEOBRIEF + ["ingest", str(src), "--store", str(store), "--no-progress"] + MODES[mode]
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": str(code)}
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(code))
    secs = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if res.returncode != 0:
        raise SystemExit(f"{mode}: exit {res.returncode}\n{res.stderr[-2000:]}")
    report = json.loads(res.stdout.strip().splitlines()[-1])
    return {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2), "stored": report["stored"],
            "errors": len(report["errors"])}


def per_article_counts(store: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    out = {}
    for t in ("events", "claims", "actors", "places", "framing"):
        out[t] = dict(con.execute(f"select article_id, count(*) from {t} group by 1").fetchall())
    out["articles"] = con.execute("select count(*) from articles").fetchone()[0]
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--small", type=int, default=4)
    ap.add_argument("--modes", default="one,j2,ray2")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "scale.json")
    args = ap.parse_args()
    modes = args.modes.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="gbscale-"))
    try:
        code = tmp / "src"
        commit = snapshot(code)
        big, small = tmp / "big.jsonl", tmp / "small.jsonl"
        words, origin = write_articles(big, args.n)
        write_articles(small, args.small)
        load0 = os.getloadavg()
        runs = {m: {} for m in modes}
        for m in modes:  # fixed cost first, all modes, then the full runs
            runs[m]["small"] = ingest(m, small, tmp / f"{m}-small.duckdb", code)
            print(m, "small", runs[m]["small"], flush=True)
        for m in modes:
            runs[m]["full"] = ingest(m, big, tmp / f"{m}.duckdb", code)
            runs[m]["load_avg_after"] = [round(x, 1) for x in os.getloadavg()]
            print(m, "full", runs[m]["full"], flush=True)
        ref = per_article_counts(tmp / f"{modes[0]}.duckdb")
        for m in modes:
            got = per_article_counts(tmp / f"{m}.duckdb")
            runs[m]["same_rows_as_" + modes[0]] = got == ref
            runs[m]["tables_that_differ"] = [t for t in ref if got[t] != ref[t]]
            runs[m]["articles_stored"] = got["articles"]
            full, sm = runs[m]["full"]["seconds"], runs[m]["small"]["seconds"]
            runs[m]["articles_per_s"] = round(args.n / full, 3)
            runs[m]["steady_articles_per_s"] = round((args.n - args.small) / max(full - sm, 1e-6), 3)
            runs[m]["fixed_seconds"] = sm
            cpu = runs[m]["full"]["cpu_seconds"] - runs[m]["small"]["cpu_seconds"]
            runs[m]["cpu_seconds_per_article"] = round(cpu / (args.n - args.small), 3)
        base = runs[modes[0]]
        ratios = {m: {"whole_run": round(r["articles_per_s"] / base["articles_per_s"], 2),
                      "steady": round(r["steady_articles_per_s"] / base["steady_articles_per_s"], 2)}
                  for m, r in runs.items()}
        cpu_one = runs[modes[0]]["cpu_seconds_per_article"]
        for m in modes:
            if m != modes[0] and m in WORKERS:
                # what the CPU cost allows on free cores: W workers each doing cpu_m per article
                ratios[m]["cpu_bound_on_free_cores"] = round(WORKERS[m] * cpu_one / runs[m]["cpu_seconds_per_article"], 2)
        result = {
            "benchmark": "geobrief ingest: one process vs -j 2 vs Ray with 2 local workers, same articles, one run",
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "load_avg_start": [round(x, 1) for x in load0],
                        "load_avg_end": [round(x, 1) for x in os.getloadavg()]},
            "commit": commit, "articles": args.n, "words": words, "source": origin, "small": args.small,
            "goals": {"j2": ">= 1.7x one process", "ray2": ">= 1.6x one process"},
            "ratio_vs_one_process": ratios,
            "runs": runs,
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": __doc__,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(ratios, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
