"""Attribution cues found in more positions: a quotation closed by "continued"/"reads", "as X put it",
"X sees Y as Z", decisions, agreement, raised questions, passive accusations, headline labels; and
names given ("a group called X") or idioms ("it goes without saying") that are not sayings."""
import pytest


@pytest.fixture(scope="module")
def nlp():
    from geobrief import nlp as nlp_mod
    from geobrief.stages import claims

    return nlp_mod.load(claims.COMPONENTS)


def _found(nlp, text):
    from geobrief.stages.claims import attribution_spans

    return [(text[a.cue[0]:a.cue[1]], text[a.source[0]:a.source[1]] if a.source else None, a.kind)
            for a in attribution_spans(nlp(text))]


@pytest.mark.parametrize("text,cue,source", [
    ("“The harbour will stay shut until spring,” the port director continued.", "continued", "the port director"),
    ("The mayor continued: “Nobody will be evicted this winter.”", "continued", "The mayor"),
    ("“Our members reject the proposal outright,” the union's letter reads.", "reads", "the union's letter"),
    ("The ceasefire was a pause, not a peace, as a Red Cross briefing put it.", "put it", "a Red Cross briefing"),
    ("Farm groups see the tariff as a threat to exports.", "see", "Farm groups"),
    ("The electoral commission has decided to postpone the vote.", "has decided", "The electoral commission"),
    ("The finance minister agreed with the auditors about the shortfall.", "agreed", "The finance minister"),
    ("The opposition leader is raising questions about the arms contract.", "raising questions",
     "The opposition leader"),
])
def test_attribution_cue_positions(nlp, text, cue, source):
    assert any(c == cue and s == source for c, s, _ in _found(nlp, text)), _found(nlp, text)


def test_attribution_passive_accusation_has_no_named_source(nlp):
    found = _found(nlp, "The customs chief was accused of selling import licences.")
    assert [(c, s, k) for c, s, k in found] == [("was accused", None, "anonymous")]


def test_attribution_headline_label_named_in_the_story(nlp):
    text = ("Banks: the budget cannot pass without the northern parties.\n\n"
            "Senator Maria Banks spoke to reporters on Monday.")
    assert (":", "Banks", "named") in _found(nlp, text)


@pytest.mark.parametrize("text", [
    "The river, called the Tana, floods every spring.",
    "A militia called the Valley Guard controls the pass.",
    "It goes without saying that the harvest was poor.",
    "The envoy left the talks without saying a word.",
    "The fighting continued for another week.",
    "Residents saw their water bills double.",
])
def test_attribution_names_and_idioms_are_not_cues(nlp, text):
    assert _found(nlp, text) == []


def test_attribution_gerund_under_a_preposition_is_the_clause_subjects(nlp):
    found = _found(nlp, "The governor refused to discuss the levee, aside from saying it would hold.")
    assert ("saying", "The governor", "named") in found


@pytest.mark.parametrize("text", [
    "The new rules require candidates to disclose their assets.",
    "The new rules allow voters to report fraud online.",
])
def test_attribution_required_or_withheld_saying_is_not_a_cue(nlp, text):
    assert _found(nlp, text) == []


@pytest.mark.parametrize("text,cue", [
    ("The senator scolded the bank's chief executive over the fake accounts.", "scolded"),
    ("The governor bragged about the state's job numbers.", "bragged"),
    ("The minister downplayed the risk of a second wave.", "downplayed"),
])
def test_attribution_verbs_of_rebuke_boast_and_playing_down(nlp, text, cue):
    assert [c for c, _, _ in _found(nlp, text)] == [cue]
