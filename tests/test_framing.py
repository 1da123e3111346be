"""Framing stage: technique spans with triggers, negation, quotes, portrayal, genre (hand-written texts)."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.knowledge.lexicons import load_lexicon
from geobrief.stages import framing as F


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(F.COMPONENTS)


def spans_of(nlp, text):
    return F.technique_spans(nlp(text))


def test_framing_flags_loaded_noun_phrase_with_trigger_and_explanation(nlp):
    text = "The minister met the brutal regime in the capital on Monday."
    out = spans_of(nlp, text)
    hit = [f for f in out if "brutal" in f.text]
    assert hit, out
    f = hit[0]
    assert f.technique in (F.LL, F.NC)
    assert text[f.start:f.end] == f.text and f.trigger.text in ("brutal", "regime")
    assert f.explanation and f.speaker == "author"


def test_framing_negated_loaded_word_is_not_the_authors_loaded_language(nlp):
    out = spans_of(nlp, "The officials said this was no humanitarian gesture and the talks were not brutal.")
    assert not any(f.trigger.text in ("humanitarian", "brutal") for f in out), out


def test_framing_quoted_slur_is_attributed_to_the_quoted_speaker(nlp):
    text = 'The campaigner called the leadership "a gang of thugs" in a speech on Friday.'
    doc = nlp(text)
    s = text.index("campaigner")
    out = F.technique_spans(doc, mentions=[(s - 4, s + len("campaigner"), "A7")])
    thugs = [f for f in out if "thugs" in f.text]
    assert thugs and all(f.speaker == "A7" for f in thugs)
    # without known actors the speaker is still not the author
    assert all(f.speaker == "quoted" for f in F.technique_spans(doc) if "thugs" in f.text)


def test_framing_neutral_wire_sentence_has_no_spans(nlp):
    assert spans_of(nlp, "The delegation met the foreign minister in Kabul on Wednesday, officials said.") == []


def test_framing_classify_technique_on_given_spans(nlp):
    text = ("Like the Nazis before them, they march in step. "
            "Our great nation and the American people will never bow.")
    doc = nlp(text)
    s = text.index("Like the Nazis")
    assert F.classify_technique(doc, s, s + len("Like the Nazis before them")) == F.BAND
    s = text.index("the American people")
    assert F.classify_technique(doc, s, s + len("the American people")) == F.FLAG


def test_framing_portray_victim_and_villain_from_given_spans(nlp):
    text = "The militia shelled the village. The villagers were killed in their homes."
    doc = nlp(text)
    spans = [(text.index("militia"), text.index("militia") + 7),
             (text.index("villagers"), text.index("villagers") + 9)]
    militia, villagers = F.portray(doc, spans)
    assert militia["role"] == "antagonist" and militia["polarity"] < 0 and militia["evidence"]
    assert villagers["role"] == "innocent" and "Victim" in villagers["fine_roles"]


def test_framing_portray_pools_same_name_mentions(nlp):
    text = "Ms Rahimi spoke on Tuesday. Rahimi has defended the refugees for years."
    doc = nlp(text)
    (r,) = F.portray(doc, [(0, len("Ms Rahimi"))])
    assert r["role"] == "protagonist"


def test_framing_genre_wire_copy_vs_op_ed(nlp):
    wire = ("KABUL, Nov 12 (Test Wire) - A delegation met the foreign minister, officials said.\n\n"
            "The two sides discussed detainees, a spokesman said. The ministry said talks would continue. "
            "A diplomat told reporters the meeting lasted two hours.")
    oped = ("Why do we keep pretending? I have watched this shameful farce for years!\n\n"
            "Our leaders cower while the regime laughs at us. Enough is enough.")
    assert F.genre_of(nlp(wire)) == "reporting"
    assert F.genre_of(nlp(oped)) == "opinion"


def test_framing_lexicons_carry_source_and_licence():
    from geobrief.knowledge.lexicons import lexicon_path
    for name in ("framing_cues", "framing_roles"):
        head = lexicon_path(name).read_text(encoding="utf-8").splitlines()[:2]
        assert head == ["# source: written by the geobrief project", "# licence: MIT"]
        assert load_lexicon(name)


def test_framing_stage_sets_summary(pipeline):
    from geobrief.model import Article
    text = ("The notorious regime has turned the country into the largest open-air prison on earth. "
            "Its brutal thugs answer to no one.")
    brief = pipeline.run(Article(id="t1", text=text))
    assert brief.summary.words > 0
    assert brief.summary.loaded_language_per_1000_words and brief.summary.loaded_language_per_1000_words > 0
    assert brief.summary.genre in ("reporting", "opinion", "satire")
    assert brief.framing and all(brief.doc.text[f.start:f.end] == f.text for f in brief.framing)


def test_framing_portray_harm_nouns_make_victims_and_perpetrators(nlp):
    text = "The invasion of Freedonia by Sylvania shocked the region. Sylvania's blockade continues."
    doc = nlp(text)
    f, s = text.index("Freedonia"), text.index("Sylvania")
    fr, sy = F.portray(doc, [(f, f + 9), (s, s + 8)])
    assert fr["role"] == "innocent" and "Victim" in fr["fine_roles"]
    assert sy["role"] == "antagonist"


def test_framing_portray_detained_participle_and_naming_verb(nlp):
    text = ('The detained Americans waited for news. The campaigner called the Taliban leadership '
            '"a gang of thugs" on Friday.')
    doc = nlp(text)
    a, t = text.index("Americans"), text.index("the Taliban")
    am, tal = F.portray(doc, [(a, a + 9), (t, t + 11)])
    assert am["role"] == "innocent"
    assert tal["role"] == "antagonist" and any("thugs" in e.text for e in tal["evidence"])


def test_framing_portray_name_and_his_followers(nlp):
    text = "Muttaqi and his band of medieval zealots have closed the schools."
    (m,) = F.portray(nlp(text), [(0, 7)])
    assert m["role"] == "antagonist" and any(e.text == "zealots" for e in m["evidence"])


def test_framing_portray_standing_up_is_protagonist_but_not_in_a_conditional(nlp):
    text = "The villagers resisted the occupation for a decade."
    (v,) = F.portray(nlp(text), [(0, 13)])
    assert v["role"] == "protagonist"
    text = "If Ruritania defends the border, the talks end."
    (r,) = F.portray(nlp(text), [(3, 12)])
    assert r["n_strong"] <= 0.5  # a supposed act is no evidence


def test_framing_portray_sanctioned_or_aided_object_is_no_victim(nlp):
    text = "The council sanctioned Sylvania. The allies sent Freedonia new rifles."
    doc = nlp(text)
    s, f = text.index("Sylvania"), text.index("Freedonia")
    sy, fr = F.portray(doc, [(s, s + 8), (f, f + 9)])
    assert sy["role"] != "innocent" and fr["role"] != "innocent"


def test_framing_dateline_forms_and_headline_with_dash():
    for t in ("KANSAS CITY, Mo. \u2014 Federal officers", "BEIJING -- The ministry", "Washington (CNN) The president",
              "Feb 9 (Reuters) - The island", "KABUL, Nov 12 (Test Wire) - A delegation"):
        assert F._DATELINE.match(t), t
    assert not F._DATELINE.match("Soldiers of the Cross - Who the Real Ones Are")


def test_framing_portray_hitting_back_and_support_are_protagonist(nlp):
    text = "Freedonia hit back at the raiders. Sylvania's support for the refugees never wavered."
    doc = nlp(text)
    fr, sy = F.portray(doc, [(0, 9), (text.index("Sylvania"), text.index("Sylvania") + 8)])
    assert fr["role"] == "protagonist" and sy["role"] == "protagonist"


def test_framing_portray_object_of_a_speech_verb_is_not_the_speakers_virtue(nlp):
    text = 'Rahmani called the Taliban leadership "a gang of thugs" last year.'
    (r,) = F.portray(nlp(text), [(0, 7)])
    assert not any(e.text == "leadership" for e in r["evidence"])


def test_framing_literal_violence_in_a_report_is_not_loaded_language():
    from geobrief.pipeline import analyze_text
    b = analyze_text("A suicide bomber killed at least 11 people at a police checkpoint on Tuesday, officials said. "
                     "Islamic State claimed responsibility for the attack.", published="2026-11-18")
    triggers = {f.trigger.text.lower() for f in b.framing}
    assert not triggers & {"killed", "attack", "claimed", "bomber"}, b.framing
    # the same word used as the author's own rhetoric is still caught
    b2 = analyze_text("These butchers have declared war on every decent person in this land.")
    assert any(f.technique.startswith(("Name_Calling", "Loaded")) for f in b2.framing)


def test_framing_place_of_a_harm_is_not_its_victim():
    from geobrief.pipeline import analyze_text
    b = analyze_text("The talks focused on American citizens detained in Afghanistan, officials said.",
                     published="2026-11-12")
    roles = {b.actor(p.actor).name: p.role for p in b.portrayals if b.actor(p.actor)}
    assert not any("Afghanistan" in n and r == "innocent" for n, r in roles.items()), roles


def test_framing_genre_of_the_examples_wire_copy_analysis_statement_and_op_ed():
    from geobrief import nlp
    from geobrief.ingest import read_paths
    from geobrief.stages.framing import genre_of
    from .conftest import EXAMPLES
    got = {a.id: genre_of(nlp.load()(a.text), a) for a in read_paths([EXAMPLES])}
    assert got["oped_kabul_visit"] == "opinion"
    assert got["03_delhi_policy_review_analysis"] == "analysis"  # "Analysis:" title, no opinion voice
    assert got["denial_taliban_statement"] == "statement"  # a ministry speaking in its own name
    for wire in ("wire_kabul_visit", "attack-jalalabad-2026-11-18", "02_frontier_daily_islamabad"):
        assert got[wire] == "reporting", wire


def test_framing_genre_news_needs_no_dateline_and_weak_signs_give_no_genre(nlp):
    news = ("Lawmakers approve border funding bill\n\n"
            "The lower house on Tuesday approved a bill that adds funds for border posts, officials said. "
            "\"We expect the upper house to follow within weeks,\" the committee chairman told reporters.\n\n"
            "The opposition said the bill ignored the needs of farming districts. A vote in the upper house "
            "is due on Friday, according to the clerk's office.")
    g, conf, signs = F.genre_reading(nlp(news))
    assert g == "reporting" and 0.5 < conf <= 0.95 and "dateline" not in signs, (g, conf, signs)
    # a bare factual sentence or two carries no sign of its kind: no genre rather than a guess
    assert F.genre_of(nlp("The bridge is 40 metres long. It opened in 1998.")) is None


def test_framing_genre_first_person_op_ed_without_dateline_and_quoted_first_person(nlp):
    oped = ("Why I no longer trust the ministry\n\nI have covered this ministry for a decade, and I "
            "have never seen it so reckless. Do you really believe its promises? Of course not. We deserve "
            "better than this shameful spin, and you should demand it.")
    assert F.genre_of(nlp(oped)) == "opinion"
    # first person inside quotations is the speakers', not the writer's
    wire = ("Ministers agree to extend grain deal\n\n"
            "\"We have done our part and we will keep our word,\" the trade minister said on Monday. "
            "\"I expect the others to do the same,\" she told reporters. The deal runs until March, "
            "officials said, and covers three ports, according to the ministry.")
    assert F.genre_of(nlp(wire)) == "reporting"


def test_framing_genre_interview_and_opinion_byline(nlp):
    qa = ("Q: What did the talks achieve?\nA: A first step on prisoners.\n"
          "Q: Will there be a second round?\nA: Perhaps in spring, if the ceasefire holds.\n")
    assert F.genre_of(nlp(qa)) == "interview"
    col = ("By Jane Doe, columnist\n\nThe council met on Monday and approved the budget, the clerk said. "
           "Members said the vote was close.")
    assert F.genre_of(nlp(col)) == "opinion"


def test_brief_claims_no_portrayal_from_a_described_role_or_a_shared_last_word(pipeline):
    """'led the delegation', 'negotiated the deal' describe a role; the state 'Pakistan' is not
    pooled into 'Tehreek-e-Taliban Pakistan' (the actors stage grouped the mentions already)."""
    from geobrief.model import Article

    text = ("A US delegation led by Adam Boehler arrived in Kabul on Wednesday. Zalmay Khalilzad, who "
            "negotiated the 2020 agreement, was also present. Pakistan has repeatedly accused Kabul of "
            "sheltering fighters of the banned Tehreek-e-Taliban Pakistan (TTP). Pakistan said the talks "
            "must address terrorism.")
    b = pipeline.run(Article(id="p", text=text, published="2026-11-12"))
    named = {b.actor(p.actor).name: p.role for p in b.portrayals}
    assert "Adam Boehler" not in named and "Zalmay Khalilzad" not in named
    assert "Tehreek-e-Taliban Pakistan" not in named and "Tehrik-i-Taliban Pakistan" not in named


def test_brief_keeps_the_innermost_span_of_a_nested_device():
    from geobrief.model import FramingSpan, Span

    text = "No patriot who loves this flag can watch that handshake without shame."
    fs = lambda s, e, tech: FramingSpan(s, e, text[s:e], tech, Span(s, e, text[s:e]), "why", "author")
    outer, inner = fs(0, len(text) - 1, "Flag-Waving"), fs(21, 30, "Flag-Waving")
    other = fs(62, 67, "Loaded_Language")
    assert F._innermost([outer, inner, other]) == [inner, other]
    # a different technique or speaker around it is kept
    quoted = FramingSpan(0, len(text) - 1, text[:-1], "Flag-Waving", Span(21, 30, "this flag"), "why", "A1")
    assert F._innermost([quoted, inner]) == [quoted, inner]


# --------------------------------------------------------------------------- cue senses and quoted fragments
def _cue_words(nlp, text):
    return {(doc_tok.lower_, tech) for doc in [nlp(text)] for s, e, tech, _, _ in F.cue_hits(doc)
            for doc_tok in doc[s:e]}


def test_framing_quoted_fragment_after_non_reporting_verb_belongs_to_the_subject(nlp):
    text = 'The interior ministry denounced the raid "in the harshest possible terms" on Sunday.'
    doc = nlp(text)
    s = text.index("The interior ministry")
    out = F.technique_spans(doc, mentions=[(s, s + len("The interior ministry"), "A3")])
    quoted = [f for f in out if "harshest" in f.text]
    assert quoted and all(f.speaker == "A3" for f in quoted), out
    # scare quotes around the subject itself stay in the writer's voice (no speaker)
    doc = nlp('The "reforms" have failed the farmers again.')
    (q,) = F.quotes(doc)
    assert q[2] is None


def test_framing_quoted_slur_keeps_its_speaker_after_a_non_reporting_verb(nlp):
    text = 'Protesters denounced the governor as "a corrupt crook" outside the court.'
    out = F.technique_spans(nlp(text))
    crook = [f for f in out if "crook" in f.text]
    assert crook and all(f.speaker != "author" for f in crook), out


def test_framing_agenda_is_loaded_only_with_a_marked_modifier(nlp):
    assert ("agenda", F.LL) in _cue_words(nlp, "The minister is pushing a hidden agenda.")
    assert ("agenda", F.LL) in _cue_words(nlp, "They serve their own political agenda.")
    assert spans_of(nlp, "Border trade was at the top of the agenda at Monday's meeting.") == []


def test_framing_most_as_quantifier_is_no_exaggeration(nlp):
    assert ("most", F.EX) not in _cue_words(nlp, "In most cases the prisoners were freed within a week.")
    assert ("most", F.EX) not in _cue_words(nlp, "Most of the delegates left early.")
    out = spans_of(nlp, "It is the most brutal regime on earth.")
    assert any("most brutal" in f.text and f.speaker == "author" for f in out), out


def test_framing_temporal_since_is_not_causal(nlp):
    for text in ("Ties between the two capitals have been tense since the election in March 2024.",
                 "The militia has been weakened by army raids since 2019.",
                 "The council has met twice since taking office in 2022."):
        assert ("since", F.CAUSAL) not in _cue_words(nlp, text), text
        assert spans_of(nlp, text) == [], text
    assert ("since", F.CAUSAL) in _cue_words(nlp, "Since they refused every offer, the war is entirely their fault.")


def test_framing_claimed_in_a_report_of_a_groups_statement_is_no_doubt(nlp):
    text = "In an online post, the rebel group said its unit had struck a convoy and claimed that 40 soldiers had died."
    assert ("claimed", F.DOUBT) not in _cue_words(nlp, text)
    assert not any(f.technique == F.DOUBT for f in spans_of(nlp, text))
    assert ("claimed", F.DOUBT) in _cue_words(nlp, "The senator claimed, without any evidence, that the vote was rigged.")


def test_framing_sentence_trigger_is_a_cue_of_the_shown_technique(nlp):
    text = ("Since they refused every offer, the war is entirely their fault and a disaster. "
            "Why would anyone still believe the so-called experts who lied about it?")
    doc = nlp(text)
    hits = {(s, e): tech for s, e, tech, _, _ in F.cue_hits(doc)}
    for f in F.technique_spans(doc):
        if f.end - f.start > 60:  # sentence-level spans
            tok = doc.char_span(f.trigger.start, f.trigger.end, alignment_mode="expand")
            assert hits.get((tok.start, tok.end)) == f.technique or f.technique in (F.DOUBT, F.WHAT, F.BW), f


# --------------------------------------------------------------------------- linear cost
def test_framing_cue_lookups_run_once_per_doc_and_slices_agree(nlp):
    text = ("The brutal regime shelled the town. Officials said the vicious attack was a cowardly act. "
            "Make no mistake: the corrupt elites will pay.")
    doc = nlp(text)
    hits = F.cue_hits(doc)
    assert hits and F.cue_hits(doc) is hits  # kept on the Doc, not recomputed per sentence
    for sent in doc.sents:
        assert F.cue_hits_in(doc, sent.start, sent.end) == \
            [h for h in hits if sent.start <= h[0] and h[1] <= sent.end]
    # a multi-word cue is found by the compiled phrase matcher
    assert any(doc[s:e].text.lower() == "make no mistake" for s, e, *_ in hits), hits


def test_framing_name_occurrences_are_whole_words_only(nlp):
    text = "Karimov spoke first. Karimova replied, and Karimov-era rules and al-Karimov did not apply; Karimov left."
    doc = nlp(text)
    occ = F._occurrences(doc, "Karimov")
    assert [text[a:b] for a, b in occ] == ["Karimov", "Karimov"]
    assert occ[0][0] == 0 and occ[1][0] == text.rindex("Karimov")


def test_framing_unclosed_quote_is_not_searched_past_its_limit(nlp):
    text = "\u201cThe talks failed. " + "The delegates went home on Friday. " * 60 + "\u201d he said."
    assert F.quotes(nlp(text)) == []  # a closing mark 2,000 characters on is no quote


# --------------------------------------------------------------------------- whose words
def test_framing_reported_speech_belongs_to_the_speaker_not_the_author(nlp):
    text = "The opposition leader said the new tax was a brutal assault on pensioners."
    out = spans_of(nlp, text)
    assert out and all(f.speaker != "author" for f in out if "brutal" in f.text), out
    # the same words in the writer's own voice stay the writer's
    out = spans_of(nlp, "The new tax is a brutal assault on pensioners.")
    assert any(f.speaker == "author" for f in out if "brutal" in f.text), out


def test_framing_doubled_apostrophe_quotes_and_running_quotes_are_quotations(nlp):
    text = "The envoy called it ''a shameful betrayal of the region'' on Monday."
    (q,) = F.quotes(nlp(text))
    assert text[q[0]:q[1]] == "''a shameful betrayal of the region''"
    text = ("\"The reform is a disgraceful sham that will ruin the farmers of the north,\n\n"
            "\"and nobody in the capital cares,\" the union leader said.")
    qs = F.quotes(nlp(text))
    assert qs and qs[0][0] == 0 and qs[0][1] >= text.index("\n\n")
    assert all(f.speaker != "author" for f in spans_of(nlp, text)), spans_of(nlp, text)


# --------------------------------------------------------------------------- portrayal needs evaluation
def test_framing_a_plain_report_of_an_attack_or_hunt_claims_no_victim_or_villain(pipeline):
    from geobrief.model import Article
    text = ("Soldiers raided a compound in the northern hills on Tuesday, officials said. "
            "The army attacked the hideout of the rebel commander, who fled, the officials said.")
    b = pipeline.run(Article(id="t-plain", text=text))
    assert not b.portrayals, [(b.actor(p.actor).name, p.role) for p in b.portrayals]


def test_framing_portray_possessed_murder_makes_a_victim_and_possessed_evaluation_a_villain(nlp):
    text = "The reporter's murder shocked the capital."
    (r,) = F.portray(nlp(text), [(0, len("The reporter"))])
    assert r["role"] == "innocent" and r["n_strong"] > 0.5, r
    text = "The envoy's hypocritical rhetoric fooled nobody."
    (r,) = F.portray(nlp(text), [(0, len("The envoy"))])
    assert r["role"] == "antagonist", r


def test_framing_news_report_keeps_only_evaluative_words_in_the_writers_voice(nlp):
    wire = ("Parliament passes budget after long debate\n\n"
            "Lawmakers on Tuesday approved the budget by a narrow margin, officials said. The radical party "
            "voted against it, its leader told reporters, and thousands of farmers protested outside, police said. "
            "Gross domestic product grew by 2 percent last year, the statistics office said on Monday.")
    doc = nlp(wire)
    assert F.genre_of(doc) == "reporting"
    assert [f for f in F.technique_spans(doc) if f.speaker == "author"] == []


def test_framing_genre_reads_loaded_words_of_a_title_given_apart(nlp):
    from geobrief.model import Article
    body = ("The ministry said on Monday that the plan was ready. Critics said it came too late. "
            "Why did it take so long? The shameful delay cost the farmers a season, and the spin continues.")
    doc = nlp(body)
    plain = F.genre_features(doc, Article(id="a", text=body, title="Ministry unveils farm plan"))
    loaded = F.genre_features(doc, Article(id="b", text=body, title="The Ministry's Shameful, Disgraceful Delay"))
    assert plain["title_loaded"] == 0 and loaded["title_loaded"] >= 2


def test_framing_span_whose_trigger_is_quoted_belongs_to_the_speaker(nlp):
    text = ('"This is the worst betrayal of all time." The senator then left the chamber without a vote. '
            'Aides described the mood as ominous.')
    out = spans_of(nlp, text)
    assert out and all(f.speaker != "author" for f in out), [(f.text, f.speaker) for f in out]


def test_framing_curly_quote_left_open_runs_to_its_paragraph_end(nlp):
    text = ("The minister spoke for an hour, aides said.\n\n"
            "\u201cWe will never give in to these cowardly thugs, and I promise you that.\n\n"
            "The session ended at noon.")
    qs = F.quotes(nlp(text))
    a = text.index("\u201c")
    assert qs and qs[0][0] == a and qs[0][1] == text.index("\n\nThe session")
    assert not any(f.speaker == "author" for f in spans_of(nlp, text) if "thugs" in f.text)


def test_framing_hyphenated_cues_match_the_split_tokens(nlp):
    # spaCy splits "half-baked" into half / - / baked: a cue kept whole never matched
    assert ("half-baked", F.LL) in {(nlp_tok, tech) for nlp_tok, tech in
                                   ((" ".join(t.text for t in d[s:e]).replace(" - ", "-"), tech)
                                    for d in [nlp("They pushed a half-baked plan.")]
                                    for s, e, tech, _, _ in F.cue_hits(d))}


def test_framing_the_funder_in_funded_by_is_not_cast_as_a_puppet(nlp):
    text = "The training programme was funded by the European Union and ran for two years."
    s = text.index("the European Union")
    (r,) = F.portray(nlp(text), [(s, s + len("the European Union"))])
    assert r["role"] != "antagonist" and "Puppet" not in r["fine_roles"], r
