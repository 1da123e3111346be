"""Pipeline: declared inputs/outputs are checked at start-up; stages can be switched off."""
import pytest

from geobrief.errors import GeobriefError, PipelineError
from geobrief.model import Article, Brief
from geobrief.pipeline import DEFAULT_ORDER, REGISTRY, Pipeline, load_builtin_stages


def test_pipeline_registers_every_builtin_stage_in_order():
    reg = load_builtin_stages()
    assert set(DEFAULT_ORDER) <= set(reg)
    assert [s.name for s in Pipeline().stages] == list(DEFAULT_ORDER)


def test_pipeline_stage_declarations_are_consistent():
    provided = {"article", "doc", "sentences"}
    for name in DEFAULT_ORDER:
        s = REGISTRY[name]
        assert set(s.requires) <= provided, name
        assert s.assigns, f"stage {name} declares nothing it adds"
        provided |= set(s.assigns)


def test_pipeline_unknown_stage_is_coded():
    with pytest.raises(PipelineError) as e:
        Pipeline(disable=["sentiment"])
    assert e.value.code == "G301" and "actors" in e.value.hint


def test_pipeline_disabling_a_required_provider_is_refused():
    with pytest.raises(PipelineError) as e:
        Pipeline(disable=["actors"])
    assert e.value.code == "G302" and "actors" in e.value.message


def test_pipeline_disabled_stage_does_not_run(pipeline):
    p = Pipeline(disable=["framing", "events"], nlp=pipeline.nlp)
    b = p.run(Article(id="x", text="The Taliban foreign minister met a US envoy in Kabul on Wednesday."))
    assert "framing" not in b.stages and "events" not in b.stages
    assert b.events == [] and b.framing == []
    assert b.sentences and b.sentences[0].start == 0


def test_pipeline_run_many_passes_errors_through_in_order(pipeline):
    err = GeobriefError("G101", "x: empty", "hint")
    arts = [Article(id="a", text="Pakistan condemned the attack."), err,
            Article(id="b", text="Iran's foreign minister visited Moscow on Monday.")]
    out = list(pipeline.run_many(arts))
    assert [type(r).__name__ for _, r in out] == ["Brief", "GeobriefError", "Brief"]
    assert out[0][1].article.id == "a" and out[2][1].article.id == "b"
    assert isinstance(out[2][1], Brief)


def test_pipeline_run_many_prepares_each_batch_before_its_articles(pipeline, monkeypatch):
    import dataclasses

    seen = []
    p = Pipeline(disable=["framing"], nlp=pipeline.nlp)
    claims_stage = next(s for s in p.stages if s.name == "claims")

    def fake_prepare(docs):
        seen.append(("prepare", [d.text for d in docs]))

    def fake_claims(brief, fn=claims_stage.fn):
        seen.append(("claims", brief.article.id))
        return fn(brief)

    p.stages = [dataclasses.replace(s, prepare=fake_prepare, fn=fake_claims) if s.name == "claims" else s
                for s in p.stages]
    arts = [Article(id="a", text="Troops left the town."), Article(id="b", text="The envoy flew home."),
            Article(id="c", text="Prices rose sharply.")]
    out = list(p.run_many(arts, batch_size=2))
    assert [b.article.id for _, b in out] == ["a", "b", "c"]
    assert seen == [("prepare", ["Troops left the town.", "The envoy flew home."]), ("claims", "a"), ("claims", "b"),
                    ("prepare", ["Prices rose sharply."]), ("claims", "c")]


def test_pipeline_a_failing_prepare_leaves_the_batch_to_the_stages(pipeline):
    import dataclasses

    def broken(docs):
        raise RuntimeError("no cache today")

    p = Pipeline(disable=["framing"], nlp=pipeline.nlp)
    p.stages = [dataclasses.replace(s, prepare=broken) if s.name == "claims" else s for s in p.stages]
    out = list(p.run_many([Article(id="a", text="The ministry said the border was closed.")]))
    assert isinstance(out[0][1], Brief) and out[0][1].claims


def test_bench_stage_timing_counts_a_stage_prepare_as_its_time(pipeline):
    import dataclasses
    import itertools

    from bench.timing import time_stages

    p = Pipeline(disable=["framing"], nlp=pipeline.nlp)
    p.stages = [dataclasses.replace(s, prepare=lambda docs: None) if s.name == "claims" else s for s in p.stages]
    ticks = itertools.count()
    spent: dict = {}
    time_stages(p, spent, lambda: float(next(ticks)))
    list(p.run_many([Article(id="a", text="Troops left the town.")]))
    assert spent["claims"] == 2.0 and spent["actors"] == 1.0  # one tick for the stage, one for its prepare


def test_pipeline_run_many_parses_in_small_spacy_batches(pipeline, monkeypatch):
    from geobrief import pipeline as pl

    seen = []
    real = pl.Pipeline._docs
    monkeypatch.setattr(pl.Pipeline, "_docs", lambda self, good, bs, n: seen.append((len(good), bs)) or real(self, good, bs, n))
    p = Pipeline(disable=["framing"], nlp=pipeline.nlp)
    arts = [Article(id=str(i), text=f"Troops left town number {i}.") for i in range(6)]
    assert [b.article.id for _, b in p.run_many(arts, batch_size=5)] == [str(i) for i in range(6)]
    assert seen == [(5, pl.PARSE_BATCH), (1, pl.PARSE_BATCH)] and pl.PARSE_BATCH < 5
