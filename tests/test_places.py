"""Places stage: recognition, resolution by context, aliases, demonyms, the map, the gazetteer files."""
import pytest

from geobrief.model import Article, Brief, Sentence


@pytest.fixture(scope="module")
def run():
    from geobrief.nlp import load
    from geobrief.pipeline import REGISTRY, load_builtin_stages

    load_builtin_stages()
    st = REGISTRY["places"]
    nlp = load(st.components)

    def _run(text):
        doc = nlp(text)
        b = Brief(article=Article(id="t", text=text), doc=doc)
        b.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        return st.fn(b)
    return _run


def _by_surface(brief):
    return {m.text: p for p in brief.places for m in p.mentions}


def test_places_offsets_ids_and_one_place_per_location(run):
    text = "Troops moved from Kabul to Kandahar on Monday. Later they returned to Kabul."
    b = run(text)
    ids = [p.id for p in b.places]
    assert ids == [f"P{i}" for i in range(1, len(ids) + 1)]
    kabul = [p for p in b.places if any(m.text == "Kabul" for m in p.mentions)]
    assert len(kabul) == 1 and len(kabul[0].mentions) == 2
    for p in b.places:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
    assert kabul[0].country == "AFG"
    assert abs(kabul[0].lat - 34.5) < 0.5 and abs(kabul[0].lon - 69.2) < 0.5


def test_places_context_picks_us_state_or_country(run):
    us = _by_surface(run("Schools in Atlanta and Savannah are closing, officials in Georgia said on Friday."))
    assert us["Georgia"].country == "USA" and us["Georgia"].feature == "ADM1"
    ge = _by_surface(run("Russian tanks rolled toward Tbilisi as Georgia appealed for help to Moscow and Kyiv."))
    assert ge["Georgia"].country == "GEO" and ge["Georgia"].feature == "PCLI"


def test_places_town_state_pattern(run):
    p = _by_surface(run("The finalists were Alexandria, La., and Sioux Falls, S.D."))
    assert p["Alexandria"].country == "USA"
    assert abs(p["Alexandria"].lat - 31.3) < 0.3


def test_places_aliases_and_transliterations(run):
    p = _by_surface(run("Fighting near Kiev and in Mazar-e Sharif continued, while trucks queued at Torkham."))
    assert "Kiev" in p and p["Kiev"].country == "UKR"
    assert "Mazar-e Sharif" in p and p["Mazar-e Sharif"].country == "AFG"
    assert "Torkham" in p and abs(p["Torkham"].lon - 71.1) < 0.3


def test_places_demonyms_are_marked_not_literal(run):
    b = run("Georgian troops withdrew after Russian forces advanced.")
    hows = {m.text: m.how for p in b.places for m in p.mentions}
    assert hows.get("Russian") == "demonym"
    assert all(h == "demonym" for h in hows.values())


def test_places_person_names_are_not_places(run):
    b = run("Senator John Baker met Mr. Clinton in Boston. Baker said the talks went well.")
    surfaces = {m.text for p in b.places for m in p.mentions}
    assert "Boston" in surfaces
    assert "Baker" not in surfaces and "Clinton" not in surfaces


def test_places_toponym_inside_organisation_name(run):
    b = run("The Texas Department of Transportation closed the road near Austin, Texas.")
    texts = [m.text for p in b.places for m in p.mentions]
    assert texts.count("Texas") == 2


def test_place_for_span_prefers_specific_place(run):
    from geobrief.stages.places import place_for_span

    text = "In Afghanistan, a convoy was attacked near Kandahar."
    b = run(text)
    p = place_for_span(b, 0, len(text))
    assert p is not None and "Kandahar" in [m.text for m in p.mentions]


def test_svg_map_is_self_contained_and_zoomed(run):
    from geobrief.render.map import svg_map

    b = run("Officials in Kabul and Islamabad met at Torkham.")
    svg = svg_map(b.places)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<circle" in svg and "<path" in svg
    assert svg_map([]).startswith("<svg")


def test_svg_map_accepts_dicts_and_escapes():
    from geobrief.render.map import svg_map

    svg = svg_map([{"id": "P1", "name": "A<B", "lat": 10.0, "lon": 20.0, "mentions": []}], outlines={})
    assert "A&lt;B" in svg and "<circle" in svg


