"""False alarms of the framing stage on straight news reports (PolNeAR dev: wire-like political news).

Gold records: ``{"id", "text"}`` — every record is a straight news report, so every technique span
the framing stage puts in the author's own voice is a false alarm, and every genre other than
``reporting`` is a miss. Metrics:

* ``author_spans_per_1000_words`` — author-voice technique spans (as the brief lists them) per
  1,000 words over the whole set (goal: at most 1);
* ``articles_with_author_spans`` — share of articles with at least one;
* ``news_genre_share`` — share of articles whose genre is ``reporting``;
* ``read_as_news_spans_per_1000_words`` — the same rate over the articles read as news only (the
  set also holds letters and columns, which keep their spans; which those are is for a reader to
  check in ``genres``);
* ``top_triggers`` — the most frequent author-voice trigger words (to read what fires).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional


def score(records: list[dict], analyse: Optional[Callable] = None) -> tuple[dict, int]:
    """``analyse(text) -> (words, author_spans: list[(technique, trigger)], genre)``; default: the framing stage."""
    if analyse is None:
        from .. import nlp as nlp_mod
        from ..stages import framing

        nlp = nlp_mod.load(framing.COMPONENTS)

        def run(doc):
            spans = framing._innermost(framing.technique_spans(doc))
            return (framing._words(doc), [(f.technique, f.trigger.text.lower()) for f in spans
                                          if f.speaker == "author"], framing.genre_of(doc))
        results = (run(d) for d in nlp.pipe((r["text"] for r in records), batch_size=16))
    else:
        results = (analyse(r["text"]) for r in records)
    words = spans = with_spans = news = nwords = nspans = 0
    trig: Counter = Counter()
    tech: Counter = Counter()
    genres: Counter = Counter()
    for w, author, genre in results:
        words += w
        spans += len(author)
        with_spans += bool(author)
        news += genre == "reporting"
        if genre == "reporting":
            nwords += w
            nspans += len(author)
        genres[str(genre)] += 1
        tech.update(t for t, _ in author)
        trig.update(t for _, t in author)
    n = len(records)
    metrics = {"author_spans_per_1000_words": round(spans / words * 1000, 3) if words else 0.0,
               "author_spans": spans, "words": words,
               "articles_with_author_spans": round(with_spans / n, 4) if n else 0.0,
               "news_genre_share": round(news / n, 4) if n else 0.0,
               "read_as_news_spans_per_1000_words": round(nspans / nwords * 1000, 3) if nwords else 0.0,
               "genres": dict(genres.most_common()),
               "by_technique": dict(tech.most_common()),
               "top_triggers": dict(trig.most_common(15))}
    return metrics, n
