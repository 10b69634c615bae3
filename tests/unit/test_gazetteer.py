"""The offline gazetteer (GeoNames towns + knowledge files) and toponym resolution in context."""

from __future__ import annotations

import pytest

from crisislens.evaluate.geo import (
    CountryLocator,
    GoldArticle,
    GoldToponym,
    Prediction,
    distance_km,
    gold_qualifier,
    load_brat,
    load_corpus_xml,
    score_toponyms,
)
from crisislens.knowledge.gazetteer import ABBREVIATION, DEMONYM, PRIMARY, GeoEntry, Gazetteer
from crisislens.errors import KnowledgeError
from crisislens.knowledge.load import load_knowledge
from crisislens.mentions.place import holder_of, named_as_town, outlet_country, outlet_home
from crisislens.mentions.resolve import ToponymMention, home_entry, resolve_mentions


@pytest.fixture(scope="module")
def gazetteer(knowledge):
    return Gazetteer(knowledge)


def countries(gazetteer, *names, dateline=None):
    return [e.country if e else None for e in resolve_mentions(gazetteer, [ToponymMention(n) for n in names], dateline)]


def countries_of(gazetteer, mentions):
    return [e.country if e else None for e in resolve_mentions(gazetteer, mentions)]


def test_gazetteer_knows_geonames_towns_with_alternate_names(gazetteer):
    fallujah = [c.entry for c in gazetteer.candidates("Al Fallujah")]
    assert any(e.country == "IRQ" and e.geonameid for e in fallujah)
    assert any(c.entry.country == "IRQ" for c in gazetteer.candidates("Kerbala"))


def test_gazetteer_knowledge_town_merges_with_its_geonames_record(gazetteer):
    basra = gazetteer.candidates("Basra")
    assert len([c for c in basra if c.entry.country == "IRQ"]) == 1
    assert basra[0].entry.geonameid is not None and basra[0].entry.curated


def test_gazetteer_countries_demonyms_abbreviations_and_landmarks(gazetteer):
    assert gazetteer.candidates("Iraq")[0].entry.kind == "country"
    assert [(c.entry.country, c.match) for c in gazetteer.candidates("Iraqi")] == [("IRQ", DEMONYM)]
    assert any(c.entry.admin1 == "KY" and c.match == ABBREVIATION for c in gazetteer.candidates("Ky."))
    airport = gazetteer.candidates("Baghdad International Airport")
    assert airport[0].entry.precision == "landmark" and airport[0].match == PRIMARY


def test_gazetteer_capital_alias_that_is_another_town_is_not_the_capital(gazetteer):
    # "Cape Town" stands for South Africa's government in the actor tables, but it is not Pretoria.
    assert {c.entry.name for c in gazetteer.candidates("Cape Town")} == {"Cape Town"}


def test_gazetteer_index_is_cached_on_disk(tmp_path, monkeypatch, knowledge):
    from crisislens.knowledge import gazetteer as module

    monkeypatch.setenv("CRISISLENS_CACHE_DIR", str(tmp_path))
    module._geonames_table.cache_clear()
    try:
        Gazetteer(knowledge)
        assert list(tmp_path.glob("geonames-*.marshal"))
    finally:
        module._geonames_table.cache_clear()


def test_geonames_table_is_loaded_once_however_it_is_asked_for():
    from crisislens.knowledge.gazetteer import DEFAULT_MIN_POPULATION, geonames_table

    assert geonames_table() is geonames_table(DEFAULT_MIN_POPULATION) is geonames_table(min_population=DEFAULT_MIN_POPULATION)


def test_resolve_population_without_context(gazetteer):
    assert countries(gazetteer, "Paris") == ["FRA"]
    assert countries(gazetteer, "London") == ["GBR"]


def test_resolve_country_focus_of_the_article(gazetteer):
    # A Canadian story: London is London, Ontario.
    assert countries(gazetteer, "London", "Ontario", "Toronto", "Canada") == ["CAN", "CAN", "CAN", "CAN"]


