"""Framing stage, portrayal: evaluation aimed at an actor through a following pronoun, through what is
said of the actor's own words, and verbs of verbal abuse (hand-written sentences)."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.stages import framing as F


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(F.COMPONENTS)


def portray(nlp, text, *names):
    doc = nlp(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return F.portray(doc, spans, groups=list(names))


def test_portrayal_evaluation_of_their_words_in_the_next_sentence_reaches_the_subjects(nlp):
    text = ("The minister and his aides talk about freedom and the rule of law at every summit. "
            "But their words ring hollow.")
    r = portray(nlp, text, "The minister")[0]
    assert r["role"] == "antagonist" and r["polarity"] < 0 and r["n_strong"] > 0.5, r


def test_portrayal_pronoun_of_another_number_is_not_the_actor(nlp):
    text = ("The minister talks about freedom and the rule of law at every summit. "
            "But their words ring hollow.")
    r = portray(nlp, text, "The minister")[0]
    assert not any(e.text == "hollow" for e in r["evidence"]), r


def test_portrayal_what_is_said_of_an_actors_claims_portrays_the_actor(nlp):
    r = portray(nlp, "The agency's claims were utterly shameless.", "The agency")[0]
    assert r["role"] == "antagonist" and any(e.text == "shameless" for e in r["evidence"]), r


def test_portrayal_verbal_abuse_casts_its_agent_and_target(nlp):
    text = "The governor berated the small island nation for months before the summit."
    gov, island = portray(nlp, text, "The governor", "the small island nation")
    assert gov["role"] == "antagonist" and gov["n_strong"] > 0.5, gov
    assert island["role"] == "innocent", island


def test_portrayal_evaluation_of_a_noun_inside_the_apposition_is_not_the_actors(nlp):
    text = "The editor, a critic of the autocratic royal court, left the country in May."
    r = portray(nlp, text, "The editor")[0]
    assert not any(e.text == "autocratic" for e in r["evidence"]), r


def test_portrayal_modifier_of_what_the_actor_meets_is_not_said_of_the_actor(nlp):
    r = portray(nlp, "The union faces a brutal and corrupt employer this winter.", "The union")[0]
    assert not any(e.text in ("brutal", "corrupt") for e in r["evidence"]), r
    r = portray(nlp, "The militia launched a vicious campaign against the villagers.", "The militia")[0]
    assert any(e.text == "vicious" for e in r["evidence"]) and r["role"] == "antagonist", r


def test_being_sued_in_a_news_report_is_a_role_not_a_portrayal():
    from geobrief.pipeline import analyze_text
    text = ("WASHINGTON (Reuters) - Nine states are suing the Energy Department over its new pipeline rules, "
            "court papers showed on Monday.\n\n"
            "The states argue that the department overstepped its authority when it issued the rules, "
            "according to the filing. \"We will defend the rules in court,\" a department spokesman said.\n\n"
            "A hearing is set for March, the court said.")
    b = analyze_text(text)
    assert b.summary.genre == "reporting"
    dept = [a.id for a in b.actors if "Energy" in a.name]
    assert dept and not [p for p in b.portrayals if p.actor in dept]


def test_undergoing_a_crisis_or_owning_a_failed_thing_is_not_villainy():
    from geobrief.stages.framing import portray
    from geobrief import nlp
    doc = nlp.load()("The island's power grid failure left hospitals dark, and the island is experiencing "
                     "a medical crisis of epic proportions.")
    t = doc.text
    spans = [(t.index("island"), t.index("island") + 6), (t.rindex("island"), t.rindex("island") + 6)]
    (r, _) = portray(doc, spans, ["A1", "A1"])
    assert r["role"] != "antagonist"


def test_portrayal_a_place_standing_for_its_state_pools_no_other_occurrence_of_the_place(nlp):
    text = ("The senator plans to visit Dunmore on Sunday. After the riot, Dunmore experienced chaos and "
            "brutal violence on its streets for two nights.")
    doc = nlp(text)
    s = text.index("Dunmore")
    pooled = F.portray(doc, [(s, s + 7)], ["A1"])[0]
    kept = F.portray(doc, [(s, s + 7)], ["A1"], poolable=[False])[0]
    assert any(e.text in ("chaos", "brutal", "violence") for e in pooled["evidence"])
    assert not any(e.start > s + 7 for e in kept["evidence"])
