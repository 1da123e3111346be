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
