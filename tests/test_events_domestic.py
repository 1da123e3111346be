"""Domestic acts and the parties their phrases name (our own sentences): the actor's own state as
the addressee of a protest, a pledge of reform or a curfew; groups located by the text."""
import pytest

from geobrief.errors import GeobriefError
from geobrief.knowledge import events as kb
from geobrief.model import Article
from geobrief.stages.events import argument_codes


def _events(pipeline, text):
    b = pipeline.run(Article(id="d", text=text, published="2024-05-02"))
    return b, [e for e in b.events if e.mode in ("asserted", "attributed", "future", "historical")]


def _dyads(b, ev):
    src = [a["code"][:3] for a in argument_codes(b, ev, "actor") if a["actor"]] or ["---"]
    tgt = [a["code"][:3] for a in argument_codes(b, ev, "recipient") if a["actor"]] or ["---"]
    return ev.cameo[:2], src, tgt


def test_domestic_codes_are_data_with_prefixes():
    assert kb.domestic_code("1423") and kb.domestic_code("0814") and kb.domestic_code("1724")
    assert not kb.domestic_code("190") and not kb.domestic_code("0356") and not kb.domestic_code(None)


def test_a_malformed_domestic_code_row_is_a_coded_error(tmp_path, monkeypatch):
    (tmp_path / "domestic_codes.tsv").write_text("# source: t\n# licence: t\n14x\tact\tbad\n", encoding="utf-8")
    monkeypatch.setattr(kb, "DIR", tmp_path)
    kb.domestic_codes.cache_clear()
    try:
        with pytest.raises(GeobriefError) as exc:
            kb.domestic_codes()
        assert exc.value.code == "G201" and "domestic_codes.tsv:3" in str(exc.value)
    finally:
        monkeypatch.undo()
        kb.domestic_codes.cache_clear()


@pytest.mark.parametrize("text,root,country", [
    ("A detained Moroccan blogger began a hunger strike on Tuesday.", "14", "MAR"),
    ("Portuguese nurses protested against the government's plans to cut their overtime pay.", "14", "PRT"),
])
def test_a_protest_that_names_no_addressee_is_aimed_at_the_own_state(pipeline, text, root, country):
    b, evs = _events(pipeline, text)
    assert [_dyads(b, e) for e in evs if e.root_code == root] == [(root, [country], [country])]


@pytest.mark.parametrize("text", [
    "Moroccan students protested outside the French embassy in Rabat against Paris.",
    "Protesters marched through the streets on Sunday.",  # no country stated: no guess
])
def test_no_own_state_where_the_sentence_names_another_or_none(pipeline, text):
    b, evs = _events(pipeline, text)
    for e in evs:
        _, src, tgt = _dyads(b, e)
        assert not (src == tgt and src != ["---"])


@pytest.mark.parametrize("text,code", [
    ("Demonstrators in Uruguay occupied the main square of the capital.", "URYOPP"),
    ("Rebels in Sudan attacked an army post near the border on Friday.", "SDNREB"),
])
def test_a_group_located_in_a_country_is_of_that_country(pipeline, text, code):
    b = pipeline.run(Article(id="g", text=text, published="2024-05-02"))
    assert code in {a.code for a in b.actors}


@pytest.mark.parametrize("text", [
    "Tourists in Egypt visited the pyramids on Monday.",  # civilians abroad: nationality unstated
    "Refugees in Jordan appealed for more food aid.",
])
def test_civilians_located_in_a_country_keep_no_nationality(pipeline, text):
    b = pipeline.run(Article(id="g", text=text, published="2024-05-02"))
    assert not [a for a in b.actors if a.sector in ("CVL", "REF") and a.country]


def test_a_domestic_act_whose_object_names_no_party_is_aimed_at_the_own_state(pipeline):
    b, evs = _events(pipeline, "Rioters in Peru set fire to buses on Monday.")
    assert [_dyads(b, e) for e in evs if e.root_code == "14"] == [("14", ["PER"], ["PER"])]