def test_resolve_a_name_repeated_does_not_outvote_the_others(gazetteer):
    names = ["London"] * 10 + ["Ontario", "Canada"]
    assert countries(gazetteer, *names)[0] == "CAN"


def test_resolve_comma_qualifier(gazetteer):
    paris = resolve_mentions(gazetteer, [ToponymMention("Paris", qualifier="Texas")])[0]
    assert paris.country == "USA" and paris.admin1 == "TX"
    louisville = resolve_mentions(gazetteer, [ToponymMention("Louisville", qualifier="Ky.")])[0]
    assert louisville.admin1 == "KY"


def test_resolve_small_town_inside_the_state_the_story_is_about(gazetteer):
    # Edmonton, Kentucky has under 5,000 people: found among the small towns of the state named.
    edmonton = resolve_mentions(gazetteer, [ToponymMention("Edmonton"), ToponymMention("Kentucky"), ToponymMention("Metcalfe County")])[0]
    assert edmonton.country == "USA" and edmonton.admin1 == "KY"


def test_resolve_dateline_breaks_ties(gazetteer):
    assert countries(gazetteer, "Tripoli", "Lebanon", dateline="Beirut") == ["LBN", "LBN"]
    assert countries(gazetteer, "Tripoli") == ["LBY"]


def test_resolve_feature_word_prefers_the_province(gazetteer):
    entry = resolve_mentions(gazetteer, [ToponymMention("Queensland Province")])[0]
    assert entry.kind == "admin1" and entry.country == "AUS"


def test_resolve_curated_landmark_beats_an_alternate_name_elsewhere(gazetteer):
    assert resolve_mentions(gazetteer, [ToponymMention("White House")])[0].country == "USA"


def test_resolve_new_york_is_the_city_unless_said_otherwise(gazetteer):
    assert resolve_mentions(gazetteer, [ToponymMention("New York")])[0].kind == "city"
    assert resolve_mentions(gazetteer, [ToponymMention("New York", feature="gov")])[0].kind == "admin1"


def test_resolve_a_country_is_not_qualified_by_another(gazetteer):
    # "… his entanglements in Russia, U.S. officials said": not Russia, Ohio.
    assert countries_of(gazetteer, [ToponymMention("Russia", qualifier="U.S.")]) == ["RUS"]
    # The qualifier may run on into the next sentence ("Paris, Idaho. Mr. Carlsen …").
    [paris] = resolve_mentions(gazetteer, [ToponymMention("Paris", qualifier="Idaho. Mr. Carlsen")])
    assert (paris.country, paris.admin1) == ("USA", "ID")


def test_resolve_a_qualified_name_keeps_its_place_through_the_article(gazetteer):
    mentions = [ToponymMention("London", qualifier="Ky."), ToponymMention("London"), ToponymMention("Kentucky")]
    assert [(e.country, e.admin1) for e in resolve_mentions(gazetteer, mentions)][:2] == [("USA", "KY"), ("USA", "KY")]


def test_resolve_an_own_name_beats_another_towns_former_name(gazetteer):
    # Harare was once Salisbury; the English city still is, and a story that names Britain means it.
    assert countries(gazetteer, "Salisbury", "Moscow", "Britain") == ["GBR", "RUS", "GBR"]


def test_resolve_names_no_entry_bears(gazetteer):
    def place(text):
        return resolve_mentions(gazetteer, [ToponymMention(text), ToponymMention("Kentucky")])[0]

    county = place("Metcalfe County")
    assert (county.country, county.admin1, county.precision) == ("USA", "KY", "region")
    assert place("Plymouth Co.") is not None
    assert place("Southern California").admin1 == "CA"
    assert place("Delhi High Court").country == "IND"
    assert place("Bank of Mexico").kind == "country"
    assert place("European Commission").kind == "continent"
    assert place("Crown Heights Medical Center") is None or place("Crown Heights Medical Center").country == "USA"


