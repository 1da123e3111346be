"""Claims stage: status, source, likelihood, unsourced, check-worthiness — on hand-written text."""
import pytest

from geobrief.errors import GeobriefError
from geobrief.knowledge.lexicons import load_lexicon, parse_lexicon
from geobrief.model import ICD203, Actor, Article, Brief, Mention, Sentence


@pytest.fixture(scope="module")
def nlp():
    from geobrief import nlp as nlp_mod
    from geobrief.stages import claims

    return nlp_mod.load(claims.COMPONENTS)


@pytest.fixture(scope="module")
def run(nlp):
    from geobrief.stages.claims import claims

    def _run(text, actors=()):
        doc = nlp(text)
        brief = Brief(article=Article(id="t", text=text), doc=doc)
        brief.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        brief.actors = list(actors)
        return claims(brief)

    return _run


def only(brief, words):
    hits = [c for c in brief.claims if words.lower() in c.text.lower()]
    assert len(hits) == 1, (words, [c.text for c in brief.claims])
    return hits[0]


# --- lexicons ------------------------------------------------------------------------------

def test_lexicons_claims_files_load_with_headers():
    for name in ("claims_hedges", "claims_boosters", "claims_icd203", "claims_reporting_verbs",
                 "claims_anonymous_sources", "claims_hidden_intent", "claims_meta", "claims_opinion"):
        lex = load_lexicon(name)
        assert len(lex) > 10, name
    assert set(load_lexicon("claims_icd203").values()) <= set(ICD203)
    assert set(load_lexicon("claims_boosters").values()) <= set(ICD203)


def test_lexicons_malformed_row_is_coded_error_with_line():
    text = "# source: test\n# licence: MIT\n# columns: cue kind\nmay\tmodal\nmight\n"
    with pytest.raises(GeobriefError) as exc:
        parse_lexicon(text, "x.tsv")
    assert exc.value.code == "G201" and "x.tsv:5" in str(exc.value)


def test_lexicons_missing_licence_and_duplicates_rejected():
    with pytest.raises(GeobriefError):
        parse_lexicon("# source: test\nmay\tmodal\n", "y.tsv")
    with pytest.raises(GeobriefError) as exc:
        parse_lexicon("# source: s\n# licence: MIT\nmay\tmodal\nmay\tadverb\n", "z.tsv")
    assert "duplicate" in str(exc.value)


def test_lexicons_one_column_is_a_list():
    assert parse_lexicon("# source: s\n# licence: MIT\nalpha\nbeta\n") == ["alpha", "beta"]


# --- status and source ---------------------------------------------------------------------

def test_claims_plain_fact_is_reported_not_unsourced(run):
    b = run("The delegation landed in Kabul on Wednesday.")
    (c,) = b.claims
    assert c.status == "reported" and c.source.kind == "none" and not c.unsourced
    assert c.id == "C1" and b.article.text[c.start:c.end] == c.text


def test_claims_hidden_intent_stated_as_fact_is_unsourced(run):
    c = only(run("The real aim of the visit was to reopen a military channel."), "real aim")
    assert c.unsourced and c.source.kind == "none"
    assert any("real aim" in x.text for x in c.cues)


@pytest.mark.parametrize("text", [
    "Sources say that the envoy carried a written proposal.",
    "It is believed that the envoy met security officials alone.",
    "According to observers in the region, the mood was warm.",
])
def test_claims_anonymous_attribution_never_reported_as_fact(run, text):
    (c,) = run(text).claims
    assert c.status == "attributed" and c.source.kind == "anonymous" and not c.unsourced
    assert c.source.span is not None


def test_claims_named_source_maps_to_actor_by_mention_overlap(run):
    text = "Zabihullah Mujahid said that no agreement had been reached."
    actor = Actor(id="A7", name="Zabihullah Mujahid", kind="person",
                  mentions=[Mention(0, 18, "Zabihullah Mujahid")])
    (c,) = run(text, [actor]).claims
    assert c.status == "attributed" and c.source.kind == "named" and c.source.actor == "A7"
    assert c.source.span.text == "Zabihullah Mujahid"


def test_claims_pronoun_source_resolves_to_preceding_name(run):
    b = run("Nazia Rahmani spoke in Geneva last year. She said that the schools must reopen.")
    c = only(b, "She said")
    assert c.source.kind == "named" and c.source.span.text == "Nazia Rahmani"


def test_claims_hedge_keeps_may_as_cannot_be_assessed(run):
    (c,) = run("This may well be the opening move in a larger bargain.").claims
    assert c.status == "hedged" and c.likelihood is None and c.likelihood_note == "cannot be assessed"


def test_claims_fact_and_judgement_joined_give_two_claims(run):
    b = run("The Taliban could offer access to their airfields, and Beijing might decide to join.")
    assert len(b.claims) == 2
    assert all(c.status == "hedged" for c in b.claims)
    assert all(c.likelihood != "almost certain" for c in b.claims)


def test_claims_either_or_is_one_claim(run):
    b = run("Either Washington stands with the women of Afghanistan, or it stands with their jailers.")
    assert len(b.claims) == 1


def test_claims_prediction_with_booster_is_almost_certain(run):
    (c,) = run("Mark my words: Washington will soon reopen Bagram.").claims
    assert c.status == "prediction" and c.likelihood == "almost certain"
    assert c.text.startswith("Washington")
    assert any(x.text == "Mark my words" for x in c.cues)