def test_gazetteer_files_have_source_and_licence_lines():
    from geobrief.knowledge import places as kp

    for path in (kp.ALIASES, kp.COUNTRIES):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert any(l.startswith("# source:") for l in head)
        assert any(l.startswith("# licence:") for l in head)


def test_malformed_alias_row_is_a_coded_error(tmp_path):
    from geobrief.errors import GeobriefError
    from geobrief.knowledge import places as kp

    bad = tmp_path / "aliases.tsv"
    bad.write_text("# source: test\n# licence: test\nSomewhere\t\tnorth\t10\tXX\tPPL\t1\t\t\n", encoding="utf-8")
    with pytest.raises(GeobriefError) as exc:
        kp.load_aliases(bad)
    assert "G201" in str(exc.value.code if hasattr(exc.value, "code") else exc.value)


def test_fold_removes_accents_and_case():
    from geobrief.knowledge.places import fold

    assert fold("Mazār-e Sharīf") == fold("mazar e sharif")
    assert fold("Kandahār") == "kandahar"


def test_places_curated_spelling_of_a_geonames_place_is_one_place():
    from geobrief.pipeline import analyze_text
    b = analyze_text("Gunmen attacked a checkpoint in Nangarhar province on Tuesday. Officials in Nangarhar "
                     "said the road to Jalalabad was closed.", published="2026-11-18")
    nang = [p for p in b.places if any("Nangarhar" in m.text for m in p.mentions)]
    assert len(nang) == 1 and nang[0].geonameid is not None and nang[0].country == "AFG"


def test_places_bare_gulf_is_the_gulf_region_not_a_us_county():
    from geobrief.pipeline import analyze_text
    b = analyze_text("A Gulf diplomat said Qatar would keep hosting the talks in Doha.", published="2026-11-13")
    assert not any(p.country == "USA" for p in b.places)


def test_news_priors_major_cities_before_namesakes(run):
    # an India story's "Dubai" is the Gulf city, not an Indian village of that name
    # (a national-level story: countries and demonyms, no Indian town)
    b = _by_surface(run("India and Russia signed deals, and the minister spoke at the Dubai Airshow. "
                        "Indian firms will build the parts."))
    assert b["Dubai"].country == "ARE"
    # a US story's "Paris" is still the French capital; "New York" talks are in the city
    b = _by_surface(run("Officials in Washington said the talks in New York would resume. "
                        "The envoy flew from Washington to Paris."))
    assert b["Paris"].country == "FRA"
    assert b["New York"].feature != "ADM1" and abs(b["New York"].lat - 40.7) < 0.3
    assert b["Washington"].feature == "PPLC"


def test_shared_demonym_is_the_sovereign_states(run):
    b = _by_surface(run("French officials met Georgian troops in Tbilisi."))
    assert b["French"].country == "FRA" and b["Georgian"].country == "GEO"


def test_mention_read_as_an_actor_is_not_a_place():
    from geobrief.pipeline import Pipeline
    text = "South Korea held naval drills on Monday. North Korea warned the South against further provocations."
    brief = Pipeline().run(Article(id="t", text=text))
    assert not any(m.text == "South" for p in brief.places for m in p.mentions)
    sk = next(a for a in brief.actors if a.country == "KOR")
    assert any(m.text == "the South" for m in sk.mentions)


def test_demonym_words_that_name_no_people(run):
    b = _by_surface(run("\"We cooperated,\" French said. She spoke only French and Farsi when she moved to "
                        "Ohio, where an Asian-themed hotel opened near the Georgian Interior Ministry office."))
    assert "French" not in b and "Asian" not in b
    assert b["Georgian"].country == "GEO"


def test_storm_names_and_generic_words_are_not_places(run):
    text = ("Before Hurricanes Irma and Maria reached the islands, the West had promised help. "
            "Typhoon Lola then hit the coast of Luzon.")
    surfaces = _by_surface(run(text))
    assert not {"Irma", "Maria", "Lola", "West", "islands"} & set(surfaces)
    assert surfaces["Luzon"].country == "PHL"


def test_us_virgin_islands_is_a_territory_not_a_bare_islands_place(run):
    surfaces = _by_surface(run("Many residents of the U.S. Virgin Islands left for Puerto Rico."))
    assert surfaces["U.S. Virgin Islands"].country == "VIR"
    assert "Islands" not in surfaces


