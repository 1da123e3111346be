"""Cost against document length: seconds per 1,000 words at 5 KB, 50 KB, 500 KB and 2 MB.

Method (also written into the results file):

- Texts. Real news prose: the articles of the dev set ``propaganda_ptc_tune.jsonl`` (read at run
  time from ../shared/eval/dev, never copied into the repo; the bundled examples when it is
  missing), joined with blank lines, in file order, until the target size in UTF-8 bytes is
  reached (cut at the last paragraph break before it). Each size point uses different articles
  where the source allows, and 5 KB is measured on ``--small-docs`` distinct texts (one text is
  too short to time on a noisy machine).
- Sides. In one run, for each size, two subprocesses on the same texts: bare spaCy (the same
  model and components as geobrief, ``nlp.max_length`` raised so one Doc holds the text) and
  geobrief's ``Pipeline.run`` (every stage). Models are loaded and warmed on a short text first;
  only the analysis is timed. Peak RSS is the subprocess's own (``ru_maxrss``).
- Figures. Seconds per 1,000 words per point, both wall time and CPU time (user + system, all
  threads, from ``getrusage``). ``flatness`` = geobrief's CPU s/1k words at each size over that at
  5 KB (goal at 2 MB: <= 1.5); ``over_spacy`` = geobrief's CPU time over bare spaCy's; the ``_wall``
  twins use wall time; ``stage_cpu_s_per_1k_words``: each stage's CPU per 1,000 words (spaCy's
  parse is the rest). CPU time is the figure to read: the kernel gives each login session a fair
  share of the cores (autogroup scheduling) and that share moves with the other sessions' load,
  while the CPU a text costs does not move much.
  A point that exceeds ``--timeout`` seconds is reported as not finished, with the time it ran.
- Code. Other engineers commit to this checkout while the bench runs, so each point runs on a
  snapshot of the committed HEAD (``git archive`` into a temporary directory; the commit is
  recorded), not on the changing working tree.
- The machine is a shared 2-core box: other engineers' jobs run at the same time, so absolute
  times swing; the load average at start and end is recorded. The 2 MB point runs once.

    .venv/bin/python bench/bench_length.py [--sizes 5000,50000,500000,2000000] [--timeout 2400]
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
if os.environ.get("GB_SRC"):  # a worker runs the snapshot's geobrief
    sys.path.insert(0, os.environ["GB_SRC"])
DEV_TEXTS = ROOT.parent / "shared" / "eval" / "dev" / "propaganda_ptc_tune.jsonl"
WARM = "The foreign minister met the visiting envoy in the capital on Monday. Officials said talks would go on."


def source_paragraphs() -> tuple[list[str], str]:
    """Paragraphs of real articles, in order, and where they came from."""
    if DEV_TEXTS.exists():
        texts = [json.loads(line)["text"] for line in DEV_TEXTS.open(encoding="utf-8") if line.strip()]
        origin = f"{DEV_TEXTS.name} ({len(texts)} articles, read at run time)"
    else:
        from bench.corpus import base_articles
        texts = [a.text for a in base_articles()]
        origin = "the bundled examples"
    paras = [p.strip() for t in texts for p in t.split("\n\n") if p.strip()]
    return paras, origin


def make_text(paras: list[str], start: int, size: int) -> tuple[str, int]:
    """Paragraphs from ``start`` (wrapping round) joined up to ``size`` bytes; the next start."""
    out, n, i = [], 0, start
    while True:
        p = paras[i % len(paras)]
        b = len(p.encode("utf-8")) + 2
        if n + b > size and out:
            break
        out.append(p)
        n += b
        i += 1
    return "\n\n".join(out), i % len(paras)


def texts_for(size: int, n_docs: int) -> list[str]:
    paras, _ = source_paragraphs()
    start = (size * 7919) % len(paras)  # different sizes start at different articles
    out = []
    for _ in range(n_docs):
        t, start = make_text(paras, start, size)
        out.append(t)
    return out


def cpu_seconds() -> float:
    """User + system CPU seconds of this process (all its threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def worker(side: str, size: int, n_docs: int) -> dict:
    from geobrief import nlp as nlp_mod
    from geobrief.model import Article
    from geobrief.pipeline import Pipeline

    texts = texts_for(size, n_docs)
    words = sum(len(t.split()) for t in texts)
    pipe = Pipeline()
    stage_cpu: dict[str, float] = {}
    if side == "spacy":
        nlp = nlp_mod.load(pipe.components)
        nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
        nlp(WARM)
        cpu0 = cpu_seconds()
        t0 = time.perf_counter()
        for t in texts:
            nlp(t)
    else:
        pipe.run(Article(id="warm", text=WARM))
        from bench.timing import time_stages

        time_stages(pipe, stage_cpu, cpu_seconds)
        cpu0 = cpu_seconds()
        t0 = time.perf_counter()
        for i, t in enumerate(texts):
            pipe.run(Article(id=f"len-{size}-{i}", text=t))
    secs = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    return {"side": side, "bytes": size, "docs": n_docs, "words": words, "seconds": round(secs, 3),
            "s_per_1k_words": round(secs / words * 1000, 4), "cpu_seconds": round(cpu, 3),
            "cpu_s_per_1k_words": round(cpu / words * 1000, 4),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            **({"stage_cpu_s_per_1k_words": {k: round(v / words * 1000, 4) for k, v in stage_cpu.items()}}
               if stage_cpu else {})}


def run_point(side: str, size: int, n_docs: int, timeout: float, code: Path) -> dict:
    t0 = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, __file__, "--worker", side, "--size", str(size),
                              "--docs", str(n_docs)], capture_output=True, text=True, timeout=timeout,
                             env={**os.environ, "GB_SRC": str(code)}, cwd=str(code))
    except subprocess.TimeoutExpired:
        return {"side": side, "bytes": size, "docs": n_docs, "finished": False,
                "ran_seconds": round(time.perf_counter() - t0, 1)}
    if res.returncode != 0:
        return {"side": side, "bytes": size, "docs": n_docs, "finished": False,
                "error": res.stderr.strip().splitlines()[-1:] if res.stderr else "exit %d" % res.returncode}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["finished"] = True
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="5000,50000,500000,2000000")
    ap.add_argument("--small-docs", type=int, default=10, help="Texts measured at the smallest size.")
    ap.add_argument("--timeout", type=float, default=2400, help="Seconds allowed per point and side.")
    ap.add_argument("--worker", choices=["spacy", "geobrief"])
    ap.add_argument("--size", type=int)
    ap.add_argument("--docs", type=int, default=1)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "length.json")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.size, args.docs)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    import shutil
    import tempfile

    from bench.bench_scale import snapshot

    tmp = Path(tempfile.mkdtemp(prefix="gblength-"))
    commit = snapshot(tmp / "src")
    load0 = os.getloadavg()
    points = []
    for size in sizes:
        n_docs = args.small_docs if size <= 5000 else (2 if size <= 50000 else 1)
        row = {"bytes": size, "docs": n_docs}
        for side in ("spacy", "geobrief"):
            row[side] = run_point(side, size, n_docs, args.timeout, tmp / "src")
            print(json.dumps(row[side]), flush=True)
        if row["spacy"].get("finished") and row["geobrief"].get("finished"):
            row["over_spacy"] = round(row["geobrief"]["cpu_seconds"] / row["spacy"]["cpu_seconds"], 2)
            row["over_spacy_wall"] = round(row["geobrief"]["seconds"] / row["spacy"]["seconds"], 2)
        points.append(row)
    shutil.rmtree(tmp, ignore_errors=True)
    base = points[0]["geobrief"].get("cpu_s_per_1k_words")
    wbase = points[0]["geobrief"].get("s_per_1k_words")
    for row in points:
        g = row["geobrief"]
        if base and g.get("finished"):
            row["flatness"] = round(g["cpu_s_per_1k_words"] / base, 2)
            row["flatness_wall"] = round(g["s_per_1k_words"] / wbase, 2)
    result = {
        "benchmark": "seconds per 1,000 words against document length; geobrief vs bare spaCy, same texts, one run",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_avg_start": [round(x, 1) for x in load0],
                    "load_avg_end": [round(x, 1) for x in os.getloadavg()]},
        "commit": commit, "source": source_paragraphs()[1],
        "goal": "s/1k words at 2 MB <= 1.5x that at 5 KB; a 2 MB document finishes under 2 GB peak RSS",
        "points": points,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "method": __doc__,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps([{k: r.get(k) for k in ("bytes", "flatness", "flatness_wall", "over_spacy")} for r in points]))


if __name__ == "__main__":
    main()