def test_claims_negated_estimate_flips_scale(run):
    (c,) = run("It is not likely that the talks will resume this year.").claims
    assert c.likelihood == "unlikely"
    (d,) = run("The talks will very likely resume in December.").claims
    assert d.likelihood == "very likely"


def test_claims_rhetorical_question_and_meta(run):
    b = run("Why would a hostage envoy need a peace negotiator? Let us be clear about who sat there. End of story.")
    assert [c.status for c in b.claims] == ["question", "meta", "meta"]


def test_claims_opinion_and_author_voice(run):
    b = run("The notorious minister fronts a puppet regime. I call it surrender. She deserves Washington's ear.")
    assert [c.status for c in b.claims] == ["opinion", "opinion", "opinion"]
    assert all(c.source.kind == "none" for c in b.claims)


def test_claims_quoted_slur_is_not_author_opinion(run):
    (c,) = run('Rahmani called the Taliban leadership "a gang of thugs".').claims
    assert c.status == "attributed" and c.source.kind == "named"


def test_claims_headline_is_meta_and_never_merges_with_body(run):
    b = run("Kabul Talks: What Nobody Says\n\nThe delegation landed in Kabul on Wednesday.")
    assert b.claims[0].status == "meta" and "\n" not in b.claims[0].text
    assert b.claims[1].status == "reported"


def test_claims_checkworthiness_prefers_specific_facts(run):
    fact = only(run("The ministry said 41 people were killed in the attack on Tuesday."), "41 people")
    opinion = only(run("This is a disgraceful and shameful betrayal."), "betrayal")
    assert fact.checkworthiness > 0.6 > opinion.checkworthiness
    assert all(0.0 <= c.checkworthiness <= 1.0 for c in (fact, opinion))


# --- single-sentence functions -------------------------------------------------------------

def test_claims_hedge_cues_skip_literal_uses(nlp):
    from geobrief.stages.claims import hedge_cues, is_uncertain

    assert not hedge_cues(nlp("None of this appears in the statement."), ("epistemic_verb",))
    assert hedge_cues(nlp("It appears that Islamabad was kept in the dark."), ("epistemic_verb",))
    assert not hedge_cues(nlp("He could not attend the meeting."), ("modal",))
    assert is_uncertain(nlp("Some historians believe the treaty was signed in secret."))
    assert not is_uncertain(nlp("The treaty was signed in 1921."))


def test_claims_subjectivity(nlp):
    from geobrief.stages.claims import is_subjective

    assert is_subjective(nlp("This is an absurd and shameful decision."))
    assert not is_subjective(nlp("The bill passed the Senate by 52 votes to 48."))


def test_claims_event_factuality_scale(nlp):
    from geobrief.stages.claims import event_factuality

    doc = nlp("The army did not attack the village.")
    assert event_factuality(doc, 4) < 0
    doc = nlp("The army attacked the village.")
    assert event_factuality(doc, 2) == 3.0
    doc = nlp("The army may attack the village.")
    assert 0 < event_factuality(doc, 3) < 3.0
    doc = nlp("The army wants to attack the village.")
    assert event_factuality(doc, 4) < 2.0


def test_claims_attribution_spans(nlp):
    from geobrief.stages.claims import attribution_spans

    text = "The foreign ministry said that no agreement was reached."
    (a,) = attribution_spans(nlp(text))
    assert text[a.cue[0]:a.cue[1]] == "said"
    assert text[a.source[0]:a.source[1]] == "The foreign ministry"
    assert text[a.content[0]:a.content[1]].startswith("that no agreement")
    text = '"We will not leave," the spokesman added.'
    (b,) = attribution_spans(nlp(text))
    assert text[b.cue[0]:b.cue[1]] == "added" and text[b.source[0]:b.source[1]] == "the spokesman"


@pytest.mark.parametrize("text,kind", [
    ("US officials said the talks had ended.", "anonymous"),
    ("Two senior Western diplomats told Reuters that the talks had ended.", "anonymous"),
    ("Sources close to the Taliban said the talks had ended.", "anonymous"),
    ("A Taliban official said the talks had ended.", "anonymous"),
    ("Taliban spokesman Zabihullah Mujahid said the talks had ended.", "named"),
    ("The Taliban said the talks had ended.", "named"),
])
def test_claims_unnamed_people_of_named_bodies_are_anonymous(run, text, kind):
    (c,) = run(text).claims
    assert c.status == "attributed" and c.source.kind == kind


# --- attribution: nouns, stance adjectives, light verbs, nesting, quotations ------------------

def _cues(nlp, text):
    from geobrief.stages.claims import attribution_spans

    return [(text[a.cue[0]:a.cue[1]], text[a.source[0]:a.source[1]] if a.source else None)
            for a in attribution_spans(nlp(text)) if a.kind != "author"]


def test_claims_attribution_noun_with_possessive_source_and_content(nlp):
    text = "Analysts questioned Erdogan's claim that the corridor was already open."
    assert ("claim", "Erdogan's") in [(c, s.replace("’", "'") if s else s) for c, s in _cues(nlp, text)] or \
        any(c == "claim" and s and s.startswith("Erdogan") for c, s in _cues(nlp, text))
    # a bare noun with nothing attributed is no attribution
    assert not any(c == "statement" for c, _ in _cues(nlp, "The statement was short."))


