"""Event mentions read off single sentences: code, roles, negation, modality, threats, time, counts."""

from datetime import date

import pytest

from crisislens.models import Article

pytestmark = pytest.mark.model

PUBLISHED = date(2020, 1, 4)  # a Saturday


@pytest.fixture(scope="module")
def code(extractor, nlp):
    def run(text: str, published: date | None = PUBLISHED):
        article = Article("t", text, published=published)
        return list(extractor.extract(nlp(text), article).mentions)

    return run


def one(mentions, root: str | None = None):
    chosen = [m for m in mentions if root is None or m.cameo.startswith(root)]
    assert len(chosen) == 1, [(m.trigger, m.cameo) for m in mentions]
    return chosen[0]


def test_mentions_active_strike_with_source_target_date_place(code):
    m = one(code("A US drone strike killed Qasem Soleimani in Baghdad early Friday."), "1")
    assert m.source.country == "USA"
    assert "Soleimani" in m.target.name
    assert m.cameo[:2] in ("18", "19", "20")
    assert m.time.value == date(2020, 1, 3)
    assert m.place.name == "Baghdad"


def test_mentions_passive_with_agent(code):
    m = one(code("Two Iraqi soldiers were wounded by gunmen on Thursday."), "1")
    assert m.source.role == "UAF"
    assert m.target.actor_id == "IRQMIL"
    assert m.injured == 2


def test_mentions_negation(code):
    m = one(code("Iran did not attack the American embassy."))
    assert m.negated


def test_mentions_modality(code):
    m = one(code("The United States could strike Iranian militias."))
    assert m.hypothetical


def test_mentions_threat_is_coded_as_threat_not_as_the_act(code):
    m = one(code("Washington threatened to close its embassy in Baghdad."))
    assert m.cameo == "1313"
    assert not m.hypothetical


def test_mentions_casualties_sum_and_weekday(code):
    m = one(code("On Monday three children and two women were killed when two militia rockets hit a family home.", date(2020, 9, 30)), "1")
    assert m.fatalities == 5
    assert m.time.value == date(2020, 9, 28)


def test_mentions_attribution(code):
    m = one(code("Rockets struck the Green Zone on Friday, security sources said."), "1")
    assert m.reported_by and "security sources" in m.reported_by


def test_mentions_no_publication_date_keeps_weekday_null(code):
    m = one(code("Iran fired missiles at US bases on Wednesday.", None), "1")
    assert m.time is None or m.time.value is None


def test_mentions_country_modifying_the_trigger_is_the_attacker_not_the_place(code):
    m = one(code("Air defenses were on alert for a U.S. attack near Baghdad."), "19")
    assert m.source is not None and m.source.country == "USA"
    assert m.place is None or m.place.name == "Baghdad"


def test_mentions_apposition_name_beats_the_role_noun(code):
    m = one(code("Washington killed Iran's most important military commander, Qassem Soleimani, in Baghdad."), "1")
    assert "Soleimani" in m.target.name


def test_mentions_date_of_another_clause_is_not_the_event_date(code):
    text = "The strike came before the anniversary of the drone strike that killed Qassem Soleimani, and after the United States withdrew staff earlier this month."
    killing = [m for m in code(text) if m.trigger == "killed"]
    assert killing and killing[0].time is None


def test_mentions_date_relative_to_another_clause(code):
    text = "Iraq's parliament voted on Sunday to expel foreign troops, two days after a U.S. drone strike killed Qasem Soleimani."
    killing = [m for m in code(text, date(2020, 1, 6)) if m.trigger == "killed"]
    assert killing[0].time.value == date(2020, 1, 3)


def test_mentions_referred_event_noun_takes_no_date_from_the_sentence(code):
    text = "Iran fired missiles at Ain al-Asad on Wednesday in revenge for the killing of Qasem Soleimani."
    by_trigger = {m.trigger: m for m in code(text, date(2020, 1, 8))}
    assert by_trigger["fired"].time.value == date(2020, 1, 8)
    assert "killing" not in by_trigger or by_trigger["killing"].time is None


def test_mentions_counts_belong_to_their_own_clause(code):
    text = "No Americans were killed after Iran fired missiles in response to the assassination of Qasem Soleimani."
    by_trigger = {m.trigger: m for m in code(text)}
    assert by_trigger["assassination"].fatalities is None


