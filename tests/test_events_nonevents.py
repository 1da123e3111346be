"""Words that name an event in one sense and something else in another: the patterns table's
explicit non-event rows and sense-bearing complements (our own sentences)."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.knowledge import events as kb
from tests.test_events import run


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(("parser", "lemmatizer", "ner"))


def _codes(b):
    return [(e.plover, e.cameo, e.trigger.text) for e in b.events]


def test_releasing_documents_is_not_releasing_people(nlp):
    b = run(nlp, "Iran released its budget figures on Monday. Iran released two French sailors.")
    assert [c[:2] for c in _codes(b)] == [("CONCEDE", "0841")]
    assert b.events[0].evidence.text.startswith("Iran released two")


def test_striking_down_a_law_is_no_assault(nlp):
    b = run(nlp, "The court in Ukraine may strike down the law, and Russia struck Ukraine overnight.")
    assert [c[0] for c in _codes(b)] == ["ASSAULT"]
    assert b.events[0].trigger.text.startswith("struck")


def test_attacking_a_policy_or_for_remarks_is_criticism(nlp):
    b = run(nlp, "Iran attacked Russia for its remarks on the talks. Russia attacked the French plan. "
                 "Russia attacked Ukraine for two days.")
    assert [c[:2] for c in _codes(b)] == [("ACCUSE", "111"), ("ACCUSE", "111"), ("ASSAULT", "190")]


def test_patterns_table_accepts_explicit_non_event_rows():
    rows = kb.patterns()[("strike", "VERB")]
    assert any(p.cameo == "---" and ("prt", frozenset({"down"})) in p.require for p in rows)


def test_an_act_someone_is_called_on_to_do_has_not_happened(nlp):
    b = run(nlp, "Lawmakers in Russia are calling on Iran to provide aid to Ukraine.")
    modes = {e.plover: e.mode for e in b.events}
    assert modes.get("REQUEST") == "asserted"
    assert modes.get("AID", "hypothetical") == "hypothetical"


def test_verbal_attacks_in_political_reporting_are_criticism(nlp):
    b = run(nlp, "Russia attacked Ukraine in early-morning tweets. Iran attacked Israel as a criminal state. "
                 "Iran has attacked loopholes that benefit others. Russia attacked Ukraine with missiles.")
    assert [c[:2] for c in _codes(b)] == [("ACCUSE", "111")] * 3 + [("ASSAULT", "190")]


def test_a_stance_one_states_is_no_claim_of_responsibility(nlp):
    b = run(nlp, "Iran now says it opposes the deal. Iran said it had attacked Israel.")
    claims = [e for e in b.events if e.cameo == "015"]
    assert len(claims) == 1 and claims[0].evidence.text.startswith("Iran said it had attacked")


def test_fighting_for_a_policy_and_seizing_on_remarks_are_no_events(nlp):
    b = run(nlp, "Iran says it has fought to push through small reforms. A new ad from Russia is seizing on "
                 "recent comments by Ukraine. Russia seized two ships from Ukraine.")
    assert [c[:2] for c in _codes(b)] == [("COERCE", "1711")]


def test_argument_words_of_a_longer_place_name_are_not_that_country():
    from geobrief.stages.events.argcodes import argument_code_for_text
    assert argument_code_for_text("the New Mexico governor")[1] is None
    assert argument_code_for_text("the Mexican governor")[1] == "MEX"
    assert argument_code_for_text("Mexico's president")[1] == "MEX"


def test_an_unnamed_domestic_group_an_act_aims_at_is_of_the_actors_country(nlp):
    b = run(nlp, "Iran lifted restrictions on opposition newspapers on Monday. "
                 "Iran criticised journalists in Russia. Iran released the civilians.")
    lifted, criticised, released = b.events
    assert [b.actor(i).country for i in lifted.recipient] == ["IRN"]
    # another country named in the sentence, or civilians whose nationality is not stated: no guess
    assert not criticised.recipient or all(b.actor(i).country != "IRN" for i in criticised.recipient)
    assert not released.recipient or all(b.actor(i).country != "IRN" for i in released.recipient)