def test_claims_attribution_stance_adjective_and_light_verb(nlp):
    text = "Senator Warren is critical of the new sanctions regime."
    assert any(c.startswith("critical") and s == "Senator Warren" for c, s in _cues(nlp, text))
    text = "The ministry issued a statement on the ceasefire."
    assert any(c.startswith("issued") and s == "The ministry" for c, s in _cues(nlp, text))
    # a physical offer is not saying anything
    assert not _cues(nlp, "The Taliban could offer access to their airfields.")


def test_claims_attribution_nested_and_quoted_thinking_is_one_attribution(nlp):
    text = "The minister said he thinks the talks will fail."
    cues = [c for c, _ in _cues(nlp, text)]
    assert "said" in cues and "thinks" not in cues
    text = '"I think they want a deal," the envoy said.'
    cues = [c for c, _ in _cues(nlp, text)]
    assert "said" in cues and "want" not in cues


def test_claims_attribution_subjectless_verb_takes_controller(nlp):
    text = "The envoy went on to discuss the prisoner exchange."
    assert any(c.endswith("discuss") and s == "The envoy" for c, s in _cues(nlp, text))


def test_claims_attribution_headline_source_label(nlp):
    text = "Poll: Clinton and Trump in dead heat\n\nThe race is close."
    assert any(c == ":" and s == "Poll" for c, s in _cues(nlp, text))


def test_claims_quotation_credit_dash_only_after_a_quote(nlp):
    assert any(c == "―" for c, _ in _cues(nlp, "“We will not leave.” ― Ana Lopez\n"))
    assert not any(c == "―" for c, _ in _cues(nlp, "Prices rose sharply ― and wages did not.\n"))


# --- check-worthiness and hedges ----------------------------------------------------------

def test_claims_checkworthiness_talk_about_talk_is_lower(nlp):
    from geobrief.stages.claims import checkworthiness

    assert checkworthiness(nlp("Let me go back to the point I want to make about energy.")) < \
        checkworthiness(nlp("Our exports to China fell by 12 percent last year."))


def test_claims_contested_status_is_a_hedge(nlp):
    from geobrief.stages.claims import is_uncertain

    assert is_uncertain(nlp("The Spartans were said to have practised it."))
    assert is_uncertain(nlp("The origin of the name is disputed."))


def test_claims_subjectivity_batch_matches_single(nlp):
    from geobrief.stages.claims import is_subjective, subjective_flags

    docs = [nlp("What a shameful betrayal of the voters!"), nlp("The council met on Tuesday at noon.")]
    assert subjective_flags(docs) == [is_subjective(d) for d in docs] == [True, False]


def test_claims_subjectivity_head_trained_on_project_data_only():
    import json
    from pathlib import Path

    import geobrief

    head = Path(geobrief.__file__).parent / "knowledge" / "claims_subjectivity_head.json"
    from geobrief.knowledge.claims_train_heads import examples

    h = json.loads(head.read_text())
    assert "training/claims_sentences.tsv" in h["source"] and h["licence"]
    assert len(h["weights"]) == 385 and h["examples"] == len(examples("subjectivity"))


def test_claims_open_questions_and_theories_are_uncertain(nlp):
    from geobrief.stages.claims import is_uncertain

    assert is_uncertain(nlp("It is not known whether the envoy met the rebels."))
    assert is_uncertain(nlp("One theory holds that the fire was started deliberately."))
    assert not is_uncertain(nlp("He taught the theory of relativity at the university."))


def test_claims_negated_saying_is_no_source_and_he_said_continues_the_speaker():
    from geobrief.pipeline import analyze_text
    t = ('Balkhi also denied that Zalmay Khalilzad held a separate meeting with officials. '
         '"Every meeting was held in the presence of the foreign minister," he said. '
         'Jaishankar has not commented on the visit. Neither side said when further talks would take place.')
    b = analyze_text(t, published="2026-11-15")
    by_text = {c.text[:12]: c for c in b.claims}
    balkhi = next(a.id for a in b.actors if "Balkhi" in a.name)
    assert by_text['"Every meetin'[:12]].source.actor == balkhi
    assert by_text["Jaishankar h"].source.kind == "none"
    assert by_text["Neither side"].source.kind == "none"


def test_claims_the_official_inherits_the_kind_of_the_source_it_refers_back_to():
    from geobrief.pipeline import analyze_text
    t = ("A US official, speaking on condition of anonymity, said the talks were useful. "
         "The official said no release had been agreed. A State Department spokesperson said the "
         "department was aware of the meeting. The spokesperson said consular access was raised.")
    kinds = [c.source.kind for c in analyze_text(t, published="2026-11-12").claims]
    assert kinds == ["anonymous", "anonymous", "named", "named"]


@pytest.mark.parametrize("text", [
    "The convoy may also have been carrying fuel for the militia.",  # modal perfect: a guess about the past
    "Most of the delegates were sceptical of the ceasefire plan.",  # 'most' generalising over a subject
    "Certain ministers opposed the deal from the start.",
    "It has long been suggested that the port was mined before the talks.",  # no one holds the view
    "Ambassador Reyes, among others, argued that the sanctions had failed.",
    "An estimated ten thousand people fled the border villages.",
    "It is possible that the envoy never reached the capital.",
])
def test_claims_is_uncertain_hedge_and_weasel_patterns(nlp, text):
    from geobrief.stages.claims import is_uncertain

    assert is_uncertain(nlp(text))


