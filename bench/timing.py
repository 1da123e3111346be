"""Shared by the benches: CPU time per pipeline stage."""
from __future__ import annotations

from typing import Callable


def time_stages(pipe, stage_cpu: dict, clock: Callable[[], float]) -> None:
    """Wrap each stage of ``pipe`` (and its batch ``prepare``) so that its CPU time (``clock``, seconds)
    adds up in ``stage_cpu``."""
    for st in pipe.stages:
        def timed(brief, fn=st.fn, name=st.name):
            c = clock()
            out = fn(brief)
            stage_cpu[name] = stage_cpu.get(name, 0.0) + clock() - c
            return out
        object.__setattr__(st, "fn", timed)
        if st.prepare is not None:  # a stage's batch warm-up is part of its time
            def timed_prepare(docs, fn=st.prepare, name=st.name):
                c = clock()
                fn(docs)
                stage_cpu[name] = stage_cpu.get(name, 0.0) + clock() - c
            object.__setattr__(st, "prepare", timed_prepare)