def test_resolve_prefers_the_town_near_the_articles_other_places(gazetteer):
    # Edmonton beside Enfield and Tottenham is the north London suburb.
    assert countries(gazetteer, "Edmonton", "Enfield", "Tottenham")[0] == "GBR"
    assert countries(gazetteer, "Edmonton")[0] == "CAN"


# -- the geo scorer ------------------------------------------------------------------------------------


def test_distance_km():
    assert distance_km(33.34, 44.40, 33.34, 44.40) == 0
    assert 650 < distance_km(33.34, 44.40, 35.69, 51.42) < 740  # Baghdad–Tehran is about 690 km
    assert round(distance_km(0, 0, 0, 1)) == 111


def test_score_acc161_exact_country_and_detection():
    baghdad = GeoEntry("Baghdad", 33.34, 44.40, "IRQ", "city", 7_000_000, 98182)
    fallujah = GeoEntry("Fallujah", 33.35, 43.78, "IRQ", "city", 300_000, 99454)
    golds = (
        GoldToponym(0, 7, "Baghdad", 33.3406, 44.4009, 98182, "IRQ"),  # same id: exact
        GoldToponym(10, 17, "Baghdad", 33.3406, 44.4009, 98182, "IRQ"),  # Fallujah is 58 km away: near, not exact
        GoldToponym(20, 26, "Tehran", 35.69, 51.42, 112931, "IRN"),  # unresolved
        GoldToponym(30, 35, "Ghouta", None, None, 123, None),  # id without offline coordinate: not scored
    )
    article = GoldArticle("a", "x" * 40, golds)
    score = score_toponyms([article], [[Prediction(baghdad, True), Prediction(fallujah, False), Prediction(None, True), Prediction(None, False)]])
    assert (score.n, score.hits161, score.exact_hits, score.unresolved, score.unlocated) == (3, 2, 1, 1, 1)
    assert score.country_acc == pytest.approx(2 / 3) and score.detect_recall == pytest.approx(2 / 3)
    assert set(score.as_json()) >= {"acc161", "exact", "country_acc", "detect_recall", "n"}


def test_score_country_of_places_in_no_country():
    europe = GeoEntry("Europe", 48.69, 9.14, None, "continent", 0, 6255148)
    golds = (GoldToponym(0, 6, "Europe", 48.69, 9.14, 6255148, countryless=True), GoldToponym(10, 16, "Europe", 48.69, 9.14, countryless=True))
    baghdad = GeoEntry("Baghdad", 33.34, 44.40, "IRQ", "city", 7_000_000, 98182)
    score = score_toponyms([GoldArticle("a", "x" * 20, golds)], [[Prediction(europe, True), Prediction(baghdad, True)]])
    assert (score.country_n, score.no_country, score.country_hits) == (2, 2, 1)
    assert score.as_json()["n_no_country"] == 2


def test_country_locator_outlines_towns_and_seas():
    locator = CountryLocator()
    assert locator.country(33.34, 44.40) == "IRQ"  # Baghdad, inside the outline
    assert locator.country(1.29, 103.85) == "SGP"  # Singapore: too small for the outlines, but a town is there
    assert locator.country(-20.0, 80.0) is None  # the Indian Ocean


def test_gold_qualifier_after_the_span():
    text = "Shots in Louisville, Ky. on Monday and in Paris."
    assert gold_qualifier(text, GoldToponym(9, 19, "Louisville")) == "Ky."
    assert gold_qualifier(text, GoldToponym(42, 47, "Paris")) is None


def test_load_brat_reads_ids_and_skips_non_toponyms(tmp_path):
    (tmp_path / "0.txt").write_text("TITLE: t LINK: u\nFighting in Aleppo and the city.", encoding="utf-8")
    shift = len("TITLE: t LINK: u\n")
    (tmp_path / "0.ann").write_text(
        f"T1\tLiteral {shift + 12} {shift + 18}\tAleppo\n#1\tAnnotatorNotes T1\t170063\n"
        f"T2\tLiteral_Expression {shift + 27} {shift + 31}\tcity\nA1\tNon_Locational T2\n",
        encoding="utf-8",
    )

    class Ids:
        def get(self, geonameid):
            from crisislens.evaluate.geo import _Located

            return _Located(36.2, 37.16, "SYR") if geonameid == 170063 else None

    [article] = load_brat(tmp_path, Ids())  # type: ignore[arg-type]
    assert [(t.text, article.text[t.start : t.end], t.country) for t in article.toponyms] == [("Aleppo", "Aleppo", "SYR")]