@pytest.mark.parametrize("text", [
    "The council wants the inquiry finished as soon as possible.",  # feasibility, not likelihood
    "It was possible to cross the bridge on foot until Friday.",
    "In most cases the aid reached the camps within a day.",  # a quantity, not a generalisation
    "The foreign minister considered the proposal at length on Monday.",  # active, holder named
    "Farmers filed insurance claims after the floods.",  # a legal claim, not an assertion
    "Perez claimed the prize money on Tuesday.",
])
def test_claims_is_uncertain_literal_uses_are_certain(nlp, text):
    from geobrief.stages.claims import is_uncertain

    assert not is_uncertain(nlp(text))


@pytest.mark.parametrize("speaker", ["One of them", "One of the officials", "One participant",
                                     "One of the Taliban negotiators"])
def test_claims_one_of_a_group_is_an_anonymous_source(speaker):
    from geobrief.pipeline import analyze_text
    t = (f"Taliban negotiators and Qatari officials met in Doha on Monday. "
         f"{speaker} said the talks had gone well.")
    claim = analyze_text(t, published="2026-11-15").claims[-1]
    assert claim.status == "attributed"
    assert claim.source.kind == "anonymous" and claim.source.span.text == speaker


def test_claims_generic_one_is_still_nobody(nlp):
    from geobrief.stages.claims import attribution_spans

    assert not attribution_spans(nlp("One can say the talks went well."))


# --- attribution: who is the source (datelines, outer sources, statements, evidence, pronouns) ---

def _mention(text, words, how="name"):
    i = text.index(words)
    return Mention(i, i + len(words), words, how)


def test_claims_dateline_is_no_claim_and_no_source(run):
    text = ("TRIPOLI, March 3 (Harbour Post) – A Turkish delegation arrived in Tripoli on Monday and met the "
            "interior minister, officials said.\n\nMINSK - Belarus said on Friday that it would close the border.")
    b = run(text)
    assert not any("Harbour Post" in c.text or c.text.startswith(("TRIPOLI", "MINSK")) for c in b.claims)
    assert only(b, "A Turkish delegation").text.startswith("A Turkish delegation")
    c = only(b, "close the border")
    assert c.status == "attributed" and c.source.span.text == "Belarus"


def test_claims_dateline_line_alone_is_not_a_claim(run):
    b = run("Note of the ministry on the border\n\nAmman, 4 March 2027\n\nThe ministry rejects the report.")
    assert not any("March 2027" in c.text for c in b.claims)


def test_claims_capitalised_opening_without_dateline_stays_a_claim(run):
    b = run("Paris, the host city, has not commented on the summit.")
    assert only(b, "Paris, the host city").text.startswith("Paris")


def test_claims_according_to_outer_source_wins_over_inner_subject(run):
    text = ("The Egyptian foreign ministry said in a statement that the envoys met in Cairo. "
            "According to the statement, the delegations reviewed a draft ceasefire.")
    egypt = Actor(id="A1", name="Egypt", kind="state",
                  mentions=[_mention(text, "The Egyptian foreign ministry")])
    c = only(run(text, [egypt]), "draft ceasefire")
    assert c.status == "attributed" and c.source.span.text == "the statement"
    assert c.source.kind == "named" and c.source.actor == "A1"


def test_claims_statement_with_no_owner_stays_anonymous_never_the_subject(run):
    c = only(run("According to the statement, the delegations reviewed a draft ceasefire."), "draft ceasefire")
    assert c.status == "attributed" and c.source.span.text == "the statement" and c.source.kind == "anonymous"


def test_claims_statement_said_is_the_issuer_of_the_text(run):
    text = ("Statement of the Ministry of Foreign Affairs on the border incident\n\n"
            "The ministry rejects the accusations made by the neighbouring state. "
            "The government remains open to dialogue, the statement said.")
    mfa = Actor(id="A2", name="Ministry of Foreign Affairs", kind="org",
                mentions=[_mention(text, "Ministry of Foreign Affairs")])
    c = only(run(text, [mfa]), "open to dialogue")
    assert c.status == "attributed" and c.source.kind == "named" and c.source.actor == "A2"


def test_claims_statement_said_without_any_issuer_is_anonymous(run):
    c = only(run("Talks will resume in the spring, the statement said."), "resume")
    assert c.source.kind == "anonymous" and c.source.actor is None


def test_claims_passive_agent_of_a_non_saying_act_is_no_source(run):
    c = only(run("The new administration has been recognised by only three states."), "recognised")
    assert c.status == "reported" and c.source.kind == "none"


def test_claims_recognise_with_a_that_clause_still_attributes(run):
    c = only(run("Western officials recognised that the talks had stalled."), "stalled")
    assert c.status == "attributed" and c.source.span.text == "Western officials"


def test_claims_reported_by_a_paper_still_attributes(run):
    c = only(run("The raid was first reported by the Kabul Times."), "raid")
    assert c.status == "attributed" and "Kabul Times" in c.source.span.text


def test_claims_evidence_speaks_for_whoever_released_it(run):
    text = ("The Jordanian army said it had closed the crossing. "
            "Footage released by the army showed soldiers crossing the river.")
    army = Actor(id="A3", name="Jordanian army", kind="org", mentions=[_mention(text, "The Jordanian army")])
    c = only(run(text, [army]), "Footage")
    assert c.status == "attributed" and c.source.span.text == "the army" and c.source.actor == "A3"


