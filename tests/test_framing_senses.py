"""Framing stage: the sense a cue is used in (a verb cue's noun, a degree word in a quantity idiom, a
capitalised word of a name, the object of "anti-"/"pro-"), web-page furniture, and whose words the
content of a subject-less speech or thought verb is."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.stages import framing as F


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(F.COMPONENTS)


def spans(nlp, text):
    return F.technique_spans(nlp(text))


def triggers(nlp, text):
    return {f.trigger.text.lower() for f in spans(nlp, text)}


def test_verb_cue_in_its_noun_sense_names_a_thing(nlp):
    got = triggers(nlp, "The council debated new gun laws while the plague spread through the port towns "
                        "and wage talks stalled.")
    assert not got & {"gun", "plague", "wage"}, got


def test_verb_cue_as_a_verb_still_counts(nlp):
    got = triggers(nlp, "I watched as they gunned down the villagers and plagued the survivors for years.")
    assert got & {"gunned", "plagued"}, got


def test_judging_noun_of_a_verb_cue_still_counts(nlp):
    got = triggers(nlp, "This whole inquiry is a smear and a cover-up, and I say so plainly.")
    assert "smear" in got, got


def test_great_in_a_quantity_idiom_is_not_praise(nlp):
    got = triggers(nlp, "The ministry spent a great deal of money, and a great many farmers applied for the grant.")
    assert "great" not in got, got


def test_cue_word_inside_a_name_is_part_of_the_name(nlp):
    got = triggers(nlp, "Her grandfather, who fought in World War II, later joined the Freedom Party of Ruritania.")
    assert not got & {"war", "freedom"}, got


def test_word_after_anti_names_what_the_attitude_opposes(nlp):
    out = [f for f in spans(nlp, "The poll measured the candidate's anti-establishment appeal among young voters.")
           if f.trigger.text.lower() == "establishment"]
    assert not out, out


def test_web_poll_widget_is_not_the_writers_text(nlp):
    text = ("The mayor opened the new bridge on Friday.\ntake our poll - story continues below\n"
            "Who is the most corrupt crook in the city council?\nWho is the most corrupt crook in the city council?\n"
            "Email *\nThis field is for validation purposes and should be left unchanged.\n"
            "The bridge cost 40 million euros.")
    doc = nlp(text)
    assert F.furniture_spans(doc)
    assert not [f for f in F.technique_spans(doc) if "corrupt" in f.text or "crook" in f.text]


def test_a_line_repeating_the_line_before_is_furniture(nlp):
    doc = nlp("Read more here\nRead more here\nThe vote is on Sunday.")
    (span,) = F.furniture_spans(doc)
    assert doc.text[span[0]:span[1]] == "Read more here" and span[0] > 0


def test_participle_speech_verb_gives_its_content_to_the_main_verbs_subject(nlp):
    out = spans(nlp, "The senator spoke out on Tuesday about the shooting, arguing that the brutal wave "
                     "of violence had to end.")
    assert out and all(f.speaker != "author" for f in out), out


def test_thought_verb_hanging_on_a_coordinated_verb_gives_its_content_to_that_subject(nlp):
    out = spans(nlp, "Mills largely agreed with the mayor and seemed to think the outreach was somewhat phony.")
    assert out and all(f.speaker != "author" for f in out), out


def test_record_counts_as_a_measure_not_as_documents(nlp):
    assert "records" not in triggers(nlp, "I find it astonishing that the minister has still refused to release "
                                          "his medical records, and his track record is shameful.")


def test_adjective_on_a_noun_of_speech_in_a_report_tells_how_someone_spoke(nlp):
    text = ("Port strike enters second week\n\n"
            "Dock workers in Varna stayed off the job on Monday, union officials said. The harbour master issued "
            "dire warnings about food shortages, and some ministers spoke of the dispute in grim terms, according "
            "to the ministry. Talks resume on Thursday, the union said.\n\n"
            "The union represents about 3,000 workers at the port, which handles a third of the country's grain "
            "exports. Its members voted last month to reject a pay offer of 4 percent. The port operator said on "
            "Sunday that it had moved 12 ships to other harbours. Shipping agents told reporters that freight "
            "rates had risen since the strike began. A court in the capital is due to rule on the strike's "
            "legality next week, lawyers for both sides said.")
    doc = nlp(text)
    assert F.genre_of(doc) == "reporting"
    assert not [f for f in F.technique_spans(doc) if f.speaker == "author" and f.trigger.text in ("dire", "grim")]


def test_verdict_verb_with_as_gives_the_verdict_to_its_subject(nlp):
    out = spans(nlp, "The auditors criticized as wildly wasteful what the ministry called its flagship scheme.")
    assert not [f for f in out if f.speaker == "author" and f.trigger.text == "wildly"], out


def test_span_does_not_run_a_heading_into_the_paragraph_before(nlp):
    text = "The host spoke to the panel.\n\nSHAMEFUL MEDICAL CLAIMS\n\nThe host was questioned for an hour."
    for f in spans(nlp, text):
        assert "\n" not in f.text, f


def test_plain_figures_over_several_sentences_read_as_a_report(nlp):
    text = ("Donors pour money into state races\n\n"
            "About one in five dollars raised this year went to races in three states. Donations reached "
            "$40 million by the end of June. Groups backing the governor raised 12 percent more than in 2022.")
    g, conf, signs = F.genre_reading(nlp(text))
    assert g == "reporting" and any("figures" in s for s in signs), (g, signs)


def test_capitalised_stock_phrase_is_the_writers_emphasis_not_a_name(nlp):
    got = triggers(nlp, "Look who has boarded the Brussels Gravy Train this spring: the usual consultants.")
    assert "gravy train" in got, got
