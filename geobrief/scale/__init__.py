"""Analysis on every core (``-j N``) and on a Ray cluster (``--ray``), with ordered output.

Workers analyse and return briefs; the caller (``analyze`` writing files, ``ingest`` writing the
store) stays the only writer. A runner has the same ``run_many`` as
:class:`geobrief.pipeline.Pipeline`, so :func:`geobrief.corpus.ingest` takes one as its
``pipeline``: the store keeps its one-transaction-per-batch writes, idempotence and crash safety.

How articles flow (:func:`run_ordered`, shared by both back ends):

- the input is read lazily, and at most ``window`` articles are in flight or waiting for their
  turn to be yielded: memory stays bounded whatever the input's size;
- results come out in input order; coded errors of bad items pass through in place;
- an article whose worker is lost (killed, crashed, out of memory, its node gone) is retried
  *alone*, with nothing else in flight, so that a second loss is its own: it then yields G118
  after ``max_attempts`` runs, and every other article is still analysed once and yielded once.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from ..errors import GeobriefError, error
from ..model import Article, Brief
from .worker import PipelineSpec, analyse, default_spec, thread_env, warm

__all__ = ["make_runner", "is_ray_address", "Runner", "ProcessBackend", "run_ordered", "WorkerLost", "default_spec"]


class WorkerLost(Exception):
    """The process analysing an article went away before answering."""


def run_ordered(backend, items: Iterable, window: int, max_attempts: int = 3
                ) -> Iterator[tuple[Optional[Article], Brief | GeobriefError]]:
    """Analyse ``items`` on ``backend``; yield ``(article, brief_or_error)`` in input order."""
    from ..pipeline import failed

    it = iter(items)
    inflight: dict = {}  # handle → (seq, article, attempt)
    ready: dict[int, tuple] = {}  # seq → (article, result), waiting for its turn
    retry: deque = deque()  # (seq, article, attempt) to run alone
    seq = nxt = 0
    exhausted = False
    while True:
        if retry:
            if not inflight:  # isolation: a retried article runs with nothing else in flight
                s, a, att = retry.popleft()
                inflight[backend.submit(a)] = (s, a, att)
        else:
            while not exhausted and len(inflight) + len(ready) < window:
                try:
                    item = next(it)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, Article):
                    inflight[backend.submit(item)] = (seq, item, 1)
                else:
                    ready[seq] = (None, item)
                seq += 1
        while nxt in ready:
            yield ready.pop(nxt)
            nxt += 1
        if not inflight:
            if exhausted and not retry:
                return
            continue
        for h in backend.wait(list(inflight)):
            s, a, att = inflight.pop(h)
            try:
                ready[s] = (a, backend.outcome(h))
            except WorkerLost:
                if att >= max_attempts:
                    ready[s] = (a, error("G118", source=a.source or a.id, attempts=att))
                else:
                    retry.append((s, a, att + 1))
            except Exception as exc:  # noqa: BLE001  (e.g. a result that could not be sent back)
                ready[s] = (a, failed(a, exc))


class Runner:
    """``run_many`` over a back end's workers; close it (or use ``with``) to stop them."""

    def __init__(self, backend, window: Optional[int] = None, max_attempts: int = 3):
        self.backend = backend
        self.window = window or max(4, 4 * backend.workers)
        self.max_attempts = max_attempts

    @property
    def workers(self) -> int:
        return self.backend.workers

    def run_many(self, articles: Iterable, batch_size: int = 16, n_process: int = 1):
        """Like :meth:`geobrief.pipeline.Pipeline.run_many`, on the back end's workers."""
        return run_ordered(self.backend, articles, self.window, self.max_attempts)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _worker_init(spec: PipelineSpec, env: dict) -> None:
    """In each worker process: cap the math threads (before numpy or ONNX Runtime load), exit when
    the driver dies (even by SIGKILL), then load the models."""
    for k, v in env.items():
        os.environ.setdefault(k, v)
    import multiprocessing
    import multiprocessing.connection

    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch():
            multiprocessing.connection.wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    try:
        warm(spec)
    except Exception:  # noqa: BLE001  (each article then returns the coded error, e.g. G303)
        pass


class ProcessBackend:
    """``jobs`` worker processes on this machine (spawned: nothing of the driver is inherited)."""

    def __init__(self, spec: PipelineSpec, jobs: int):
        import multiprocessing

        self.spec = spec
        self.workers = jobs
        self._env = thread_env((os.cpu_count() or 1) // jobs)  # each worker's share of the cores
        self._ctx = multiprocessing.get_context("spawn")
        self._owner: dict = {}  # future → the pool it was submitted to
        self._pool = self._new_pool()

    def _new_pool(self):
        return futures.ProcessPoolExecutor(self.workers, mp_context=self._ctx, initializer=_worker_init,
                                           initargs=(self.spec, self._env))

    def submit(self, article: Article):
        fut = self._pool.submit(analyse, self.spec, article)
        self._owner[fut] = self._pool
        return fut

    def wait(self, handles: list) -> list:
        done, _ = futures.wait(handles, return_when=futures.FIRST_COMPLETED)
        return list(done)

    def outcome(self, fut):
        pool = self._owner.pop(fut, None)
        try:
            return fut.result()
        except BrokenProcessPool as exc:
            if pool is self._pool:  # the first loss seen from this pool: replace it
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            raise WorkerLost(str(exc)) from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def is_ray_address(value: str) -> bool:
    """``local``, ``auto``, ``HOST:PORT`` or ``ray://HOST:PORT`` (not a path given by mistake)."""
    import re

    return value in ("local", "auto") or bool(re.fullmatch(r"(ray://)?[\w.\-\[\]:]+:\d{1,5}", value))


def make_runner(jobs: int = 1, ray: Optional[str] = None, disable: Iterable[str] = (),
                spec: Optional[PipelineSpec] = None):
    """A :class:`Runner` for ``jobs`` local processes or a Ray cluster, or None for one process.

    ``ray``: None (no Ray), ``"local"`` (start a local cluster of ``jobs`` CPUs, all cores when
    ``jobs`` is 1), ``"auto"`` or ``"host:port"`` / ``"ray://host:port"`` (attach to a running one).
    """
    spec = spec or default_spec(disable)
    if ray is not None:
        from .ray_backend import RayBackend

        return Runner(RayBackend(spec, ray, jobs if jobs > 1 else None))
    if jobs <= 1:
        return None
    return Runner(ProcessBackend(spec, jobs))
