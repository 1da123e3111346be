"""Crash safety: SIGKILL ``ingest`` 20 times at random moments, re-run, nothing lost or duplicated.

Each run is a subprocess ingesting the same 300 small articles (batches of 8) with the rule-based
``FakePipeline``; it is killed a random 0.3–2.5 s after it starts ingesting, and the next run resumes. At the end one run
completes, and every article must be stored exactly once with exactly the rows its brief has.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
N = 300
KILLS = 20

SCRIPT = textwrap.dedent('''
    import sys, time
    sys.path.insert(0, {root!r})
    from geobrief.model import Article
    from tests.test_corpus_store import FakePipeline, annotate
    from geobrief.corpus import ingest

    class SlowFake(FakePipeline):
        def run_many(self, articles, **kw):
            for a, b in super().run_many(articles, **kw):
                time.sleep(0.1)  # 300 articles take >= 30 s: the kills (0.3-2.5 s in) always land mid-ingest
                yield a, b

    def articles():
        import random
        rng = random.Random(7)
        words = "talks envoy minister delegation border ceasefire sanctions trade aid visit summit".split()
        for i in range({n}):
            body = " ".join(rng.choice(words) + str(rng.randrange(50)) for _ in range(40))
            yield Article(id=f"art{{i}}", outlet=f"Outlet {{i % 7}}", published=f"2026-11-{{1 + i % 28:02d}}",
                          text=f"Adam Boehler met Amir Khan Muttaqi in Kabul on day {{i}}. {{body}}. "
                               f"Sources suggest the talks may continue.")

    print("READY", flush=True)
    r = ingest(articles(), sys.argv[1], pipeline=SlowFake(), progress=False, batch_size=8)
    print("DONE", r.stored, r.skipped, r.total, flush=True)
''')


def expected_rows(n: int) -> dict:
    """The rows each article must have, from the same annotator, computed in-process."""
    import importlib
    ns: dict = {}
    code = SCRIPT.split("r = ingest(")[0].format(root=str(ROOT), n=n)
    exec(code, ns)
    from tests.test_corpus_store import annotate

    out = {}
    for a in ns["articles"]():
        b = annotate(a)
        out[a.id] = (len(b.events), len(b.claims), len([s for s in b.sentences if a.text[s.start:s.end].strip()]))
    return out


def test_kill_ingest_20_times_then_resume(tmp_path):
    db = tmp_path / "crash.duckdb"
    script = tmp_path / "run_ingest.py"
    script.write_text(SCRIPT.format(root=str(ROOT), n=N))
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    rng = random.Random(20261112)
    counts = []
    killed = 0
    t_start = time.time()
    for _ in range(KILLS):
        p = subprocess.Popen([sys.executable, str(script), str(db)], cwd=str(tmp_path), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.readline()  # "READY": imports done (the machine may be loaded), ingest starting
        time.sleep(rng.uniform(0.3, 2.5))  # long enough for a batch to commit even on a loaded machine
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
            killed += 1
        p.wait()
        if db.exists():
            con = duckdb.connect(str(db), read_only=True)
            counts.append(con.execute("select count(*) from articles").fetchone()[0])
            con.close()
    assert killed >= 15, f"only {killed} runs were killed mid-way"
    assert counts == sorted(counts), "a committed article was lost"
    assert 0 < counts[-1] < N, "the kills should have happened mid-ingest"
    # the final run completes
    out = subprocess.run([sys.executable, str(script), str(db)], cwd=str(tmp_path), env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "DONE" in out.stdout
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    assert q("select count(*), count(distinct id), count(distinct content_hash) from articles")[0] == (N, N, N)
    exp = expected_rows(N)
    ev = dict(q("select article_id, count(*) from events group by 1"))
    cl = dict(q("select article_id, count(*) from claims group by 1"))
    se = dict(q("select article_id, count(*) from sentences group by 1"))
    for aid, (ne, nc, ns) in exp.items():
        assert (ev.get(aid, 0), cl.get(aid, 0), se.get(aid, 0)) == (ne, nc, ns), aid
    for t in ("story_groups", "signatures"):
        assert q(f"select count(*), count(distinct article_id) from {t}")[0] == (N, N)
    for t in ("actors", "mentions", "events", "claims", "sentences", "story_groups", "signatures", "lsh_bands"):
        orphans = q(f"select count(*) from {t} where article_id not in (select id from articles)")[0][0]
        assert orphans == 0, t
    con.close()
    print(f"kills={killed} counts={counts} seconds={time.time() - t_start:.1f}")
