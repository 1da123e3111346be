"""All cores and a cluster: ``-j N`` worker processes and the Ray back end.

Workers run the rule-based ``FakePipeline`` of test_corpus_store (or the slow/killing variants
below) so that the tests measure the scheduling, not the models; one test runs the real pipeline
through ``analyze -j 2``. The Ray tests share one local cluster of 2 worker CPUs (auth off,
no dashboard), started once for the module and shut down at its end.
"""
from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from geobrief.errors import GeobriefError, error
from geobrief.model import Article, Brief, to_dict

from .conftest import ROOT
from .test_corpus_store import FakePipeline, annotate

WORDS = "talks envoy minister delegation border ceasefire sanctions trade aid visit summit".split()


def articles(n: int, prefix: str = "art") -> list[Article]:
    import random

    rng = random.Random(n)
    out = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(30))
        out.append(Article(id=f"{prefix}{i}", outlet=f"Outlet {i % 5}", published=f"2026-10-{1 + i % 28:02d}",
                           text=f"Adam Boehler met Amir Khan Muttaqi in Kabul on day {i}. {body}. "
                                f"Sources suggest the talks may continue."))
    return out


class SlowFake(FakePipeline):
    """FakePipeline that takes ``delay`` s per article and records its pid in ``pid_dir``."""

    def __init__(self, delay: float = 0.0, pid_dir: str = "", kill_ids=(), marker_dir: str = "", done_dir: str = ""):
        super().__init__()
        self.delay, self.pid_dir, self.done_dir = delay, pid_dir, done_dir
        self.kill_ids, self.marker_dir = set(kill_ids), marker_dir
        if pid_dir:
            Path(pid_dir, str(os.getpid())).touch()

    def run_many(self, articles, batch_size=16, n_process=1):
        for a, b in super().run_many(articles):
            if a is not None and a.id in self.kill_ids:
                # kill this worker the first time it meets the article (always, without a marker dir)
                marker = Path(self.marker_dir, a.id) if self.marker_dir else None
                if marker is None or not marker.exists():
                    if marker is not None:
                        marker.touch()
                    os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(self.delay)
            if self.done_dir and a is not None:
                Path(self.done_dir, a.id).touch()
            yield a, b


class Raising(FakePipeline):
    """A pipeline whose code raises (a bug) on one article instead of yielding an error."""

    def run_many(self, articles, batch_size=16, n_process=1):
        for a, b in super().run_many(articles):
            if a is not None and a.id == "art2":
                raise ZeroDivisionError("a bug")
            yield a, b


FAKE = ("tests.test_corpus_store:FakePipeline", {})


def spec(cls, **kw):
    return (f"tests.test_scale:{cls}", kw)


def rows(briefs) -> list:
    return [(a.id if a is not None else None,
             to_dict(b) if isinstance(b, Brief) else b.code) for a, b in briefs]


# ---- Pipeline.run_many streams ---------------------------------------------------------------
@pytest.fixture(scope="module")
def blank_pipeline():
    import spacy

    from geobrief.pipeline import Pipeline, stage

    @stage("boom_test", assigns=("summary",))
    def boom(brief):
        """Raises on one text (a stage bug)."""
        if "BOOM" in brief.article.text:
            raise ValueError("stage bug")
        return brief

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    yield Pipeline(order=("boom_test",), nlp=nlp)
    from geobrief.pipeline import REGISTRY
    REGISTRY.pop("boom_test", None)


def test_run_many_streams_an_endless_input(blank_pipeline):
    pulled = []

    def endless():
        for i in itertools.count():
            pulled.append(i)
            yield Article(id=f"e{i}", text=f"Envoys met on day {i}. Talks went on.")

    first = list(itertools.islice(blank_pipeline.run_many(endless(), batch_size=8), 5))
    assert [a.id for a, _ in first] == ["e0", "e1", "e2", "e3", "e4"]
    assert len(pulled) <= 8  # read one batch ahead, never the whole input


def test_run_many_a_stage_bug_on_one_article_never_stops_the_batch(blank_pipeline):
    items = [Article(id="a", text="Talks began. They ended."), Article(id="b", text="A BOOM was heard."),
             error("G101", source="empty.txt"), Article(id="c", text="Envoys left on Friday.")]
    out = list(blank_pipeline.run_many(items))
    assert [(a.id if a else None) for a, _ in out] == ["a", "b", None, "c"]
    assert out[1][1].code == "G115" and "ValueError" in out[1][1].message
    assert out[2][1].code == "G101"
    assert isinstance(out[0][1], Brief) and isinstance(out[3][1], Brief)