def test_claims_evidence_without_a_provider_keeps_its_own_span(run):
    c = only(run("Satellite images showed trucks near the border."), "Satellite")
    assert c.source.span is not None and c.source.span.text == "Satellite images"


def test_claims_told_a_briefing_that_is_said(run):
    text = "Leila Haddad, the spokeswoman for the foreign ministry, told a press briefing that Amman had received the request."
    haddad = Actor(id="A4", name="Leila Haddad", kind="person", mentions=[_mention(text, "Leila Haddad")])
    c = only(run(text, [haddad]), "received the request")
    assert c.status == "attributed" and c.source.kind == "named" and c.source.actor == "A4"


def test_claims_told_a_briefing_that_was_held_has_no_clause_content(nlp):
    from geobrief.stages.claims import attribution_spans

    text = "The envoy told a conference that opened on Monday about the plan."
    doc = nlp(text)
    assert not any(a.content and text[a.content[0]:a.content[1]].startswith("that opened")
                   for a in attribution_spans(doc))


def test_claims_act_in_a_statement_is_the_subjects_not_the_objects(run):
    text = "The Iranian foreign ministry thanked Oman in a statement for what it called its patient mediation."
    iran = Actor(id="A5", name="Iran", kind="state", mentions=[_mention(text, "The Iranian foreign ministry")])
    oman = Actor(id="A6", name="Oman", kind="state", mentions=[_mention(text, "Oman")])
    c = only(run(text, [iran, oman]), "thanked")
    assert c.status == "attributed" and c.source.actor == "A5"
    assert c.source.span.text == "The Iranian foreign ministry"


def test_claims_thanks_without_a_statement_is_no_attribution(run):
    c = only(run("The ministry thanked Oman for its help with the flights."), "thanked")
    assert c.status != "attributed"


def test_claims_he_said_continues_the_last_speaker_several_sentences_back(run):
    b = run("Karim Nasser, the spokesman of the council, said the vote was postponed. "
            "\"No date has been fixed,\" he said. "
            "According to the spokesman, the talks covered border issues and the return of refugees. "
            "The council will not accept foreign troops on its soil, he said.")
    c = only(b, "foreign troops")
    assert c.source.kind == "named" and c.source.span.text == "Karim Nasser"


def test_claims_he_said_after_a_dateline_is_the_spokesman_not_the_place(run):
    b = run("BEIRUT, June 2 - The fire at the port was contained, a spokesman for the port authority said. "
            "He said two workers were hurt.")
    c = only(b, "two workers")
    assert "BEIRUT" not in c.source.span.text and "spokesman" in c.source.span.text


def test_claims_she_said_with_nobody_before_stays_anonymous(run):
    c = only(run("\"We will wait for the court,\" she said."), "wait")
    assert c.source.kind == "anonymous"


def test_claims_he_said_of_an_anonymous_official_stays_anonymous(run):
    b = run("The convoy left at dawn, a Jordanian official said. He said it carried medicine.")
    c = only(b, "carried medicine")
    assert c.source.kind == "anonymous"


def test_claims_the_ministry_is_not_the_spokesman_of_the_ministry(run):
    # an earlier source ending in "... ministry" does not make "the ministry" that person
    text = ("Omar Said, the spokesman for the interior ministry, told reporters the border was calm. "
            "Figures released by the ministry showed fewer crossings.")
    said = Actor(id="A8", name="Omar Said", kind="person", mentions=[_mention(text, "Omar Said")])
    c = only(run(text, [said]), "Figures")
    assert c.source.actor != "A8" and c.source.span.text == "the ministry"


def test_claims_it_in_a_clause_under_a_body_is_that_body(nlp):
    from geobrief.stages.claims import attribution_spans

    text = "The Iranian foreign ministry praised Oman for what it called a patient mediation."
    (a,) = [x for x in attribution_spans(nlp(text)) if x.verb == "call"]
    assert text[a.source[0]:a.source[1]] == "it"
    from geobrief.stages.claims import _resolve_pronoun
    doc = nlp(text)
    it = next(t for t in doc if t.lower_ == "it")
    lo, hi = _resolve_pronoun(doc, it)
    assert text[lo:hi] == "The Iranian foreign ministry"


def test_credit_line_is_meta_and_a_named_person_is_the_source_before_his_organisation(pipeline):
    from geobrief.model import Article

    text = ("Mohammad Karimi, a deputy spokesman for the Taliban government, said the talks had been useful.\n\n"
            "(Reporting by Northline staff; editing by the desk)")
    b = pipeline.run(Article(id="c", text=text, published="2026-11-12"))
    first = b.claims[0]
    assert first.status == "attributed" and b.actor(first.source.actor).name == "Mohammad Karimi"
    credit = [c for c in b.claims if c.text.lstrip("(").startswith("Reporting by")]
    assert credit and all(c.status == "meta" for c in credit)


# --- a source is who speaks: not a name inside a relative clause, not an event, not a meeting ---------

def test_claims_source_named_in_relative_clause_is_not_the_speaker(run):
    text = "The envoy who met Karim Dost in Kabul said the talks had been useful."
    actors = [Actor(id="dost", name="Karim Dost", kind="person",
                    mentions=[Mention(start=text.index("Karim"), end=text.index(" in Kabul"), text="Karim Dost")])]
    c = only(run(text, actors), "talks had been useful")
    assert c.status == "attributed" and c.source.actor != "dost"
    assert c.source.span.text.startswith("The envoy")