def test_where_a_protest_happened_is_no_addressee(pipeline):
    b, evs = _events(pipeline, "Opponents of Kenya's parliament protested yesterday in the city's centre.")
    assert all(_dyads(b, e)[2] == ["---"] for e in evs if e.root_code == "14")


def test_a_date_is_no_recipient_but_a_name_before_it_is(pipeline):
    b, evs = _events(pipeline, "Greek troops launched an assault on rebel positions in Albania on Monday.")
    assert ("19", ["GRC"], ["ALB"]) in [_dyads(b, e) for e in evs]
    assert not any(r.lower().startswith(("monday", "on monday")) for e in evs for r in
                   [sp.text for sp in e.recipient_spans])
    b, evs = _events(pipeline, "Chile's foreign minister met with Peruvian President Ana Rojas Tuesday.")
    assert [_dyads(b, e)[2] for e in evs if e.root_code == "04"] == [["PER"]]


@pytest.mark.parametrize("text,root,target", [
    ("Chile rejected the fishing accord proposed by Argentina.", "12", "ARG"),
    ("The European Union condemned the rocket launch carried out by Iran.", "11", "IRN"),
])
def test_a_thing_with_a_named_maker_has_its_maker_as_recipient(pipeline, text, root, target):
    b, evs = _events(pipeline, text)
    assert [_dyads(b, e)[2] for e in evs if e.root_code == root] == [[target]]



@pytest.mark.parametrize("text,code,target", [
    ("Kenya's interior ministry declined to comment on the arrests.", "011", "---"),
    ("A spokeswoman for the Dutch embassy refused to comment on Monday.", "011", "---"),
    ("Nepal's prime minister spoke to reporters in Kathmandu about the budget.", "010", "---"),
    ("Vietnam is weighing a cut in its rice exports to China, a trade official said.", "014", "CHN"),
])
def test_unaddressed_statements_are_coded_without_an_addressee(pipeline, text, code, target):
    b, evs = _events(pipeline, text)
    got = [(e.cameo, _dyads(b, e)[2]) for e in evs if e.root_code == "01"]
    assert got == [(code, [target])]
    assert all(_dyads(b, e)[1] != ["---"] for e in evs if e.root_code == "01")


def test_a_plain_statement_or_a_refusal_of_something_else_is_no_statement_event(pipeline):
    b, evs = _events(pipeline, "Kenya's interior minister said the border would reopen. "
                               "Kenya refused to sign the accord with Somalia.")
    assert not [e for e in evs if e.cameo in ("010", "011")]


def test_domestic_scopes_are_read_from_the_table():
    assert kb.domestic_code("173", "group") and not kb.domestic_code("173")
    assert kb.domestic_code("1423", "group") and not kb.domestic_code("174", "group")


@pytest.mark.parametrize("text,code", [
    ("Bolivian police arrested opposition activists.", "BOL"),
    ("Laos jailed a dissident journalist for three years.", "LAO"),
])
def test_an_arrested_domestic_group_is_of_the_arresting_state(pipeline, text, code):
    b, evs = _events(pipeline, text)
    assert [_dyads(b, e)[2] for e in evs if e.root_code == "17"] == [[code]]


def test_expelled_people_keep_no_nationality(pipeline):
    b, evs = _events(pipeline, "Laos expelled two journalists on Monday.")
    assert all(_dyads(b, e)[2] == ["---"] for e in evs if e.root_code == "17")


def test_an_attack_by_unnamed_men_on_a_target_in_a_named_place_is_counted(pipeline):
    b, evs = _events(pipeline, "Unidentified gunmen shot dead a judge in Quetta.")
    assert [(_dyads(b, e)[1], _dyads(b, e)[2]) for e in evs if e.quad_class == 4] == [(["---"], ["PAK"])]


@pytest.mark.parametrize("text,code", [
    ("Nurses in Ghana boycotted the wards for a week.", "143"),
    ("Dutch farmers blockaded the distribution centres with tractors.", "144"),
])
def test_a_boycott_or_blockade_by_a_non_state_group_is_a_protest(pipeline, text, code):
    b, evs = _events(pipeline, text)
    assert [e.cameo[:3] for e in evs if e.quad_class == 4] == [code]


