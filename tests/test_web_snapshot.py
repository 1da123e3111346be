"""serve reads while ingest writes: verified private snapshots, never the live file's lock.

DuckDB lets one process open a file for writing and then no other process may open it at all;
serve therefore copies the store (file + WAL) when it is quiet and reads the copy read-only.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_web_api import build_store, make_client

ROOT = Path(__file__).resolve().parents[1]

WRITER = r"""
import sys
from geobrief.corpus.store import Store
from geobrief.model import Article
from geobrief.pipeline import content_hash
from tests.test_corpus_store import annotate

text = ("Zalmay Khalilzad met Amir Khan Muttaqi in Doha on Friday. "
        "The Taliban said a second meeting may follow next month.")
art = Article(id="written-late", text=text, title="A late meeting", outlet="Late Wire", published="2026-12-01")
with Store(sys.argv[1], wait=0) as st:   # read-write: fails at once if serve held the file
    st.write_batch([(annotate(art), content_hash(text))])
    print("committed", flush=True)
    sys.stdin.read()                     # keep the write lock until the test says so
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("built") / "c.duckdb")


@pytest.fixture()
def store(built, tmp_path):
    """A fresh copy of the built store for each test (they write to it)."""
    import shutil

    dst = tmp_path / "live.duckdb"
    shutil.copyfile(built, dst)
    return dst


def _total(c) -> int:
    return c.get("/api/v1/articles", params={"limit": 1}).json()["total"]


def test_serve_reads_while_a_writer_holds_the_store(store):
    with make_client(store) as c:
        before = _total(c)
        snaps = c.app.state.snapshots
        w = subprocess.Popen([sys.executable, "-c", WRITER, str(store)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = w.stdout.readline()  # the writer got the lock although serve is running
            assert line.strip() == "committed", w.stderr.read()
            # the writer still holds DuckDB's lock: no other process could open the live file now
            assert _total(c) == before  # the old snapshot goes on serving
            assert snaps.refresh()  # a copy taken while the writer holds the lock, between its writes
            assert _total(c) == before + 1
            assert c.get("/api/v1/articles/written-late").json()["article"]["title"] == "A late meeting"
            assert not snaps.refresh()  # nothing changed since
        finally:
            w.stdin.close()
            w.wait(timeout=30)
        assert w.returncode == 0, w.stderr.read()


def test_a_copy_taken_during_a_write_is_thrown_away(store, monkeypatch):
    import shutil

    from geobrief.web import snapshot

    with make_client(store) as c:
        snaps = c.app.state.snapshots
        gen = snaps.current
        real_copy = shutil.copyfile
        writes = {"n": 0}

        def touch(path):
            st = os.stat(path)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))

        def copy_then_write(src, dst):  # a write lands on the live file while it is being copied
            out = real_copy(src, dst)
            if src == snaps.store_path:
                writes["n"] += 1
                touch(src)
            return out

        touch(snaps.store_path)  # the store changed since the snapshot
        monkeypatch.setattr(snapshot.shutil, "copyfile", copy_then_write)
        assert not snaps.refresh()
        assert writes["n"] == snaps.attempts  # retried, every copy rejected
        assert snaps.current is gen and "changed while it was copied" in snaps.last_error
        assert _total(c) >= 9  # still served from the good snapshot
        assert sorted(set(os.listdir(snaps.dir)) - {"pid"}) == sorted(
            p for p in (os.path.basename(gen.path), os.path.basename(gen.path) + ".wal") if
            os.path.exists(os.path.join(snaps.dir, p)))  # no half copy left behind


def test_old_snapshot_lives_until_its_last_reader_is_done(store):
    from geobrief.corpus.store import Store

    with make_client(store) as c:
        snaps = c.app.state.snapshots
        with snaps.reader() as r:
            old = r.gen.path
            with Store(str(store)) as st:  # a write (this process: the snapshots hold no lock on it)
                st.con.execute("UPDATE articles SET title = 'renamed' WHERE id = 'oped_kabul_visit'")
            time.sleep(0.01)
            assert snaps.refresh()
            assert os.path.exists(old)  # still being read
            assert r.con.execute("SELECT title FROM articles WHERE id = 'oped_kabul_visit'").fetchone()[0] != "renamed"
        assert not os.path.exists(old)  # closed and deleted once its reader finished
        listed = {x["id"]: x["title"] for x in c.get("/api/v1/articles", params={"limit": 100}).json()["items"]}
        assert listed["oped_kabul_visit"] == "renamed"


def test_no_store_yet_is_a_coded_error(tmp_path):
    with make_client(tmp_path / "missing.duckdb") as c:
        r = c.get("/api/v1/articles")
        assert r.status_code == 503 and r.json()["code"] == "G502"
        page = c.get("/")
        assert page.status_code == 503 and "G502" in page.text


def test_snapshot_dirs_of_dead_servers_are_removed(store, tmp_path, monkeypatch):
    import tempfile

    from geobrief.web.snapshot import PREFIX, Snapshots

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / (PREFIX + "dead")
    stale.mkdir()
    (stale / "pid").write_text(dead.stdout.strip())
    (stale / "gen1.duckdb").write_bytes(b"x" * 10)
    alive = tmp_path / (PREFIX + "alive")
    alive.mkdir()
    (alive / "pid").write_text(str(os.getpid()))
    s = Snapshots(str(store), interval=0)
    try:
        assert not stale.exists() and alive.exists()
        assert (Path(s.dir) / "pid").read_text() == str(os.getpid())
    finally:
        s.close()
    assert not Path(s.dir).exists()


def test_a_new_snapshot_is_warmed_before_requests_see_it(store):
    from geobrief.corpus.store import Store

    with make_client(store) as c:
        snaps = c.app.state.snapshots
        with Store(str(store)) as st:
            st.con.execute("UPDATE articles SET outlet = 'Renamed Wire' WHERE outlet = 'Meridian Wire'")
        time.sleep(0.01)
        assert snaps.refresh()
        cache = snaps.current.cache
        assert {"overview", "facets", "network"} <= set(cache)  # computed before any request
        assert "Renamed Wire" in cache["facets"]["outlets"]
        assert c.get("/api/v1/overview").json() == json.loads(json.dumps(cache["overview"], default=str))
