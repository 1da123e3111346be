"""Stages, their declared inputs and outputs, and running them over articles.

A stage is a plain function ``fn(brief) -> brief`` registered with :func:`stage`.
It declares what it ``requires`` (hard: the pipeline refuses to start without a
provider), what it ``reads`` if present (soft), what it ``assigns``, and which spaCy
``components`` it needs. The order is checked once, when a :class:`Pipeline` is built.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .errors import GeobriefError, error
from .model import Article, Brief, Sentence

StageFn = Callable[[Brief], Brief]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    doc: str = ""


REGISTRY: dict[str, Stage] = {}

# The modules that define the built-in stages, in pipeline order. Populated explicitly
# by ``load_builtin_stages`` rather than as an import side effect of the package.
BUILTIN_MODULES = (
    "geobrief.stages.actors",
    "geobrief.stages.places",
    "geobrief.stages.events",
    "geobrief.stages.claims",
    "geobrief.stages.framing",
    "geobrief.brief",
)
DEFAULT_ORDER = ("actors", "places", "events", "claims", "framing", "summary")


def stage(name: str, *, requires: Sequence[str] = (), reads: Sequence[str] = (),
          assigns: Sequence[str] = (), components: Sequence[str] = ()):
    """Register ``fn`` as the stage ``name``."""

    def deco(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(reads), tuple(assigns),
                               tuple(components), (fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return deco


def load_builtin_stages() -> dict[str, Stage]:
    """Import the built-in stage modules (each registers its stage) and return the registry."""
    for mod in BUILTIN_MODULES:
        importlib.import_module(mod)
    return REGISTRY


def content_hash(text: str) -> str:
    """The content hash used for article ids and the corpus store's idempotence."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Pipeline:
    """An ordered, checked list of stages plus the spaCy pipeline they need."""

    BASE_FIELDS = ("article", "doc", "sentences")

    def __init__(self, disable: Iterable[str] = (), order: Sequence[str] = DEFAULT_ORDER,
                 nlp=None):
        load_builtin_stages()
        disable = set(disable)
        for name in disable:
            if name not in REGISTRY:
                raise error("G301", name=name, known=", ".join(order))
        self.stages: list[Stage] = [REGISTRY[n] for n in order if n not in disable]
        self.disabled = sorted(disable)
        self._check()
        components = sorted({c for s in self.stages for c in s.components})
        self.components = components
        self._nlp = nlp

    def _check(self) -> None:
        provided = set(self.BASE_FIELDS)
        providers = {f: s.name for s in REGISTRY.values() for f in s.assigns}
        for s in self.stages:
            for f in s.requires:
                if f not in provided:
                    raise error("G302", stage=s.name, field=f, provider=providers.get(f, "none"))
            provided.update(s.assigns)

    @property
    def nlp(self):
        """The spaCy pipeline (loaded on first use, once per process)."""
        if self._nlp is None:
            from . import nlp as nlp_mod

            self._nlp = nlp_mod.load(self.components)
        return self._nlp

    def _finish(self, article: Article, doc) -> Brief:
        brief = Brief(article=article, doc=doc)
        brief.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        for s in self.stages:
            brief = s.fn(brief)
            brief.stages.append(s.name)
        return brief

    def run(self, article: Article) -> Brief:
        """Analyse one article."""
        return self._finish(article, self.nlp(article.text))

    def run_many(self, articles: Iterable[Article | GeobriefError], batch_size: int = 16,
                 n_process: int = 1) -> Iterator[tuple[Optional[Article], Brief | GeobriefError]]:
        """Analyse many articles with batched spaCy; errors pass through in place, in order.

        Yields ``(article, brief)`` or ``(article_or_None, error)``: a bad item never stops the batch.
        """
        items = list(articles)
        good = [a for a in items if isinstance(a, Article)]
        docs = self.nlp.pipe((a.text for a in good), batch_size=batch_size, n_process=n_process)
        doc_iter = iter(docs)
        for item in items:
            if isinstance(item, GeobriefError):
                yield None, item
                continue
            doc = next(doc_iter)
            try:
                yield item, self._finish(item, doc)
            except GeobriefError as exc:
                yield item, exc


def analyze_text(text: str, **article_fields) -> Brief:
    """Convenience: analyse one text with the default pipeline."""
    art = Article(id=article_fields.pop("id", content_hash(text)[:16]), text=text, **article_fields)
    return default_pipeline().run(art)


_DEFAULT: Optional[Pipeline] = None


def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