def test_a_state_boycott_stays_a_sanction(pipeline):
    b, evs = _events(pipeline, "Iran boycotted the summit in Riyadh.")
    assert [e.root_code for e in evs] == ["16"]


def test_rioters_clashing_with_police_protest_and_their_demand_is_its_aim(pipeline):
    b, evs = _events(pipeline, "Rioters in Gabon clashed with police, demanding the president's resignation.")
    assert [(e.cameo, _dyads(b, e)[1], _dyads(b, e)[2]) for e in evs] == [("1451", ["GAB"], ["GAB"])]


@pytest.mark.parametrize("text,code,target", [
    ("The Bolivian government outlawed two opposition parties.", "1722", "BOL"),
    ("Nicaragua's government shut down an opposition radio station.", "1721", "NIC"),
    ("A court in Tunisia sentenced an opposition leader to five years in prison.", "173", "TUN"),
    ("Mongolia's prime minister stepped down on Thursday.", "0831", "MNG"),
    ("Laos warned Thailand against building the dam.", "130", "THA"),
])
def test_restrictions_sentences_resignations_and_warnings_have_their_codes(pipeline, text, code, target):
    b, evs = _events(pipeline, text)
    assert [(e.cameo, _dyads(b, e)[2]) for e in evs] == [(code, [target])]


def test_joint_exercises_and_exchanges_of_fire_are_joint_acts(pipeline):
    b, evs = _events(pipeline, "Chile and Peru held joint naval exercises. Armenia and Azerbaijan exchanged fire.")
    assert [(e.cameo, sorted(_dyads(b, e)[1])) for e in evs] == [("062", ["CHL", "PER"]), ("190", ["ARM", "AZE"])]


def test_a_resignation_with_no_known_participant_is_not_counted(pipeline):
    b, evs = _events(pipeline, "The company's chief executive resigned on Monday.")
    assert not [e for e in evs if e.confidence >= 0.5]


@pytest.mark.parametrize("text,target", [
    ("Belarus massed troops along the Polish border.", "POL"),
    ("Georgia said it would pull its forces back from the border with Russia.", "RUS"),
])
def test_the_other_side_of_a_border_is_the_recipient_of_a_deployment_or_pullback(pipeline, text, target):
    b, evs = _events(pipeline, text)
    assert [_dyads(b, e)[2] for e in evs] == [[target]]


def test_an_own_border_names_no_other_side(pipeline):
    b, evs = _events(pipeline, "India withdrew troops from its border areas.")
    assert all(_dyads(b, e)[2] == ["---"] for e in evs)


def test_restored_relations_and_suspended_cooperation(pipeline):
    b, evs = _events(pipeline, "Egypt and Qatar restored diplomatic relations. Mali suspended cooperation with France.")
    assert [(e.cameo, sorted(_dyads(b, e)[1]), _dyads(b, e)[2]) for e in evs] == [
        ("054", ["EGY", "QAT"], ["---"]), ("160", ["MLI"], ["FRA"])]


def test_a_possessor_owns_the_thing_a_recipient_phrase_names(pipeline):
    b, evs = _events(pipeline, "Kenya praised Ethiopia's efforts in the talks.")
    assert [_dyads(b, e)[2] for e in evs] == [["ETH"]]


def test_an_eased_curfew_is_a_domestic_concession(pipeline):
    b, evs = _events(pipeline, "The Armenian government eased the curfew in Yerevan.")
    assert [(e.cameo, _dyads(b, e)[2]) for e in evs] == [("0813", ["ARM"])]


@pytest.mark.parametrize("text,code,target", [
    ("Peru's foreign ministry expressed regret over the deaths of Chilean miners.", "018", "CHL"),
    ("Oman's foreign minister expressed pessimism about Iran's proposal.", "012", "IRN"),
])
def test_expressed_regret_and_pessimism_take_what_they_are_about(pipeline, text, code, target):
    b, evs = _events(pipeline, text)
    assert [(e.cameo, _dyads(b, e)[2]) for e in evs if e.root_code == "01"] == [(code, [target])]