def test_load_corpus_xml_both_schemas_and_drifting_offsets(tmp_path):
    xml = tmp_path / "c.xml"
    xml.write_text(
        "<articles><article docid='1'><text>Rain in Paris, Texas.</text><toponyms><toponym><phrase>Paris</phrase>"
        "<start>9</start><end>14</end><gaztag geonameid='4717560'><name>Paris</name><lat>33.66</lat><lon>-95.55</lon>"
        "<country>United States</country></gaztag></toponym></toponyms></article>"
        "<article><text>Pigs in Pandi.</text><locations><location><name>Pandi</name><start>8</start><end>13</end>"
        "<lat>14.87</lat><lon>120.95</lon></location></locations></article></articles>",
        encoding="utf-8",
    )
    first, second = load_corpus_xml(xml, CountryLocator())
    assert first.toponyms[0].start == 8 and first.toponyms[0].country == "USA" and first.toponyms[0].geonameid == 4717560
    assert second.toponyms[0].text == "Pandi" and second.toponyms[0].lat == 14.87
    assert second.toponyms[0].country == "PHL"  # GeoVirus names no country: the coordinate's


def test_resolve_county_points_to_the_states_that_have_one(gazetteer):
    # "Rome police … Floyd County jail": Floyd County is in Georgia (among others), Rome is there too.
    rome = resolve_mentions(gazetteer, [ToponymMention("Rome"), ToponymMention("Floyd County")])[0]
    assert rome is not None and (rome.country, rome.admin1) == ("USA", "GA")


def test_resolve_neighbourhood_is_only_a_town_near_the_others(gazetteer):
    # "the Austin neighborhood" of a Chicago story is not the Texas capital.
    austin = resolve_mentions(gazetteer, [ToponymMention("Chicago"), ToponymMention("Austin", feature="neighborhood")])[1]
    assert austin is None or austin.admin1 == "IL"


def test_resolve_a_stray_small_town_far_from_the_dateline_is_part_of_the_dateline_town(gazetteer):
    # "Homewood" under a PITTSBURGH dateline is the Pittsburgh neighbourhood, not Homewood, Alabama.
    homewood = resolve_mentions(gazetteer, [ToponymMention("Homewood")], dateline="Pittsburgh")[0]
    assert homewood is not None and homewood.name == "Pittsburgh"
    # A large city is named for itself, however far away.
    assert countries(gazetteer, "Chicago", dateline="Pittsburgh") == ["USA"]
    assert resolve_mentions(gazetteer, [ToponymMention("Chicago")], dateline="Pittsburgh")[0].name == "Chicago"


def test_resolve_abbreviation_is_the_state_and_postal_codes_qualify(gazetteer):
    # "Ind." is Indiana, not Indianapolis by an alternate name; "D.C." is still the capital.
    assert resolve_mentions(gazetteer, [ToponymMention("Ind.")])[0].kind == "admin1"
    assert resolve_mentions(gazetteer, [ToponymMention("D.C.")])[0].name == "Washington"
    # A postal code only after a town and a comma: "Jackson, MS".
    assert [c.entry.name for c in gazetteer.qualifiers("MS")] == ["Mississippi"]
    jackson = resolve_mentions(gazetteer, [ToponymMention("Jackson", qualifier="MS")])[0]
    assert (jackson.country, jackson.admin1) == ("USA", "MS")


