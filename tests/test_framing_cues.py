"""Framing stage: class-based cues of evaluative wording (derogatory affixes, psychiatric words used of
a policy, pejorative regime words, fabrication compounds, conduct adjectives from the Pattern lexicon),
absolute comparisons, slogan-shaped titles, and the news gate's reading of quoted words (own sentences)."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.stages import framing as F


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(F.COMPONENTS)


def author_spans(nlp, text):
    return [f for f in F.technique_spans(nlp(text)) if f.speaker == "author"]


def test_framing_derogatory_suffix_after_a_hyphen_labels_the_compound(nlp):
    out = author_spans(nlp, "I am sick of the Brussels spin-meisters who tell us the treaty is a triumph.")
    hit = [f for f in out if "spin-meisters" in f.text]
    assert hit and hit[0].technique in (F.NC, F.LL), out


def test_framing_derogatory_prefix_word_labels_its_noun(nlp):
    out = author_spans(nlp, "Only wannabe statesmen would sign such a pact, and I will say so.")
    assert any("wannabe" in f.text and f.technique in (F.NC, F.LL) for f in out), out


def test_framing_closed_compound_with_derogatory_suffix(nlp):
    out = author_spans(nlp, "We are tired of the ministry's spinmeisters and their endless briefings.")
    assert any("spinmeisters" in f.text for f in out), out


def test_framing_capitalised_affix_word_is_a_name_not_a_label(nlp):
    out = author_spans(nlp, "I met Anna Wannabeck and Karl Grossmeister at the trade fair in Leipzig.")
    assert not any("Grossmeister" in f.text or "Wannabeck" in f.text for f in out), out


def test_framing_psychiatric_word_of_a_policy_is_loaded(nlp):
    out = author_spans(nlp, "I think the ministry's schizophrenic trade policy has done real damage.")
    assert any("schizophrenic" in f.text and f.technique == F.LL for f in out), out


def test_framing_psychiatric_word_of_patients_is_no_cue(nlp):
    out = F.technique_spans(nlp("The psychotic patients were moved to a new ward at the county hospital."))
    assert not any("psychotic" in f.text for f in out), out


def test_framing_outlaw_as_a_label_not_as_a_verb(nlp):
    text = "I have no doubt that this outlaw state will keep testing its missiles."
    assert any("outlaw" in f.text for f in author_spans(nlp, text))
    out = F.technique_spans(nlp("The council voted on Monday to outlaw the party and seize its offices."))
    assert not any("outlaw" in f.text for f in out), out


def test_framing_pejorative_regime_adjective_in_a_news_report(nlp):
    text = ("The envoy arrived in the capital on Tuesday for two days of talks, officials said. He told reporters "
            "on Wednesday that the talks had been useful, and the ministry said a second round would follow.\n\n"
            "The editor, a critic of the autocratic royal court, left the country in May.")
    doc = nlp(text)
    assert F.genre_of(doc) == "reporting"
    out = [f for f in F.technique_spans(doc) if f.speaker == "author"]
    assert any("autocratic" in f.text for f in out), out


def test_framing_fabrication_compound_is_loaded(nlp):
    out = author_spans(nlp, "They jailed the reporter on cooked-up charges, and the whole world knows it.")
    assert any("cooked-up" in f.text and f.technique == F.LL for f in out), out


def test_framing_conduct_adjective_from_the_pattern_lexicon(nlp):
    out = author_spans(nlp, "The minister gave a grandiloquent speech that said nothing at all, in my view.")
    assert any("grandiloquent" in f.text for f in out), out


def test_framing_loaded_rhetorical_question_casts_doubt(nlp):
    text = "Did the envoy disingenuously leave out the one fact that hurt her case, or did she never read the file?"
    out = author_spans(nlp, text)
    assert any(f.technique == F.DOUBT and f.text.startswith("Did the envoy") for f in out), out


def test_framing_absolute_comparison_is_exaggeration(nlp):
    out = author_spans(nlp, "There is no greater danger to our farms than this treaty, I believe.")
    assert any(f.technique == F.EX and "no greater" in f.text for f in out), out


def test_framing_comparison_with_a_figure_is_no_exaggeration(nlp):
    out = F.technique_spans(nlp("The convoy carried no fewer than 40 trucks of flour, the agency said."))
    assert not any(f.technique == F.EX and "fewer" in f.trigger.text for f in out), out


def test_framing_title_of_parallel_short_clauses_is_a_slogan(nlp):
    text = "Trade War: They Tax It, We Pay It\n\nThe new tariffs will cost every family, and I think we all know it."
    out = author_spans(nlp, text)
    assert any(f.technique == F.SLOGAN and f.text == "They Tax It, We Pay It" for f in out), out


def test_framing_title_listing_names_is_no_slogan(nlp):
    text = "Kyiv, Warsaw Sign Grain Deal\n\nThe two governments signed the deal on Monday, officials said."
    out = F.technique_spans(nlp(text))
    assert not any(f.technique == F.SLOGAN for f in out), out


def test_framing_quoted_evaluative_word_does_not_keep_the_reporters_sentence_span(nlp):
    text = ("The senate voted 52 to 48 on Monday, officials said.\n\n"
            "The governor further described the ruling as a \u201cterrible situation,\u201d but stopped short of "
            "calling the judges\u2019 actions politically motivated.")
    out = author_spans(nlp, text)
    assert not any("stopped" in f.text for f in out), out


def test_framing_capitals_heading_line_is_not_shouting(nlp):
    text = ("The council met on Monday and approved the plan.\n\nRISING COSTS AND WEAK DEMAND\n\n"
            "The plan will cost the city more than it can pay, and we will NOT accept that.")
    out = author_spans(nlp, text)
    assert not any("COSTS" in f.text for f in out), out
    assert any(f.text == "NOT" for f in out), out


def test_framing_so_called_is_descriptive_in_a_news_report(nlp):
    text = ("The envoy arrived in the capital on Tuesday for two days of talks, officials said. He told reporters "
            "on Wednesday that the talks had been useful, and the ministry said a second round would follow.\n\n"
            "The talks covered the so-called border fund, set up in 2019 to pay for new crossings.")
    doc = nlp(text)
    assert F.genre_of(doc) == "reporting"
    assert not any("so-called" in f.text and f.speaker == "author" for f in F.technique_spans(doc))



def test_framing_trade_named_with_an_affix_is_no_label(nlp):
    out = F.technique_spans(nlp("I bought bread from the bakers and cod from the fishmongers at the harbour."))
    assert not any("fishmongers" in f.text for f in out), out
