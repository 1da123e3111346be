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
    # votes, documents put out, a saying verb tagged as a plural noun
    ("A Senate panel voted on Thursday to subpoena the former minister.", "voted", "A Senate panel"),
    ("The deputy voted against the mining bill.", "voted", "The deputy"),
    ("The city sent a letter to the broadcaster on Friday.", "sent a letter", "The city"),
    ("The campaign released an ad on the pension plan.", "released an ad", "The campaign"),
    ("Two governments unveiled a proposal for a joint command.", "unveiled a proposal", "Two governments"),
    ("But the ministry claims that the dam was never at risk.", "claims", "the ministry"),
    # headline verbs, after the bare noun phrase that opens the title line
    ("City council votes to close the old pier for good.\n\nThe vote came late.", "votes", "City council"),
    ("Appeals Court Rules Against Province's Fishing Quota.\n\nFishers cheered.", "Rules Against", "Appeals Court"),
    ("Premier Seeks More Aid As Floods Spread.\n\nRain fell all week.", "Seeks", "Premier"),
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


def _nested(nlp, text):
    from geobrief.stages.claims import attribution_spans

    return {text[a.cue[0]:a.cue[1]]: a.nested for a in attribution_spans(nlp(text))}


def test_attribution_inside_another_content_is_nested(nlp):
    found = _nested(nlp, "The minister said the rebels claimed the bridge was mined.")
    assert found == {"said": False, "claimed": True}


@pytest.mark.parametrize("text", [
    "Officials said the ceasefire held and said talks would resume.",  # coordinated, no subject of its own
    "The mayor said the roads were clear. Later he added that schools would open.",
    "“The port is closed,” the harbour master said.\n\nThe coast guard warned that storms were coming.",
])
def test_attribution_side_by_side_is_not_nested(nlp, text):
    found = _nested(nlp, text)
    assert found and not any(found.values()), found


@pytest.mark.parametrize("text,cue", [
    ("Allegations of fraud have dogged the count.", "Allegations"),
    ("The army came under fierce criticism for the raid.", "criticism"),
    ("Initial reports of an explosion reached the capital at noon.", "reports"),
    ("The claim that the dam was sabotaged spread online.", "claim"),
])
def test_attribution_hearsay_noun_without_a_source(nlp, text, cue):
    assert (cue, None, "anonymous") in _found(nlp, text), _found(nlp, text)


@pytest.mark.parametrize("text", [
    "Most farmers voted for the opposition.",  # a ballot, not a stance on a matter
    "The agency released video of the raid.",  # a record, not a message
    "The report of the commission runs to 300 pages.",  # whose report, not what it says
    "The claims that he made were never checked.",  # a relative clause, not a content
])
def test_attribution_not_votes_records_or_owners(nlp, text):
    found = _found(nlp, text)
    assert not any(c in ("voted", "released", "report", "claims") for c, _, _ in found), found


@pytest.mark.parametrize("text", [
    "Mayor not walking the walk on his housing claims.\n\nThe story follows.",  # a noun with a determiner
    "Floods Spread Across the Delta.\n\nRain fell all week.",
    "Don't blame the ferry crew.",  # imperatives: an address, no one's report
    "Tell that to the farmers who lost their harvest.",
])
def test_attribution_no_saying_in_headline_or_imperative(nlp, text):
    assert _found(nlp, text) == []


def test_attribution_concessive_saying_is_not_nested(nlp):
    text = "The envoy said the talks would go on, though she noted the mood was tense."
    assert _nested(nlp, text) == {"said": False, "noted": False}


@pytest.mark.parametrize("text,cue", [
    ("A 2019 audit of the port found 31 cases of double billing.", "found"),
    ("The jury found him guilty of fraud.", "found"),
    ("A federal appeals court ruled on Friday against the state's procedure.", "ruled"),
])
def test_attribution_findings_and_rulings(nlp, text, cue):
    assert any(c == cue for c, _, _ in _found(nlp, text)), _found(nlp, text)


def test_attribution_a_thing_found_is_no_finding(nlp):
    assert _found(nlp, "Police found a car near the border.") == []


def test_attribution_headline_label_quoting_a_named_speaker(nlp):
    text = "Senator Banks Grills Port Chief: ‘You Knew About the Leaks.’\n\nThe hearing ran late."
    assert (":", "Senator Banks Grills Port Chief", "named") in _found(nlp, text), _found(nlp, text)


def test_attribution_colon_after_a_saying_verb_is_not_a_second_label(nlp):
    found = _found(nlp, "In one post on Friday, the mayor said: “The bridge stays shut.”")
    assert [c for c, _, _ in found] == ["said"], found


@pytest.mark.parametrize("text,source", [
    ("In her view, the treaty is already dead.", "her"),
    ("Only the farmers matter in the eyes of the minister.", "the minister"),
    ("In this poll, the governor leads by two points.", "this poll"),
])
def test_attribution_in_someones_view(nlp, text, source):
    assert any(c.lower() == "in" and s == source for c, s, _ in _found(nlp, text)), _found(nlp, text)


@pytest.mark.parametrize("text", [
    "The trial resumed in court on Monday.",
    "In my view, the treaty is dead.",  # the writer's own
    "The valley came into view at dawn.",
])
def test_attribution_in_view_needs_a_holder(nlp, text):
    assert not any(c.lower() == "in" for c, _, _ in _found(nlp, text)), _found(nlp, text)


@pytest.mark.parametrize("text,cue,source", [
    ("Her refusal to testify angered the committee.", "refusal", "Her"),
    ("Kyiv's bid to join the alliance stalled in June.", "bid", "Kyiv's"),
])
def test_attribution_aim_noun_with_its_holder(nlp, text, cue, source):
    from geobrief.stages.claims import attribution_spans

    assert any(c == cue and s == source for c, s, _ in _found(nlp, text)), _found(nlp, text)
    # the writer reports the aim: no claim of the sentence rests on the holder's word
    assert not any(text[a.cue[0]:a.cue[1]] == cue and a.proposition for a in attribution_spans(nlp(text)))


@pytest.mark.parametrize("text", [
    "Britain's decision to leave the union shook the markets.",  # an event, not someone's stated aim
    "The plan to build a dam was shelved.",  # no holder
    "My refusal to sign was noted.",  # the writer's own
])
def test_attribution_aim_noun_without_a_holder_or_as_event(nlp, text):
    found = _found(nlp, text)
    assert not any(c in ("decision", "plan", "refusal") for c, _, _ in found), found