def test_resolve_dateline_qualifier_settles_the_dateline_town(gazetteer):
    # "HOBART, Okla. —": the Oklahoma town, in every mention of the story, not the Tasmanian capital.
    hobart = resolve_mentions(gazetteer, [ToponymMention("Hobart"), ToponymMention("Hobart")], "Hobart", dateline_qualifier="Okla.")
    assert all((e.country, e.admin1) == ("USA", "OK") for e in hobart)


def test_resolve_county_dateline_sets_the_state_of_the_story(gazetteer):
    # "NOBLE COUNTY, Ind. — … Ligonier": no town is called Noble County; the county puts Ligonier in Indiana.
    ligonier, county = resolve_mentions(gazetteer, [ToponymMention("Ligonier"), ToponymMention("NOBLE COUNTY")], "NOBLE COUNTY",
                                        focus_from=[ToponymMention("Ligonier")], dateline_qualifier="Ind.")  # fmt: skip
    assert (ligonier.admin1, county.kind, county.admin1) == ("IN", "county", "IN")


def test_resolve_georgia_beside_us_towns_is_the_state(gazetteer):
    # "JEFFERSON - … Georgia": the dateline town is read in the focus of the state, not the country.
    jefferson, georgia = resolve_mentions(gazetteer, [ToponymMention("Jefferson"), ToponymMention("Georgia")], "Jefferson")
    assert (georgia.kind, jefferson.admin1) == ("admin1", "GA")


def test_resolve_a_possessive_holder_places_a_part_the_gazetteer_lacks(gazetteer):
    # "Cairo's Zamalek-like district we do not hold": a name with no entry, or only far-off namesakes, is the holder.
    text = "Bombs hit Giza's Haram district and Toronto's Pearson International Airport."
    mentions = [ToponymMention(w, text.index(w), text.index(w) + len(w), None, None, False, *holder_of(text, text.index(w), text.index(w) + len(w)))
                for w in ("Haram", "Pearson International Airport")]  # fmt: skip
    haram, airport = resolve_mentions(gazetteer, mentions)
    assert (haram.name, haram.country) == ("Giza", "EGY") and (airport.name, airport.country) == ("Toronto", "CAN")


def test_holder_of_reads_possessives_and_locatives_not_dates():
    def holder(text, name):
        return holder_of(text, text.index(name), text.index(name) + len(name))

    assert holder("the villages of Foua and Kfraya in Idlib province", "Foua") == ("Idlib province", False)
    assert holder("on Paris' iconic Champs-Elysees boulevard", "Champs-Elysees") == ("Paris", True)
    assert holder("a rally in Paris in March", "Paris") == (None, False)
    assert holder("a night in church. All Saints’ in Edmonton is open", "Edmonton") == (None, False)
    assert named_as_town("according to the city of Turkey.", len("according to the city of "))


def test_resolve_a_name_called_a_town_is_never_the_country_and_settles_the_article(gazetteer):
    text = "The fair returns to Jordan on Friday, the city of Jordan said; Minneapolis is an hour away."
    first, second = text.index("Jordan"), text.rindex("Jordan")
    mentions = [ToponymMention("Jordan", first, first + 6), ToponymMention("Jordan", second, second + 6, named_town=named_as_town(text, second)),
                ToponymMention("Minneapolis")]  # fmt: skip
    places = resolve_mentions(gazetteer, mentions)
    assert [(p.country, p.kind, p.admin1) for p in places[:2]] == [("USA", "city", "MN")] * 2
    assert resolve_mentions(gazetteer, [mentions[0], mentions[2]])[0].country == "JOR"  # not called a town: the country


def test_resolve_unknown_name_in_the_articles_focus_only_when_asked(gazetteer):
    mentions = [ToponymMention("Cairo"), ToponymMention("Alexandria"), ToponymMention("St. Takla Church")]
    assert resolve_mentions(gazetteer, mentions)[2] is None
    assert resolve_mentions(gazetteer, mentions, unknown_in_focus=True)[2].country == "EGY"


