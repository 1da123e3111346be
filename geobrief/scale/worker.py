"""The worker side: build the pipeline once per process, analyse one article, return its brief.

A worker is given a *pipeline spec*, ``(factory, kwargs)``: ``factory`` is ``"module:attr"`` of a
callable returning an object with ``run_many`` (like :class:`geobrief.pipeline.Pipeline`). The
spec is small and picklable, so the same spec reaches a local worker process or a Ray worker on
another machine; each process builds its pipeline once and keeps it.
"""
from __future__ import annotations

import importlib
import os
from typing import Optional

from ..errors import GeobriefError
from ..model import Article, Brief

PipelineSpec = tuple[str, dict]

_PIPES: dict = {}  # repr(spec) → pipeline, per process


def thread_env(threads: int) -> dict[str, str]:
    """Environment that caps a worker's math threads (ONNX Runtime, BLAS, OpenMP) at ``threads``,
    so N workers on N cores do not each start a pool the size of the machine."""
    n = str(max(1, threads))
    return {"GEOBRIEF_THREADS": n, "OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n, "MKL_NUM_THREADS": n}


def default_spec(disable=()) -> PipelineSpec:
    """The spec of the default pipeline with ``disable``d stages."""
    return ("geobrief.pipeline:Pipeline", {"disable": sorted(disable)})


def pipeline_for(spec: PipelineSpec):
    """The pipeline of ``spec``, built on first use in this process."""
    key = repr(spec)
    pipe = _PIPES.get(key)
    if pipe is None:
        mod, _, attr = spec[0].partition(":")
        pipe = _PIPES[key] = getattr(importlib.import_module(mod), attr)(**spec[1])
    return pipe


WARM_UP = ("The foreign minister met the visiting envoy in the capital on Monday. "
           "Officials said the talks would continue.")


def warm(spec: PipelineSpec) -> int:
    """Build the pipeline and load everything it loads lazily (spaCy, knowledge bases, embedding
    heads) on a short text of its own; returns this process's id."""
    pipe = pipeline_for(spec)
    for _ in pipe.run_many([Article(id="warm-up", text=WARM_UP)]):
        pass
    return os.getpid()


def analyse(spec: PipelineSpec, article: Article) -> Brief | GeobriefError:
    """The brief of ``article`` (without its spaCy Doc, which stays in the worker), or a coded error.

    Never raises for a problem with this article: only the loss of the process itself (killed,
    out of memory) reaches the scheduler, which retries the article elsewhere.
    """
    from ..pipeline import failed

    try:
        result: Optional[Brief | GeobriefError] = None
        for _, result in pipeline_for(spec).run_many([article]):
            pass
    except GeobriefError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001  (a pipeline that raises instead of yielding errors)
        return failed(article, exc)
    if isinstance(result, Brief):
        result.doc = None
    return result
