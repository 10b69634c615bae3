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
