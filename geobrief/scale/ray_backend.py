"""The Ray back end: each article is a Ray task (1 CPU) on any node of the cluster.

Ray is an optional extra (``pip install 'geobrief[ray]'``, pinned to 2.60.0); without it,
``--ray`` fails with G304. Each Ray worker process builds the pipeline once (the spec is small,
the models load on the worker) and returns briefs without their spaCy Doc. Ray's own task
retries are off (``max_retries=0``): a lost worker surfaces here as :class:`WorkerLost`, and
:func:`geobrief.scale.run_ordered` retries the article alone, so nothing is analysed twice into
the store or dropped.
"""
from __future__ import annotations

import atexit
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
from typing import Optional

from ..errors import error
from . import WorkerLost
from .worker import PipelineSpec, analyse


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise error("G304") from exc
    return ray


def _reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast (ConnectionError) when nothing listens at ``HOST:PORT``: Ray itself retries for
    minutes before giving up on a wrong address."""
    if address == "auto":
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
        pass


class RayBackend:
    """Analysis as Ray tasks. ``address``: ``"local"`` starts a cluster of ``cpus`` CPUs (all cores
    when None) on this machine for this run; ``"auto"`` or ``host:port`` attaches to a running one."""

    def __init__(self, spec: PipelineSpec, address: str = "local", cpus: Optional[int] = None):
        if address == "local" and "RAY_AUTH_MODE" not in os.environ and "ray" not in sys.modules:
            # a private cluster for this run. Ray listens on every interface, so it keeps token
            # authentication, with a random token held in this process's environment (read when ray
            # is imported; the cluster's processes inherit it): nothing is written into the home directory.
            os.environ["RAY_AUTH_MODE"] = "token"
            os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(32))
        ray = _ray()
        self.ray = ray
        self.spec = spec
        self._owns = False
        self._tmp = None
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report calls home
        if not ray.is_initialized():
            try:
                if address == "local":
                    self._tmp = tempfile.mkdtemp(prefix="gbray-", dir="/tmp" if os.path.isdir("/tmp") else None)
                    # address="local": always a new cluster, never one that `ray start` left running here
                    ray.init(address="local", num_cpus=cpus or os.cpu_count(), include_dashboard=False,
                             log_to_driver=False,
                             logging_level=logging.WARNING, _temp_dir=self._tmp)
                else:
                    _reachable(address)
                    ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
            except Exception as exc:  # noqa: BLE001  (ConnectionError, RuntimeError, ValueError...)
                self._cleanup_tmp()
                raise error("G305", address=address, detail=str(exc).splitlines()[0][:200]) from exc
            self._owns = True
        atexit.register(self.close)  # a CLI run that ends without close() still stops its cluster
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        # one CPU per task, and one math thread in it (Ray sets OMP_NUM_THREADS; ONNX Runtime reads ours)
        self._task = ray.remote(num_cpus=1, max_retries=0,
                                runtime_env={"env_vars": {"GEOBRIEF_THREADS": "1"}})(analyse)

    def submit(self, article):
        return self._task.remote(self.spec, article)

    def wait(self, handles: list) -> list:
        ready, rest = self.ray.wait(handles, num_returns=1)
        if rest:
            more, _ = self.ray.wait(rest, num_returns=len(rest), timeout=0)
            ready += more
        return ready

    def outcome(self, ref):
        exc_mod = self.ray.exceptions
        try:
            return self.ray.get(ref)
        except exc_mod.RayTaskError as exc:  # raised inside the task: not a lost worker
            raise RuntimeError(str(exc).splitlines()[0]) from exc
        except exc_mod.RayError as exc:  # worker crashed, node died, object lost, out of memory...
            raise WorkerLost(type(exc).__name__) from exc

    def close(self) -> None:
        if self._owns:
            self.ray.shutdown()
            self._owns = False
        self._cleanup_tmp()

    def _cleanup_tmp(self) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