def test_a_country_name_read_as_a_us_state_leaves_no_country_actor_behind():
    """One truth: the places stage's reading of "Georgia" as the US state corrects the actors."""
    from geobrief.pipeline import analyze_text
    b = analyze_text("School districts in Northeast Georgia are changing their rules. The Georgia School "
                     "Boards Association said the Clarke County board will vote. Georgia has 180 districts.")
    assert {p.name: p.country for p in b.places}["Georgia"] == "USA"
    assert not any(a.country == "GEO" for a in b.actors)
    assoc = next(a for a in b.actors if a.name == "Georgia School Boards Association")
    assert assoc.country == "USA" and [a.id for a in b.actors] == [f"A{i}" for i in range(1, len(b.actors) + 1)]


def test_the_country_georgia_stays_an_actor_in_a_caucasus_story():
    from geobrief.pipeline import analyze_text
    b = analyze_text("Russian troops entered Georgia in 2008. Georgia asked the European Union for help, "
                     "and Tbilisi protested.")
    assert any(a.country == "GEO" and a.kind == "state" for a in b.actors)


def test_streets_and_roads_of_a_local_story_sit_at_its_town(run):
    text = ("A fire broke out on Darby Street in Dublin, Ohio, on Monday. Crews closed Highway 19 near Dublin. "
            "Shares fell on Wall Street, and Marvin F. Lane, a neighbour, called for help.")
    b = run(text)
    surfaces = _by_surface(b)
    town = surfaces["Dublin"]
    for name, feature in (("Darby Street", "STRT"), ("Highway 19", "RD")):
        p = surfaces[name]
        assert (p.lat, p.lon, p.country, p.feature) == (town.lat, town.lon, "USA", feature)
        assert p.geonameid is None and p.confidence < 0.5
    assert not {"Wall Street", "F. Lane", "Marvin F. Lane"} & set(surfaces)
    assert [p.id for p in b.places] == [f"P{i}" for i in range(1, len(b.places) + 1)]


def test_no_street_without_a_town_to_place_it(run):
    assert not run("Protesters marched down Liberty Avenue on Sunday.").places


def test_towns_and_counties_named_together_resolve_near_each_other(run):
    # a county seat and its county: the pair in one state, not the largest namesake of each
    b = _by_surface(run("Crews from Greenville and Pitt County cleared fallen trees on Tuesday."))
    assert b["Greenville"].country == "USA" and b["Pitt County"].country == "USA"
    assert abs(b["Greenville"].lat - 35.6) < 0.3 and abs(b["Greenville"].lon - -77.4) < 0.3
    b = _by_surface(run("Schools in Franklin and Williamson County will open late after the ice storm."))
    assert abs(b["Franklin"].lat - 35.9) < 0.3 and abs(b["Franklin"].lon - -86.9) < 0.3
    # a national capital keeps its prior: the hint never pulls it to a namesake town
    b = _by_surface(run("Flights from Paris and Lyon to Marseille were cancelled on Monday."))
    assert b["Paris"].country == "FRA"


def test_neighbour_hint_ignores_hamlets_and_other_divisions():
    from geobrief.knowledge import places as kp
    from geobrief.stages.places import _Cand, _neighbour_bonus

    def cand(key, entries, weak=False):
        c = _Cand(key, key)
        c.entries, c.weak, c.demonym_only = entries, weak, False
        return c

    def e(name, a1, lat, lon, pop, kind=kp.CITY):
        return kp.Entry(None, name, lat, lon, "US", "PPL", pop, a1, kind)

    town = cand("oakton", [e("Oakton", "US.AA", 10.0, 10.0, 50_000), e("Oakton", "US.BB", 30.0, 30.0, 40_000)])
    county = cand("elm county", [e("Elm County", "US.BB", 30.1, 30.1, 90_000, kp.ADM2)])
    hamlet = cand("birch", [e("Birch", "US.AA", 10.05, 10.05, 300)])
    near = _neighbour_bonus([town, county, hamlet])
    assert near.get(("oakton", 1), 0) > 0          # the county 15 km away, same division
    assert ("oakton", 0) not in near               # a hamlet of 300 is no hint
    weak_county = cand("elm county", [e("Elm County", "US.BB", 30.1, 30.1, 90_000, kp.ADM2)], weak=True)
    assert _neighbour_bonus([town, weak_county])[("oakton", 1)] == near[("oakton", 1)] / 2