def test_claims_unnamed_group_with_named_object_in_relative_clause_stays_anonymous(run):
    text = "A delegation that met Karim Dost on Monday said no deal had been reached."
    c = only(run(text), "no deal")
    assert c.source.kind == "anonymous"


def test_claims_meeting_purpose_is_not_a_statement(run):
    text = "The trade mission that met Karim Dost in Herat was there to discuss grain exports."
    c = only(run(text), "grain exports")
    assert c.status != "attributed" and c.source.kind == "none"


def test_claims_discuss_with_partner_is_a_meeting_but_going_on_to_discuss_is_speech(nlp):
    assert not any(c.endswith("discussed") for c, _ in _cues(nlp, "Dost discussed grain prices with the envoy."))
    assert any(c.endswith("discuss") for c, _ in _cues(nlp, "The envoy went on to discuss the prisoner exchange."))


def test_claims_said_as_much_sources_the_clause_before(run):
    text = "The envoy met Karim Dost in Herat to talk about grain, and both sides have said as much."
    b = run(text)
    assert len(b.claims) == 1
    c = b.claims[0]
    assert c.status == "attributed" and c.source.span.text == "both sides"


def test_claims_said_as_much_joint_source_named_when_both_sides_are_actors(run):
    text = "Lena Hart met Karim Dost in Herat on Monday, and both sides have said so."
    actors = [Actor(id="hart", name="Lena Hart", kind="person",
                    mentions=[Mention(start=0, end=9, text="Lena Hart")]),
              Actor(id="dost", name="Karim Dost", kind="person",
                    mentions=[Mention(start=14, end=24, text="Karim Dost")])]
    c = run(text, actors).claims[0]
    assert c.source.kind == "named" and c.source.actor is None  # a joint statement: no one actor holds it
    assert run(text).claims[0].source.kind == "anonymous"  # the parties unresolved: anonymous


def test_claims_denied_it_does_not_source_the_clause_before(run):
    b = run("Lena Hart met Karim Dost in Herat, but both sides denied it.")
    assert len(b.claims) == 2


def test_claims_event_subject_of_signal_is_not_a_source(run):
    for text in ("The meeting signals a broader shift in policy.",
                 "The move suggests that the ministry is worried.",
                 "This shows that the ceasefire is holding."):
        c = run(text).claims[0]
        assert c.source.kind == "none", text


def test_claims_speaker_and_evidence_subjects_of_signal_keep_their_source(run):
    c = run("The spokesman signalled that Kabul would respond.").claims[0]
    assert c.status == "attributed" and c.source.span.text == "The spokesman"
    c = run("Satellite images show that the airstrip has been extended.").claims[0]
    assert c.status == "attributed" and c.source.span.text == "Satellite images"


def test_claims_open_whether_question_in_author_voice_is_hedged(run):
    for text in ("What is less clear is whether the visit marks a change of course.",
                 "It remains unclear whether the ceasefire will hold."):
        c = run(text).claims[0]
        assert c.status == "hedged" and c.source.kind == "none", text
    c = run("The minister asked whether the border would reopen.").claims[0]
    assert c.status == "attributed"
    # a concessive "whether or not" leaves the main clause asserted
    c = run("Whether or not the talks succeed, the border opened on Monday.").claims[0]
    assert c.status != "hedged"


@pytest.mark.parametrize("text,status", [
    ("That would matter for India, which upgraded its mission in Kabul last year.", "hedged"),
    ("Neither side said when further talks would take place.", "reported"),
    ("He would later become the group's chief negotiator.", "reported"),
])
def test_a_conditional_would_in_the_writers_voice_is_a_supposition(pipeline, text, status):
    from geobrief.model import Article

    b = pipeline.run(Article(id="w", text=text, published="2026-11-14"))
    assert b.claims[0].status == status, b.claims[0]


def test_a_writers_concession_on_a_report_is_split_off_and_is_nobody_elses_word(pipeline):
    from geobrief.model import Article

    text = ("Diplomats privately say Delhi is unlikely to object to the deal, though such assessments are "
            "often more wishful than informed.")
    b = pipeline.run(Article(id="t", text=text, published="2026-11-14"))
    assert len(b.claims) == 2
    said, aside = sorted(b.claims, key=lambda c: c.start)
    assert said.status == "attributed" and said.source.kind == "anonymous"
    assert aside.text.startswith("though") and aside.source.kind == "none"
    # a concession that continues what was said stays inside the report
    b = pipeline.run(Article(id="t", text="He said the talks went well, though no deal was reached.",
                             published="2026-11-14"))
    assert len(b.claims) == 1


# --- whose word, and the writer's own voice (issue 13) ---------------------------------------

@pytest.mark.parametrize("text,words", [
    # a reporting verb in a temporal clause or a relative clause does not source the main clause
    ("The strike began a week after the union denounced the pay offer.", "The strike began"),
    ("The tanker was spotted leaving the harbour at Mombasa, where port staff said it had loaded grain.",
     "spotted leaving"),
    # a noun's infinitive is a possible saying, not one that happened
    ("The delay handed the generals an opportunity to deny the defeat.", "an opportunity to deny"),
])
def test_claims_embedded_reporting_verb_is_not_the_clause_source(run, text, words):
    c = only(run(text), words)
    assert c.status != "attributed" and c.source.kind == "none"