# ---- -j N: worker processes --------------------------------------------------------------------
def test_jobs_output_is_in_input_order_with_errors_in_place():
    from geobrief.scale import ProcessBackend, Runner

    arts = articles(40)
    items = arts[:10] + [error("G101", source="bad.txt")] + arts[10:]
    with Runner(ProcessBackend(FAKE, 2)) as r:
        got = rows(r.run_many(iter(items)))
    want = rows(FakePipeline().run_many(items))
    assert got == want


def test_jobs_a_bug_raised_by_the_pipeline_is_a_coded_error_for_that_article_only():
    from geobrief.scale import ProcessBackend, Runner

    with Runner(ProcessBackend(spec("Raising"), 2)) as r:
        out = list(r.run_many(articles(6)))
    assert [a.id for a, _ in out] == [f"art{i}" for i in range(6)]
    assert out[2][1].code == "G115" and "ZeroDivisionError" in out[2][1].message
    assert all(isinstance(b, Brief) for i, (_, b) in enumerate(out) if i != 2)


def test_jobs_a_killed_worker_costs_a_retry_not_an_article(tmp_path):
    from geobrief.scale import ProcessBackend, Runner

    arts = articles(24)
    # art5 kills its worker once (retried alone, then fine); art9 kills every worker it meets
    with Runner(ProcessBackend(spec("SlowFake", kill_ids=["art5"], marker_dir=str(tmp_path)), 2)) as r:
        once = list(r.run_many(arts))
    assert rows(once) == rows(FakePipeline().run_many(arts))
    with Runner(ProcessBackend(spec("SlowFake", kill_ids=["art9"]), 2)) as r:
        always = list(r.run_many(arts))
    assert [a.id for a, _ in always] == [a.id for a in arts]
    assert always[9][1].code == "G118"
    assert all(isinstance(b, Brief) for i, (_, b) in enumerate(always) if i != 9)


def test_jobs_ingest_stores_each_article_once_like_one_process(tmp_path):
    from geobrief.corpus import ingest
    from geobrief.scale import ProcessBackend, Runner

    arts = articles(30)
    one = ingest(arts, tmp_path / "one.duckdb", pipeline=FakePipeline(), progress=False, batch_size=8)
    with Runner(ProcessBackend(FAKE, 2)) as r:
        two = ingest(articles(30), tmp_path / "two.duckdb", pipeline=r, progress=False, batch_size=8)
        again = ingest(articles(30), tmp_path / "two.duckdb", pipeline=r, progress=False, batch_size=8)
    assert (one.stored, two.stored, again.stored, again.skipped) == (30, 30, 0, 30)
    assert table_digest(tmp_path / "one.duckdb") == table_digest(tmp_path / "two.duckdb")