def test_a_country_whose_people_the_text_names_is_not_a_namesake_town(run):
    # many US states in a national op-ed must not pull "Russia" to a village of that name in Ohio
    b = _by_surface(run("The share of Polish Americans in Wisconsin and Michigan is high; in Pennsylvania "
                        "and Ohio it is lower. The candidate praised Russia at a rally in Cleveland. "
                        "Russian officials welcomed it."))
    assert b["Russia"].country == "RUS"


def test_gazetteer_entry_table_stores_entries_by_column():
    import pickle

    from geobrief.knowledge import places as kp

    t = kp.EntryTable([(None, "Lakeview", 1.5, -2.25, "ZZ", "PPL", 700, "ZZ.01", kp.CITY, 0.0)])
    t.append(kp.Entry(42, "Upper Ridge", 10.0, 20.0, "ZZ", "ADM1", 0, "ZZ.02", kp.ADM1, 0.3))
    assert len(t) == 2 and t[0].geonameid is None and t[0].name == "Lakeview" and t[0].lon == -2.25
    assert t[1] == kp.Entry(42, "Upper Ridge", 10.0, 20.0, "ZZ", "ADM1", 0, "ZZ.02", kp.ADM1, 0.3)
    t[0] = t[0]._replace(feature="PPLC", population=900)
    assert t[0].feature == "PPLC" and t[0].population == 900 and t[-1].name == "Upper Ridge"
    assert [e.name for e in t] == ["Lakeview", "Upper Ridge"]
    back = pickle.loads(pickle.dumps(t))
    assert list(back) == list(t)


def test_gazetteer_lookup_returns_entries_from_the_table():
    from geobrief.knowledge import places as kp

    gaz = kp.gazetteer()
    assert isinstance(gaz.entries, kp.EntryTable) and all(isinstance(v, tuple) for v in list(gaz.index.values())[:50])
    hits = gaz.lookup("Paris")
    assert any(e.cc == "FR" and e.kind == kp.CITY for e in hits)
    assert gaz.countries["FR"].kind == kp.COUNTRY


def test_a_name_that_owns_a_sovereign_organ_is_the_country_not_a_province(run):
    # Niger is also a state of Nigeria; its junta makes it the country, even beside Nigeria
    b = _by_surface(run("Niger's junta rejected a plan by Nigeria to restore the ousted president."))
    assert b["Niger"].country == "NER"
    # a US state keeps its governor
    b = _by_surface(run("Schools in Atlanta and Savannah are closing, officials in Georgia said, "
                        "and Georgia's governor agreed."))
    assert b["Georgia"].country == "USA" and b["Georgia"].feature == "ADM1"


def test_a_region_adjective_before_a_plural_of_states_is_not_a_town(run):
    from geobrief.knowledge import places as kp
    from geobrief.nlp import load
    from geobrief.stages.places import _region_adjective

    gaz = kp.gazetteer()
    nlp = load(("ner", "tagger", "attribute_ruler", "parser"))
    text = "Russian jets probed the borders of the Baltic countries, and the Balkan states protested."
    doc = nlp(text)
    s = text.index("Baltic")
    assert _region_adjective(doc, s, s + 6, gaz.lookup("Baltic"))
    assert kp.CITY in {e.kind for e in gaz.lookup("Baltic")}  # the village the rule keeps out
    # a town named as a town stays one
    assert "Dayton" in _by_surface(run("Voters in Dayton and Columbus, Ohio, turned out."))


def test_a_name_listed_with_countries_is_a_country_amid_us_states(run):
    b = _by_surface(run("Putin has used his invasions of Georgia and Ukraine as a threat. "
                        "Voters in Ohio, Michigan, Wisconsin and Pennsylvania are worried."))
    assert b["Georgia"].country == "GEO"


def test_a_named_persons_surname_is_not_a_place_unless_written_as_a_town():
    from geobrief.knowledge import places as kp
    from geobrief.model import Actor
    from geobrief.nlp import load
    from geobrief.stages.places import _collect

    nlp = load(("ner", "tagger", "attribute_ruler", "parser"))
    people = [Actor(id="A1", name="Juan Barros", kind="person")]
    text = "In Barros's case, the file was studied again."
    doc = nlp(text)
    assert "barros" not in _collect(doc, text, kp.gazetteer(), people)
    assert "barros" in _collect(doc, text, kp.gazetteer(), [])  # the namesake town the rule keeps out
    text = "The hearing was held in Barros, Spain, last week."
    assert "barros" in _collect(nlp(text), text, kp.gazetteer(), people)