def test_outlet_country_by_call_sign_or_country_domain_but_not_for_a_wire_story():
    assert outlet_country(None, "http://www.enfield-today.co.uk/news/1") == "GBR"
    assert outlet_country(None, "https://www.cbc.ca/news/1") == "CAN"
    assert outlet_country(None, "http://foo.tv/a") is None  # a country domain sold as a generic one
    assert outlet_country(None, "https://www.kwwl.com/story/1", source="AP") is None  # the AP's story, not the station's


def test_outlet_home_by_host_a_domain_above_it_its_call_sign_or_the_headline_stamp(knowledge):
    outlets = knowledge.outlets
    archived = "http://web.archive.org/web/2015/http://www.wsmv.com:80/story/1"
    assert outlet_home(None, archived, None, outlets) == "Nashville, TN"  # the call sign the host is named after
    assert outlet_home(None, "http://wishtv.com/2014/a", None, outlets) == "Indianapolis, IN"  # "tv" after the call sign
    assert outlet_home(None, "http://homicides.suntimes.com/a", None, outlets) == "Chicago, IL"  # a domain above the host
    assert outlet_home("Teen shot - KSLA News 12", "http://example.com/a", None, outlets) == "Shreveport, LA"  # the stamp
    assert outlet_home("Teen shot - WFTV Channel 9", None, None, outlets) == "Orlando, FL"  # call letters ending in TV
    assert outlet_home("Teen shot - WAFB-TV", None, None, outlets) == "Baton Rouge, LA"  # a "-TV" suffix
    assert outlet_home("Teen shot - WISTV", None, None, outlets) == "Columbia, SC"  # "TV" run on
    assert outlet_home("Teen shot", "http://www.cnn.com/a", None, outlets) is None  # a national outlet: no home
    assert outlet_home(None, archived, "AP", outlets) is None  # the AP's story, not the station's
    # a city edition by the first folder of the path, archived or not
    edition = "http://web.archive.org/web/2016/https://www.dnainfo.com/chicago/20160420/gage-park/teen-killed"
    assert outlet_home(None, edition, None, outlets) == "Chicago, IL"
    assert outlet_home(None, "https://www.dnainfo.com/new-york/20170220/a", None, outlets) == "New York, NY"
    assert outlet_home(None, "https://www.dnainfo.com/about", None, outlets) is None  # no edition: the outlet has no one home


