"""ACLED sub-event types read off single sentences, the most specific type winning for one event and a text's lead event deciding its type."""

import pytest

from crisislens.mentions.acled import ACLED_SUB_EVENT_TYPES, lead_sub_event_type, most_specific
from crisislens.models import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def acled_types(extractor, nlp):
    def run(text: str) -> set[str | None]:
        return {m.acled_type for m in extractor.extract(nlp(text), Article("t", text)).mentions}

    return run


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Saudi warplanes carried out an airstrike on a market in Saada, killing 12 people.", "Air/drone strike"),
        ("Rebels shelled the town of Kaya with mortars on Tuesday.", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint in Kabul, killing four policemen.", "Suicide bomb"),
        ("Militants lobbed a grenade at a police post in Srinagar.", "Grenade"),
        ("A roadside bomb killed three soldiers near Kandahar.", "Remote explosive/landmine/IED"),
        ("Government troops clashed with rebels near Goma on Sunday.", "Armed clash"),
        ("Gunmen killed five villagers in Zamfara on Monday.", "Attack"),
        ("Gunmen abducted 40 students from a school in Kagara.", "Abduction/forced disappearance"),
        ("Thousands of protesters rallied peacefully in Khartoum on Thursday.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters in Nairobi.", "Protest with intervention"),
        ("Police arrested 15 opposition activists in Minsk.", "Arrests"),
        ("Police seized seven firearms and 200 rounds of ammunition in Lagos.", "Disrupted weapons use"),
        ("Turkish forces set up a new observation post in Idlib province.", "Headquarters or base established"),
        ("Government forces recaptured the town of Palmyra from the Islamic State group.", "Government regains territory"),
        ("Security forces opened fire on peaceful protesters in Khartoum, killing four.", "Excessive force against protesters"),
        ("Police arrested 20 protesters at a rally in Minsk.", "Protest with intervention"),
        ("An angry mob lynched two men accused of theft in Kano.", "Mob violence"),
        ("Villagers clashed with sticks and machetes over farmland in Benue.", "Mob violence"),
        ("Ten rebels surrendered to the army in Sirnak on Sunday.", "Agreement"),
        ("Government troops entered the town of Kidal without resistance after the rebels withdrew.", "Non-violent transfer of territory"),
    ],
)
def test_acled_sub_event_type_of_a_sentence(acled_types, sentence: str, expected: str):
    assert expected in acled_types(sentence)


def test_acled_statements_and_diplomacy_are_not_acled_events(acled_types):
    assert acled_types("Iran's foreign minister met his Iraqi counterpart in Baghdad on Monday.") <= {None}


def test_acled_deaths_in_a_disaster_are_not_an_attack(acled_types):
    assert acled_types("A tsunami killed 222 people on the coast of Java on Saturday.") <= {None}


@pytest.mark.parametrize(
    "sentence",
    [
        "A gas cylinder exploded at a factory in Dhaka, killing five workers.",
        "Al-Shabaab claimed responsibility for the attack on the hotel in Mogadishu.",
        "Police seized 40 kilograms of heroin in Lagos on Monday.",
    ],
)
def test_acled_accidents_claims_and_crime_are_not_acled_events(acled_types, sentence: str):
    assert acled_types(sentence) <= {None}


def test_acled_text_takes_the_type_of_its_lead_event(extractor, nlp):
    def lead(text: str) -> str | None:
        return lead_sub_event_type(extractor.extract(nlp(text), Article("t", text)).mentions)

    # Background told after the lead (an earlier shooting) does not make a march violent...
    assert lead("Thousands of people marched peacefully through Nairobi on Monday. Police shot dead two men in Kisumu last week.") == "Peaceful protest"
    # ...but a bare attack takes the weapon the text names later.
    assert lead("Gunmen attacked a village in Zamfara on Monday, killing nine people. The attackers threw grenades at homes.") == "Grenade"


def test_acled_most_specific_type_wins():
    assert most_specific(["Attack", None, "Air/drone strike"]) == "Air/drone strike"
    assert most_specific([None, None]) is None
    assert len(set(ACLED_SUB_EVENT_TYPES)) == 25