def table_digest(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    out = {t: con.execute(f"select article_id, count(*) from {t} group by 1 order by 1").fetchall()
           for t in ("actors", "events", "claims", "sentences", "mentions")}
    out["articles"] = con.execute("select id, content_hash, group_id from articles order by id").fetchall()
    con.close()
    return out


DRIVER = textwrap.dedent('''
    import sys
    sys.path.insert(0, {root!r})
    from tests.test_scale import articles
    from geobrief.corpus import ingest
    from geobrief.scale import make_runner

    if __name__ == "__main__":
        db, ray, pid_dir, done_dir = sys.argv[1:5]
        r = make_runner(jobs=2, ray=ray or None, spec=("tests.test_scale:SlowFake",
                        {{"delay": 0.05, "pid_dir": pid_dir, "done_dir": done_dir}}))
        print("READY", flush=True)
        rep = ingest(articles({n}), db, pipeline=r, progress=False, batch_size=8)
        print("DONE", rep.stored, rep.skipped, flush=True)
        r.close()
''')


def run_driver_and_kill_it(tmp_path, n: int, kill_after: float, ray_address=None, pid_dir="") -> Path:
    """Start an ingest driver, SIGKILL it mid-ingest (the store holds some, not all), return the store."""
    db = tmp_path / "kill.duckdb"
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(root=str(ROOT), n=n))
    done_dir = tmp_path / "done"
    done_dir.mkdir()
    p = subprocess.Popen([sys.executable, str(script), str(db), ray_address or "", pid_dir, str(done_dir)],
                         cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert p.stdout.readline().strip() == b"READY"
        deadline = time.time() + 90
        # 3 batches of 8 analysed, so at least one is committed (the store is not opened meanwhile:
        # it belongs to the driver)
        while time.time() < deadline and len(list(done_dir.iterdir())) < 24:
            time.sleep(0.1)
        time.sleep(kill_after)
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
    got = stored(db)
    assert 0 < got < n, f"the kill should land mid-ingest ({got} of {n} stored)"
    return db


def stored(db) -> int:
    if not Path(db).exists():
        return 0
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0
    try:
        return con.execute("select count(*) from articles").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def assert_each_article_once(db, n: int) -> None:
    con = duckdb.connect(str(db), read_only=True)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    assert q("select count(*), count(distinct id), count(distinct content_hash) from articles")[0] == (n, n, n)
    want = {a.id: len(annotate(a).events) for a in articles(n)}
    ev = dict(q("select article_id, count(*) from events group by 1"))
    assert {k: ev.get(k, 0) for k in want} == want
    for t in ("actors", "events", "claims", "sentences", "story_groups", "signatures"):
        assert q(f"select count(*) from {t} where article_id not in (select id from articles)")[0][0] == 0, t
    assert q("select count(*), count(distinct article_id) from story_groups")[0] == (n, n)
    con.close()


def test_jobs_driver_killed_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    from geobrief.corpus import ingest

    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()
    db = run_driver_and_kill_it(tmp_path, 120, 0.3, pid_dir=str(pid_dir))
    # the orphaned workers notice their driver's death and exit
    pids = [int(p.name) for p in pid_dir.iterdir()]
    assert pids
    deadline = time.time() + 20
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    assert not any(alive(p) for p in pids), "worker processes outlived their killed driver"
    rep = ingest(articles(120), db, pipeline=FakePipeline(), progress=False, batch_size=8)
    assert rep.stored + rep.skipped == 120
    assert_each_article_once(db, 120)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


# ---- the CLI -------------------------------------------------------------------------------
def test_cli_analyze_jobs_2_gives_the_same_briefs_in_order(tmp_path):
    """The real pipeline in 2 worker processes: same JSON Lines as one process, same order."""
    from click.testing import CliRunner

    from geobrief.cli import main

    texts = ["The defence minister of Ruritania met the Freedonian envoy in Geneva on Tuesday. "
             "Officials said talks on the border would resume next month.",
             "Protesters gathered outside the parliament in Vienna on Sunday. Police said three people "
             "were arrested, according to a statement.",
             "The president of Ruritania may visit Freedonia next year, two diplomats said."]
    for i, t in enumerate(texts):
        (tmp_path / f"t{i}.txt").write_text(t)
    paths = [str(tmp_path / f"t{i}.txt") for i in range(len(texts))]
    one = CliRunner().invoke(main, ["analyze", *paths, "--format", "json"])
    two = CliRunner().invoke(main, ["analyze", *paths, "--format", "json", "-j", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, (one.output, two.output)
    lines1 = [json.loads(x) for x in one.stdout.splitlines() if x.startswith("{")]
    lines2 = [json.loads(x) for x in two.stdout.splitlines() if x.startswith("{")]
    assert len(lines1) == 3 and lines1 == lines2


def test_cli_ray_option_refuses_a_path_taken_for_an_address(tmp_path):
    from click.testing import CliRunner

    from geobrief.cli import main

    res = CliRunner().invoke(main, ["ingest", "--ray", "corpus/", "--store", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 2 and "not a Ray address" in res.output


def test_ray_missing_is_a_coded_error_with_the_install_hint(monkeypatch):
    from geobrief.scale import make_runner

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray → ImportError
    with pytest.raises(GeobriefError) as exc:
        make_runner(jobs=2, ray="local", spec=FAKE)
    assert exc.value.code == "G304" and "geobrief[ray]" in exc.value.hint


def test_ray_address_with_no_cluster_fails_fast_with_a_coded_error():
    ray = pytest.importorskip("ray", reason="the ray extra: pip install 'geobrief[ray]'")
    from geobrief.scale import make_runner

    assert not ray.is_initialized()  # runs before the module's cluster starts
    t0 = time.time()
    with pytest.raises(GeobriefError) as exc:
        make_runner(ray="127.0.0.1:1", spec=FAKE)  # nothing listens on port 1
    assert exc.value.code == "G305" and "127.0.0.1:1" in exc.value.message
    assert time.time() - t0 < 30  # not Ray's own minutes of retries


# ---- Ray: a local cluster of 2 worker CPUs ---------------------------------------------------
@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    ray = pytest.importorskip("ray", reason="the ray extra: pip install 'geobrief[ray]'")
    import logging
    import tempfile

    env = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    tmp = tempfile.mkdtemp(prefix="gbray-t-", dir="/tmp")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
             _node_ip_address="127.0.0.1", _temp_dir=tmp)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)


def test_ray_ingest_2_workers_matches_one_process(ray_cluster, tmp_path):
    from geobrief.corpus import ingest
    from geobrief.scale import make_runner

    r = make_runner(ray="auto", spec=FAKE)
    assert r.workers == 2
    items = articles(30)[:12] + [error("G101", source="bad.txt")] + articles(30)[12:]
    assert rows(r.run_many(iter(items))) == rows(FakePipeline().run_many(items))
    rep = ingest(articles(30), tmp_path / "ray.duckdb", pipeline=r, progress=False, batch_size=8)
    one = ingest(articles(30), tmp_path / "one.duckdb", pipeline=FakePipeline(), progress=False, batch_size=8)
    r.close()
    assert rep.stored == one.stored == 30
    assert table_digest(tmp_path / "ray.duckdb") == table_digest(tmp_path / "one.duckdb")


def test_ray_worker_killed_mid_ingest_nothing_lost_or_duplicated(ray_cluster, tmp_path):
    """kill -9 a Ray worker process while it analyses: its articles are retried, stored once."""
    import threading

    from geobrief.corpus import ingest
    from geobrief.scale import make_runner

    pid_dir, done_dir = tmp_path / "pids", tmp_path / "done"
    pid_dir.mkdir()
    done_dir.mkdir()
    r = make_runner(ray="auto", spec=spec("SlowFake", delay=0.05, pid_dir=str(pid_dir), done_dir=str(done_dir)))
    killed = []

    def killer():
        deadline = time.time() + 60
        while time.time() < deadline and not killed:
            pids = sorted(int(p.name) for p in pid_dir.iterdir())
            if pids and len(list(done_dir.iterdir())) >= 12:  # mid-batch (the driver may not open the store)
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
            time.sleep(0.1)

    t = threading.Thread(target=killer)
    t.start()
    rep = ingest(articles(100), tmp_path / "w.duckdb", pipeline=r, progress=False, batch_size=8)
    t.join()
    r.close()
    assert killed, "no worker was killed"
    assert rep.stored == 100 and not rep.errors, rep.errors
    assert_each_article_once(tmp_path / "w.duckdb", 100)


def test_ray_driver_killed_mid_ingest_then_rerun_loses_and_duplicates_nothing(ray_cluster, tmp_path):
    from geobrief.corpus import ingest
    from geobrief.scale import make_runner

    db = run_driver_and_kill_it(tmp_path, 100, 0.3, ray_address=ray_cluster)
    r = make_runner(ray="auto", spec=FAKE)
    rep = ingest(articles(100), db, pipeline=r, progress=False, batch_size=8)
    r.close()
    assert rep.stored + rep.skipped == 100 and rep.stored > 0
    assert_each_article_once(db, 100)


LOCAL = textwrap.dedent('''
    import os, sys
    sys.path.insert(0, {root!r})
    from geobrief.scale import make_runner
    from tests.test_scale import articles

    if __name__ == "__main__":
        r = make_runner(jobs=2, ray="local", spec=("tests.test_corpus_store:FakePipeline", {{}}))
        print("TMP", r.backend._tmp, r.workers, flush=True)
        print("AUTH", os.environ.get("RAY_AUTH_MODE"), len(os.environ.get("RAY_AUTH_TOKEN", "")), flush=True)
        out = list(r.run_many(articles(10)))
        print("OUT", [a.id for a, b in out] == [a.id for a in articles(10)], type(out[0][1]).__name__, flush=True)
        r.close()
''')


def test_ray_without_an_address_starts_a_private_local_cluster_and_stops_it(tmp_path):
    pytest.importorskip("ray", reason="the ray extra: pip install 'geobrief[ray]'")
    script = tmp_path / "local.py"
    script.write_text(LOCAL.format(root=str(ROOT)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_AUTH")}  # the runner sets its own token
    env["PYTHONPATH"] = str(ROOT)
    home = tmp_path / "home"
    home.mkdir()
    env["HOME"] = str(home)  # nothing (no auth token) may be written into the home directory
    res = subprocess.run([sys.executable, str(script)], cwd=str(tmp_path), env=env, capture_output=True,
                         text=True, timeout=240)
    assert res.returncode == 0, res.stderr[-2000:]
    lines = dict(x.split(" ", 1) for x in res.stdout.splitlines() if " " in x)
    tmp, workers = lines["TMP"].split()
    assert workers == "2" and lines["OUT"] == "True Brief"
    assert lines["AUTH"] == "token 64"  # Ray listens on every interface: the private cluster keeps a token
    assert not Path(tmp).exists(), "the cluster's session directory was left behind"
    assert not list(home.rglob("*")), "Ray wrote into the home directory"
    left = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if tmp.encode() in (proc / "cmdline").read_bytes():
                    left.append(proc.name)
            except OSError:
                pass
    assert not left, f"processes of the local cluster outlived it: {left}"