def test_claims_trailing_relative_clause_of_a_report_is_its_own_claim(run):
    b = run("The cabinet met after the raid, which state radio claimed had destroyed a depot.")
    assert only(b, "The cabinet met").status == "reported"
    c = only(b, "state radio claimed")
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_claims_relative_pronoun_is_never_a_source(nlp):
    from geobrief.stages.claims import attribution_spans

    text = "The minister, who said the deal was dead, left Moscow on Monday."
    srcs = [text[a.source[0]:a.source[1]] for a in attribution_spans(nlp(text)) if a.source]
    assert srcs and all(s.lower() not in ("who", "which", "that") for s in srcs)
    assert any(s.startswith("The minister") for s in srcs)


@pytest.mark.parametrize("text", [
    "A spokesman for the Kabul police said three people died.",
    "The Western pundits said the truce would not hold.",
])
def test_claims_unnamed_spokesman_or_group_is_anonymous(run, text):
    (c,) = run(text).claims
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_claims_they_resolves_to_the_people_who_spoke_not_a_country(run):
    b = run("The television commentators talk about a looming trade war; they insist that Beijing is "
            "planning a naval blockade.")
    c = only(b, "they insist")
    assert c.status == "attributed" and c.source.kind == "anonymous"
    assert c.source.span.text == "The television commentators"
    b = run("Talks with Pakistan stalled in March. They said the border would stay closed.")
    c = only(b, "They said")
    assert c.source.kind == "anonymous" and "Pakistan" not in (c.source.span.text if c.source.span else "")


def test_claims_quoted_as_saying_sources_the_quoted_person(run):
    b = run("Ankara will sell four frigates to Jakarta, a news agency quoted a defence official as saying.")
    (c,) = b.claims
    assert c.status == "attributed" and c.source.kind == "anonymous"
    assert c.source.span.text == "a defence official"


def test_claims_subject_on_the_line_above_is_not_the_speaker(run):
    b = run("Subscribe To Our Newsletter\nYet several economists could quickly identify errors in the budget.")
    c = only(b, "several economists")
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_claims_promise_of_a_thing_is_a_reported_act(run):
    c = only(run("Nordic ministers promised Moldova a shipment of radar systems at a meeting in Oslo."), "promised")
    assert c.status == "reported" and c.source.kind == "none"
    c = only(run("The shipyard declared its wish to compete for the navy contract."), "declared")
    assert c.status == "attributed"


def test_claims_concession_after_a_parenthetical_report_is_the_writers(run):
    b = run("The truce, the police said, was being respected, though it could be days before anyone knows if it "
            "will last.")
    assert only(b, "the police said").status == "attributed"
    c = only(b, "though it could be")
    assert c.status == "hedged" and c.source.kind == "none"


def test_claims_leading_concession_does_not_silence_the_report(run):
    b = run("Though it is hard to judge the rebels' claims, analysts say the attack shows the group's reach.")
    c = only(b, "analysts say")
    assert c.status == "attributed" and c.source.kind == "anonymous"


@pytest.mark.parametrize("text", ["Nor is it certain that new talks would help.",
                                  "It is not at all clear that the sanctions would deter anyone."])
def test_claims_negated_certainty_is_hedged(run, text):
    (c,) = run(text).claims
    assert c.status == "hedged"


def test_claims_modal_in_an_embedded_question_does_not_hedge_the_report(run):
    (c,) = run("No details were given about which banks would take part or when payments would start.").claims
    assert c.status == "reported"


def test_claims_coordinated_predicates_of_different_certainty_are_two_claims(run):
    b = run("The flooding has cut roads, closed schools and has raised fears that disease could spread.")
    assert only(b, "has cut roads").status == "reported"
    assert only(b, "has raised fears").status == "hedged"


def test_claims_hedged_trailing_aside_is_split_from_the_report(run):
    b = run("The meeting took place in Ankara, which is the junta's main backer and thought to be the one "
            "government with sway over it.")
    assert only(b, "The meeting took place").status == "reported"


@pytest.mark.parametrize("text", [
    "The bankers believe that Europe has no future.",
    "Anyone who has watched the negotiations is well aware that the mediator lacked authority.",
    "The budget reflects a harder line on migration.",
    "This proves that Washington never wanted peace.",
])
def test_claims_writers_reading_of_minds_and_meaning_is_unsourced(run, text):
    (c,) = run(text).claims
    assert c.unsourced is True and c.status != "attributed" and c.source.kind == "none"


@pytest.mark.parametrize("text,kind", [
    ("Officials believe that Europe has no future.", "anonymous"),
    ("Not all lawmakers back the treaty, citing its cost.", "anonymous"),
])
def test_claims_beliefs_of_sources_stay_attributed(run, text, kind):
    (c,) = run(text).claims
    assert c.status == "attributed" and c.source.kind == kind and not c.unsourced


def test_claims_figures_showing_something_is_not_the_writers_inference(run):
    (c,) = run("The figures show that exports fell by ten percent.").claims
    assert not c.unsourced


