"""Warnings (our own sentences): a warning to or against someone, or of what the speaker will do, is a
threat (CAMEO 13); a warning of a danger no one wields is no event at all."""
import pytest

from geobrief.model import Article


def _codes(pipeline, text):
    b = pipeline.run(Article(id="w", text=text, published="2024-05-02"))
    return [e.cameo for e in b.events if e.mode in ("asserted", "attributed", "future", "historical")]


@pytest.mark.parametrize("text", [
    "Russia warned Ukraine against joining the alliance.",
    "Iran warned that it would respond to any attack on its soil.",
    "China warned of retaliation over the missiles Japan deployed near its coast.",
])
def test_a_warning_to_someone_or_of_ones_own_response_is_a_threat(pipeline, text):
    assert any(c.startswith("13") for c in _codes(pipeline, text))


@pytest.mark.parametrize("text", [
    "Health officials in Peru warned that the virus could spread beyond the border with Bolivia.",
    "The United Nations warned of a famine in Yemen.",
    "Police in Kenya warned residents to stay indoors.",
])
def test_a_warning_of_a_danger_is_no_threat(pipeline, text):
    assert not any(c.startswith("13") for c in _codes(pipeline, text))


def test_a_release_of_people_is_still_coded_when_things_released_are_not(pipeline):
    # ("released it to the press" is no release of persons: the pronoun object is a thing)
    assert any(c.startswith("0841") for c in _codes(pipeline, "Iran released two French hostages on Tuesday."))
