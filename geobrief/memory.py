"""Handing freed heap memory back to the system after the big one-off loads.

Loading the ONNX model (its int8 weights are widened to float32 once, through copies), the
gazetteer and the actors' knowledge base frees far more memory than it keeps, and glibc's
allocator keeps the freed pages in the process: measured after each load, ``malloc_trim``
returned 57 MB (ONNX session), 42 MB (gazetteer) and 14 MB (actors KB) of resident memory.
Elsewhere (no glibc) this does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.lru_cache(maxsize=1)
def _trim():
    """glibc's ``malloc_trim``, or None where there is none."""
    name = ctypes.util.find_library("c")
    try:
        fn = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if fn is not None:
        fn.argtypes = [ctypes.c_size_t]
        fn.restype = ctypes.c_int
    return fn


def release_free_memory() -> bool:
    """Return the heap's free pages to the system; True when the allocator could do so."""
    fn = _trim()
    return bool(fn is not None and fn(0))