def test_claims_will_with_a_hedge_adverb_is_a_prediction_with_its_likelihood(run):
    (c,) = run("Iran will probably retaliate within days.").claims
    assert c.status == "prediction" and c.likelihood == "likely"
    (c,) = run("There is no doubt that Iran will retaliate against Israel.").claims
    assert c.status == "prediction" and c.likelihood == "almost certain" and c.source.kind == "none"


def test_claims_outcome_of_an_attempt_is_not_an_opinion(run):
    (c,) = run("Despite an unsuccessful satellite launch in May, the agency has barely come up in the "
               "debate.").claims
    assert c.status == "reported"


def test_claims_writer_voice_in_opinion_is_unsourced_news_stays_reported(run):
    from geobrief.stages.claims import writer_voice

    text = "The army shelled the town on Monday. Officials said five people died."
    b = run(text)
    writer_voice(b.claims, "reporting")
    assert [c.unsourced for c in b.claims] == [False, False]
    b = run(text)
    writer_voice(b.claims, "opinion")
    assert [c.unsourced for c in b.claims] == [True, False]


def test_claims_headline_quoting_an_unnamed_official_is_anonymous_not_fact(run):
    b = run("Official: Talks with the rebels have failed\n\nThe talks ended on Monday.")
    c = only(b, "Official:")
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_claims_a_saying_urged_by_the_writer_is_no_attribution(run):
    (c,) = run("Parliament should also consider whether the time limits still make sense.").claims
    assert c.status != "attributed" and c.source.kind == "none"


def test_claims_coordinated_predicates_inside_a_report_stay_with_it(run):
    (c,) = run("His lawyer stressed that his client was ready to testify in private but would not be part "
               "of a public spectacle.").claims
    assert c.status == "attributed" and c.source.kind in ("named", "anonymous")


def test_claims_they_is_not_a_single_person_named_before(run):
    b = run("The fact-checkers examined Senator Brown's claim about crime. They found that it was true.")
    c = only(b, "They found")
    assert "Brown" not in (c.source.span.text if c.source.span else "")


@pytest.mark.parametrize("text,cue", [
    ("The trip is really about securing oil for China.", "really about"),
    ("What Moscow wants is a weak neighbour.", "What Moscow wants is"),
    ("There can be no other explanation than a plan to annex the region.", "no other explanation"),
])
def test_claims_motives_and_exclusions_in_the_writers_voice_are_unsourced(run, text, cue):
    (c,) = run(text).claims
    assert c.unsourced is True and c.status != "attributed" and cue in [x.text for x in c.cues]


def test_summary_counts_each_claim_once_and_agree_with_the_claim_list():
    from geobrief.brief import bottom_line, sourcing_of
    from geobrief.model import Claim, Source
    from geobrief.stages.claims import writer_voice

    def claim(i, status, kind="none"):
        return Claim(id=f"C{i}", start=0, end=1, text="x", status=status, source=Source(kind=kind),
                     unsourced=False, likelihood=None, likelihood_note=None, checkworthiness=0.5, cues=[],
                     confidence=0.7)

    claims = [claim(1, "reported"), claim(2, "opinion"), claim(3, "attributed", "named"), claim(4, "reported")]
    brief = Brief(article=Article(id="t", text="x"), doc=None)
    brief.claims = writer_voice(claims, "opinion")
    brief.summary.genre = "opinion"
    s = sourcing_of(brief.claims)
    assert (s.named, s.anonymous, s.unsourced) == (1, 0, 2)
    line = next(x for x in bottom_line(brief) if x.startswith("Most of the text"))
    assert "2 assertion(s) with no source, 1 opinion(s), out of 4 claims" in line


def test_summary_share_of_non_fact_counts_an_unsourced_opinion_once():
    from geobrief.brief import bottom_line
    from geobrief.model import Claim, Source

    claims = [Claim(id=f"C{i}", start=0, end=1, text="x", status=st, source=Source(kind=k), unsourced=u,
                    likelihood=None, likelihood_note=None, checkworthiness=0.5, cues=[], confidence=0.7)
              for i, (st, k, u) in enumerate([("attributed", "named", False), ("opinion", "none", True),
                                              ("attributed", "named", False), ("reported", "none", False)])]
    brief = Brief(article=Article(id="t", text="x"), doc=None)
    brief.claims = claims
    lines = bottom_line(brief)
    assert not any(x.startswith("Most of the text") for x in lines)
    assert any(x.startswith("Beyond the reported facts") and "1 unsourced" in x for x in lines)


def test_claims_a_toll_is_not_a_claim(run):
    (c,) = run("The outbreak has so far claimed at least 165 lives.").claims
    assert c.status == "reported" and c.source.kind == "none"


def test_claims_a_topic_label_in_a_headline_is_no_speaker(run):
    b = run("Border Crisis: Why The Talks Keep Failing\n\nThe talks ended on Monday.")
    assert only(b, "Border Crisis").status == "meta"


def test_claims_a_note_on_the_byline_author_is_meta_not_an_unsourced_assertion(pipeline):
    text = ("Jane Roe is a senior fellow at the Harbour Institute and a former diplomat.\n\n"
            "The real purpose of the summit was to sideline the smaller states. The ministers met on Monday.")
    b = pipeline.run(Article(id="t", text=text, author="Jane Roe", published="2026-11-14"))
    note = only(b, "senior fellow")
    assert note.status == "meta" and not note.unsourced
    assert not any(c.status == "meta" for c in b.claims if "ministers met" in c.text)
