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

# texts per spaCy batch in ``Pipeline.run_many`` (its articles still come ``batch_size`` at a time, and
# the stages' ``prepare`` sees them all): spaCy's working memory grows with its batch, and on 60 real
# dev articles a batch of 4 peaked at 627 MB resident against 782 MB with 16, for the same CPU time
PARSE_BATCH = 4


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    doc: str = ""
    # optional batch warm-up, ``prepare(docs)``: run by ``Pipeline.run_many`` over each batch's Docs
    # before its articles, to fill the stage's caches in one go (it changes no result)
    prepare: Optional[Callable[[list], None]] = None


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
          assigns: Sequence[str] = (), components: Sequence[str] = (),
          prepare: Optional[Callable[[list], None]] = None):
    """Register ``fn`` as the stage ``name`` (``prepare``: see :class:`Stage`)."""

    def deco(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(reads), tuple(assigns),
                               tuple(components), (fn.__doc__ or "").strip().split("\n")[0], prepare)
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
        from .nlp import parse

        return self._finish(article, parse(self.nlp, article.text))

    def run_many(self, articles: Iterable[Article | GeobriefError], batch_size: int = 16,
                 n_process: int = 1) -> Iterator[tuple[Optional[Article], Brief | GeobriefError]]:
        """Analyse many articles with batched spaCy; errors pass through in place, in order.

        Streams: ``articles`` is read ``batch_size`` items at a time, so memory stays bounded
        whatever the input's length; spaCy parses them ``PARSE_BATCH`` at a time. Yields
        ``(article, brief)`` or ``(article_or_None, error)``: a bad item, or an article a stage fails
        on, never stops the batch.
        """
        for chunk in chunked(articles, batch_size):
            good = [a for a in chunk if isinstance(a, Article)]
            parsed = self._docs(good, min(batch_size, PARSE_BATCH), n_process)
            self._prepare([d for d in parsed if not isinstance(d, GeobriefError)])
            docs = iter(parsed)
            for item in chunk:
                if isinstance(item, GeobriefError):
                    yield None, item
                    continue
                doc = next(docs)
                if isinstance(doc, GeobriefError):
                    yield item, doc
                    continue
                yield item, self.finish_safely(item, doc)

    def _prepare(self, docs: list) -> None:
        """Each stage's batch warm-up over ``docs``. It only fills caches: when it fails, each
        article meets the same problem in the stage itself and is reported there alone."""
        for s in self.stages:
            if s.prepare is None or not docs:
                continue
            try:
                s.prepare(docs)
            except Exception:  # noqa: BLE001  (see above: never the batch's end)
                continue

    def _docs(self, good: list[Article], batch_size: int, n_process: int) -> list:
        """The Docs of ``good`` (one batched call); on a failure, each text alone, so one bad
        text costs only its own article."""
        try:
            from .nlp import parse_many  # long texts are parsed in chunks (never spaCy's E088)

            return list(parse_many(self.nlp, (a.text for a in good), batch_size=batch_size, n_process=n_process))
        except GeobriefError:
            raise  # configuration (a missing model): nothing would work
        except Exception:
            out = []
            for a in good:
                try:
                    out.append(parse_many(self.nlp, [a.text]).__next__())
                except Exception as exc:  # noqa: BLE001  (reported as a coded error for this article)
                    out.append(failed(a, exc))
            return out

    def finish_safely(self, article: Article, doc) -> Brief | GeobriefError:
        """``_finish``, with a stage's failure on this article returned as a coded error."""
        try:
            return self._finish(article, doc)
        except GeobriefError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001
            return failed(article, exc)


def failed(article: Article, exc: BaseException) -> GeobriefError:
    """G115 for an article whose analysis raised ``exc`` (a bug, never the batch's end)."""
    detail = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
    return error("G115", source=article.source or article.id, detail=detail)


def chunked(items: Iterable, n: int) -> Iterator[list]:
    """Lists of up to ``n`` consecutive items, pulled lazily from ``items``."""
    buf: list = []
    for x in items:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


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