def test_mentions_lowercase_word_is_not_a_place_of_that_name(code):
    m = one(code("Two rockets hit the base on Friday, wounding a soldier."), "19")
    assert m.place is None


@pytest.mark.parametrize(
    "text",
    [
        "A stampede during the funeral procession on Tuesday killed dozens of mourners.",
        "A passenger jet crashed minutes after taking off from Tehran early Wednesday, killing all 176 people on board.",
    ],
)
def test_mentions_accidents_are_not_attacks(code, text):
    assert not [m for m in code(text) if m.cameo[:2] in ("18", "19", "20")]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Iraq urged Iran to release the British sailors.", "0253"),  # appeal, coded by what is asked for
        ("Iran refused to release the sailors.", "1243"),  # rejection, coded by what is refused
        ("Iran threatened to impose sanctions on Britain.", "1312"),  # threat, coded by the act threatened
        ("Japan will send food aid to Syria.", "0333"),  # a cooperative act announced is an intention
    ],
)
def test_mentions_frame_codes_the_governed_act_and_absorbs_it(code, text, cameo):
    m = one(code(text))
    assert m.cameo == cameo
    assert not m.hypothetical and not m.negated


def test_mentions_reported_obligation_is_a_demand_by_the_speaker(code):
    m = one(code("Britain said Libya must hand over the two suspects."))
    assert m.cameo.startswith("10")
    assert m.source.country == "GBR" and m.target.country == "LBY"


def test_mentions_leading_report_without_an_event_is_a_statement(code):
    m = one(code("Turkey said it was confident that the crisis would end soon."))
    assert m.cameo == "013"
    assert m.source.country == "TUR"
    assert not code("The crisis will end soon, Turkish officials said.")  # a trailing source cites, it states nothing


def test_mentions_conjoined_actors_give_one_event_per_pair(code):
    mentions = [m for m in code("Iran and Iraq signed an agreement with Turkey and Syria.") if m.cameo.startswith("0")]
    pairs = {(m.source.actor_id, m.target.actor_id) for m in mentions}
    assert pairs == {("IRN", "TUR"), ("IRN", "SYR"), ("IRQ", "TUR"), ("IRQ", "SYR")}
    assert len({m.mention_id for m in mentions}) == 4


def test_mentions_one_actor_named_twice_in_a_compound_is_one_pair(code):
    mentions = code("The mayor thanked the paramedics, the district, teachers and administrators, as well as students who helped.")
    assert mentions
    assert len({m.mention_id for m in mentions}) == len(mentions)
    assert len({(m.source.actor_id, m.target.actor_id) for m in mentions}) == len(mentions)


def test_mentions_agent_of_conjoined_countries_is_one_actor_each(code):
    mentions = code("US and Iraqi troops killed five militants in Anbar on Friday.")
    assert {(m.source.actor_id, m.target.actor_id) for m in mentions} == {("USAMIL", "UAF"), ("IRQMIL", "UAF")}


def test_mentions_lead_takes_the_headline_count_and_the_day_and_town_told_nearby(extractor, nlp):
    text = "A man was shot and killed. Officers found him outside a home in Evanston, Illinois, around 11 p.m. Saturday, police said."
    article = Article("t", text, title="1 killed, 2 hurt in Evanston shooting", published=date(2020, 1, 6))
    lead = next(m for m in extractor.extract(nlp(text), article).mentions if m.count_rule is not None)
    assert (lead.fatalities, lead.injured) == (1, 2)
    assert lead.time is not None and lead.time.value == date(2020, 1, 4)
    assert lead.place is not None and lead.place.name == "Evanston"


@pytest.mark.parametrize(
    ("text", "source", "claimed"),
    [
        ("Two men were shot Saturday night, police said.", "police", False),
        ("The sheriff's office confirmed that a deputy was wounded in the shooting.", "the sheriff's office", False),
        ("According to the Douglas County Sheriff's Office, a woman was shot and killed.", "Douglas County Sheriff's Office", False),
        ("A group calling itself the Black Hand claimed it killed three officers.", "a group calling itself the Black Hand", True),
    ],
)
def test_mentions_attribution_of_local_news_reports(code, text: str, source: str, claimed: bool):
    m = one(code(text), "1")
    assert m.reported_by == source
    (claim,) = m.claims  # the article's figures, with who gives them and whether they are only claimed
    assert (claim.source, claim.claimed) == (source, claimed)
