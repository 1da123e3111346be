"""Status readings found wrong on real wire copy and columns (our own sentences)."""
import pytest

from geobrief.pipeline import analyze_text


@pytest.fixture(scope="module")
def claims():
    text = ("Of the ten judges who will hear the appeal, six were appointed by Democrats. "
            "Before taking the stage in Ohio a year ago, Mr Lane was a novice who had never debated. "
            "The disputed figures were released on Monday. "
            "The official who will replace him will be chosen in May.")
    return {c.text.split(",")[0].split(" ")[1]: c for c in analyze_text(text).claims}


def test_a_will_inside_a_relative_clause_does_not_make_a_prediction(claims):
    assert claims["the"].status == "reported"  # "Of the ten judges who will hear ..."
    assert claims["official"].status == "prediction"


def test_an_active_verb_is_not_a_hedging_adjective(claims):
    assert claims["taking"].status == "reported"  # "... had never debated"
    assert claims["disputed"].status == "hedged"


def test_an_act_on_someone_is_not_a_saying():
    text = ("A \u201cman\u201d attacked a teenager who was wearing a red hat. "
            "Twenty states led by Ohio are challenging the agency\u2019s rules in court. "
            "If Ms Kerr is elected, the losing side could be expected to take the case to the high court. "
            "The senator challenged the claim that prices rose.")
    cl = analyze_text(text).claims
    assert [c.status for c in cl] == ["reported", "reported", "hedged", "attributed"]
    assert cl[3].source.span.text == "The senator"
