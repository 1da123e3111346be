"""How ``serve`` reads a store that ``ingest`` may be writing: private, verified snapshots.

DuckDB lets one process open a database file for writing, and while it does no other process
can open the file at all, not even read-only ("Could not set lock on file"). A reader that held
the file open would, the other way round, keep ``ingest`` from starting. So ``serve`` never opens
the live store: it copies the store file (and its write-ahead log, when there is one) into a
private directory and opens that copy read-only.

A copy is only used when it is consistent: the size and modification time (ns) of the store
file and of its WAL are the same before and after the copy, so no write happened during it. A
committed DuckDB transaction is in the file plus the WAL, so such a copy is what a crash at
that moment would have left, and DuckDB replays the WAL when it opens the copy. ``ingest``
commits a batch at a time and spends most of its time analysing, so the files are quiet
between batches and the copy succeeds then; while a write is going on it is retried with a
back-off, and the previous snapshot keeps serving in the meantime.

``refresh`` (called by a background thread every ``interval`` seconds, and on demand) takes a
new snapshot when the files changed, and fills its caches (``warm``) before requests use it. Requests take a reader with ``with snaps.reader() as r:``;
a retired snapshot is closed and deleted when its last reader is done.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

from ..corpus.store import Store, close_readers
from ..errors import error


def _stat(path: str) -> tuple:
    """(size, mtime_ns) of the store file and its WAL; None for a missing file."""
    out = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


PREFIX = "geobrief-serve-"


def _remove_stale(tmp: str) -> None:
    """Remove the snapshot directories of serve processes that died without cleaning up."""
    for name in os.listdir(tmp):
        if not name.startswith(PREFIX):
            continue
        d = os.path.join(tmp, name)
        try:
            with open(os.path.join(d, "pid")) as fh:
                pid = int(fh.read().strip())
        except (OSError, ValueError):
            continue  # not ours to judge
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except PermissionError:
            pass  # alive, another user's


class Generation:
    """One snapshot: its file, a read-only Store on it, and caches valid for its lifetime."""

    def __init__(self, path: str, version: tuple, number: int):
        self.path = path
        self.version = version
        self.number = number
        self.store = Store(path, read_only=True)
        self.store.con.execute("SET threads = 1")  # many small concurrent queries: one thread each
        self.store.load_fts()
        self.cache: dict = {}
        self.users = 0
        self.retired = False
        self.lock = threading.Lock()

    def close(self) -> None:
        close_readers(self.path)  # a reader ``ask`` may have opened on this file
        try:
            self.store.close()
        finally:
            for p in (self.path, self.path + ".wal"):
                try:
                    os.remove(p)
                except FileNotFoundError:
                    pass


class Reader:
    """What a request reads through: its own cursor on the snapshot, and the snapshot."""

    def __init__(self, gen: Generation):
        self.gen = gen
        self.con = gen.store.con.cursor()  # a connection of its own: DuckDB connections are per thread
        self.path = gen.path
        self.cache = gen.cache

    def store(self) -> Store:
        """A Store view whose methods (brief, meta, fts_ready) run on this reader's cursor."""
        view = Store.__new__(Store)
        view.__dict__.update(self.gen.store.__dict__)
        view.con = self.con
        return view


class Snapshots:
    """Verified read-only snapshots of the store at ``store_path`` (see the module doc)."""

    def __init__(self, store_path: str, interval: float = 2.0, attempts: int = 5, warm=None):
        self.store_path = os.path.abspath(str(store_path))
        self.warm = warm  # called with a Reader on each new snapshot before it is used
        self.interval = interval
        self.attempts = attempts
        _remove_stale(tempfile.gettempdir())
        self.dir = tempfile.mkdtemp(prefix=PREFIX)
        with open(os.path.join(self.dir, "pid"), "w") as fh:
            fh.write(str(os.getpid()))
        atexit.register(self.close)
        self.current: Optional[Generation] = None
        self.last_error: Optional[str] = None
        self.copy_seconds = 0.0  # how long the last good copy took
        self._n = 0
        self._lock = threading.Lock()  # one refresh at a time
        self._swap = threading.Lock()  # guards current / users
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    # ---- taking snapshots -------------------------------------------------------------------
    def _copy(self) -> Optional[tuple[str, tuple]]:
        """A consistent copy of the store (path, version), or None if it kept changing."""
        delay = 0.05
        for _ in range(self.attempts):
            before = _stat(self.store_path)
            if before[0] is None:
                self.last_error = "no store file"
                return None
            self._n += 1
            t0 = time.monotonic()
            dst = os.path.join(self.dir, f"gen{self._n}.duckdb")
            shutil.copyfile(self.store_path, dst)
            if before[1] is not None:
                try:
                    shutil.copyfile(self.store_path + ".wal", dst + ".wal")
                except FileNotFoundError:  # checkpointed meanwhile: the stat check below sees it
                    pass
            if _stat(self.store_path) == before:
                self.copy_seconds = time.monotonic() - t0
                return dst, before
            for p in (dst, dst + ".wal"):
                if os.path.exists(p):
                    os.remove(p)
            self.last_error = "the store changed while it was copied"
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        return None

    def refresh(self) -> bool:
        """Take a new snapshot if the store changed; True when a new one is in use."""
        with self._lock:
            version = _stat(self.store_path)
            cur = self.current
            if cur is not None and cur.version == version:
                return False
            got = self._copy()
            if got is None:
                return False
            path, version = got
            try:
                gen = Generation(path, version, self._n)
            except Exception as exc:  # a copy DuckDB cannot open: keep the old snapshot
                self.last_error = str(exc).splitlines()[0]
                for p in (path, path + ".wal"):
                    if os.path.exists(p):
                        os.remove(p)
                return False
            self.last_error = None
            if self.warm is not None:  # fill the new snapshot's caches before requests see it
                r = Reader(gen)
                try:
                    self.warm(r)
                except Exception as exc:  # a cache left cold is not an error
                    self.last_error = "warming: " + str(exc).splitlines()[0]
                finally:
                    r.con.close()
            with self._swap:
                old, self.current = self.current, gen
                if old is not None:
                    old.retired = True
                    close_old = old.users == 0
                else:
                    close_old = False
            if close_old:
                old.close()
            return True

    # ---- reading ----------------------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A reader on the current snapshot; G502/G609 when there is none yet."""
        with self._swap:
            gen = self.current
            if gen is None:
                if not os.path.exists(self.store_path):
                    raise error("G502")
                raise error("G609", detail=self.last_error or "not read yet")
            gen.users += 1
        r = Reader(gen)
        try:
            yield r
        finally:
            try:
                r.con.close()
            except Exception:
                pass
            with self._swap:
                gen.users -= 1
                close_now = gen.retired and gen.users == 0
            if close_now:
                gen.close()

    # ---- lifecycle --------------------------------------------------------------------------
    def start(self) -> "Snapshots":
        """First snapshot now, then a background thread that refreshes every ``interval`` s."""
        self.refresh()
        if self.interval and self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="geobrief-snapshots", daemon=True)
            self._thread.start()
        return self

    def _loop(self) -> None:
        # while a large store keeps changing, copy it at most a fifth of the time
        while not self._stop.wait(max(self.interval, 4 * self.copy_seconds)):
            try:
                self.refresh()
            except Exception as exc:  # never let the thread die; the next round retries
                self.last_error = str(exc).splitlines()[0]

    def close(self) -> None:
        if self._stop.is_set() and self.current is None:
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._swap:
            gen, self.current = self.current, None
        if gen is not None:
            gen.close()
        shutil.rmtree(self.dir, ignore_errors=True)