def test_outlets_file_needs_a_town_and_state(tmp_path):
    (tmp_path / "outlets.csv").write_text("outlet,home\nKXYZ,\"Springfield, MO\"\nWXYZ,Springfield\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"outlets\.csv:3: "):
        load_knowledge([tmp_path])


def test_outlets_file_names_each_outlet_once_and_overrides_the_packaged_row(tmp_path):
    (tmp_path / "outlets.csv").write_text("outlet,home\nKSLA,\"Monroe, LA\"\n", encoding="utf-8")
    assert load_knowledge([tmp_path]).outlets["KSLA"] == "Monroe, LA"
    (tmp_path / "outlets.csv").write_text("outlet,home\nKXYZ,\"Springfield, MO\"\nkxyz,\"Joplin, MO\"\n", encoding="utf-8")
    load_knowledge([tmp_path])  # a call sign (upper case) and a domain (lower case) are different outlets
    (tmp_path / "outlets.csv").write_text("outlet,home\nexample.com,\"Springfield, MO\"\nExample.com,\"Joplin, MO\"\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"outlets\.csv:3: outlet 'Example.com' is already given at .*outlets\.csv:2"):
        load_knowledge([tmp_path])


def test_resolve_prefers_the_state_and_area_of_the_outlets_home(gazetteer):
    detroit, nashville = home_entry(gazetteer, "Detroit, MI"), home_entry(gazetteer, "Nashville, TN")
    assert (detroit.name, detroit.admin1, nashville.admin1) == ("Detroit", "MI", "TN")
    assert home_entry(gazetteer, "Nowhere") is None
    assert resolve_mentions(gazetteer, [ToponymMention("Oak Park")])[0].admin1 == "IL"
    assert resolve_mentions(gazetteer, [ToponymMention("Oak Park")], outlet_town=detroit)[0].admin1 == "MI"
    # a town the text qualifies stays where the text says
    assert resolve_mentions(gazetteer, [ToponymMention("Oak Park", qualifier="Ill.")], outlet_town=detroit)[0].admin1 == "IL"
    # the outlet's state is searched for a village the main table lacks: "Edmonton" in a Louisville paper's story
    louisville, edmonton = home_entry(gazetteer, "Louisville, KY"), [ToponymMention("Edmonton")]
    assert resolve_mentions(gazetteer, edmonton, outlet_country="USA")[0].country == "CAN"
    assert resolve_mentions(gazetteer, edmonton, outlet_country="USA", outlet_town=louisville)[0].admin1 == "KY"
    # a neighbourhood is a part of a town in the outlet's area: "South Side" in a Chicago paper is not Eltingville, NY
    parts = [ToponymMention("Woodlawn"), ToponymMention("South Side", feature="neighborhood")]
    assert resolve_mentions(gazetteer, parts)[1].admin1 == "NY"
    assert resolve_mentions(gazetteer, parts, outlet_town=home_entry(gazetteer, "Chicago, IL"))[1] is None


def test_resolve_a_stray_small_town_far_from_the_outlets_home_is_left_unplaced(gazetteer):
    # "Monroe" in a Hartford station's story: Monroe, Connecticut, which the gazetteer lacks, not Monroe, Louisiana.
    hartford = home_entry(gazetteer, "Hartford, CT")
    assert resolve_mentions(gazetteer, [ToponymMention("Monroe")])[0].admin1 == "LA"
    assert resolve_mentions(gazetteer, [ToponymMention("Monroe")], outlet_town=hartford)[0] is None
    assert resolve_mentions(gazetteer, [ToponymMention("Monroe", qualifier="La.")], outlet_town=hartford)[0].admin1 == "LA"
    assert resolve_mentions(gazetteer, [ToponymMention("Chicago")], outlet_town=hartford)[0].name == "Chicago"  # a large city


def test_resolve_a_small_town_abroad_in_a_local_story_is_left_unplaced(gazetteer):
    # "Whitehaven" in a Memphis station's story: the Memphis neighbourhood, not the English town alone of its name.
    memphis = home_entry(gazetteer, "Memphis, TN")
    assert resolve_mentions(gazetteer, [ToponymMention("Whitehaven")])[0].country == "GBR"
    assert resolve_mentions(gazetteer, [ToponymMention("Whitehaven")], outlet_town=memphis)[0] is None
    # Another name of the article in that country keeps it.
    whitehaven, _ = resolve_mentions(gazetteer, [ToponymMention("Whitehaven"), ToponymMention("England")], outlet_town=memphis)
    assert whitehaven.country == "GBR"


def test_a_county_bears_its_own_name_whatever_the_spelling_met_first(gazetteer):
    first = gazetteer.counties("GRANT COUNTY")  # the first spelling this gazetteer meets
    assert {c.entry.name for c in first} == {"Grant County"}
    assert [c.entry for c in gazetteer.counties("Grant Co.")] == [c.entry for c in first]
    assert {c.entry.name for c in gazetteer.counties("St Louis County")} == {"St. Louis County"}


def test_resolve_a_county_of_several_states_points_to_each_by_its_share(gazetteer):
    # DeSoto County is in Florida and Mississippi: half a vote for each does not make Memphis the Florida village
    memphis, _ = resolve_mentions(gazetteer, [ToponymMention("Memphis"), ToponymMention("DeSoto County")])
    assert memphis.admin1 == "TN"
    # a county qualified by its state names that state alone
    spring, _ = resolve_mentions(gazetteer, [ToponymMention("Springfield"), ToponymMention("Greene County", qualifier="Mo.")])
    assert spring.admin1 == "MO"
    assert gazetteer.counties("Miami-Dade County")[0].entry.lat == pytest.approx(25.77, abs=0.1)  # at Miami, not mid-Florida
