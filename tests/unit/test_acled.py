"""ACLED sub-event types read off single sentences, and the most specific type winning for one event."""

import pytest

from crisislens.mentions.acled import ACLED_SUB_EVENT_TYPES, most_specific
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
    ],
)
def test_acled_sub_event_type_of_a_sentence(acled_types, sentence: str, expected: str):
    assert expected in acled_types(sentence)


def test_acled_statements_and_diplomacy_are_not_acled_events(acled_types):
    assert acled_types("Iran's foreign minister met his Iraqi counterpart in Baghdad on Monday.") <= {None}


def test_acled_deaths_in_a_disaster_are_not_an_attack(acled_types):
    assert acled_types("A tsunami killed 222 people on the coast of Java on Saturday.") <= {None}


def test_acled_most_specific_type_wins():
    assert most_specific(["Attack", None, "Air/drone strike"]) == "Air/drone strike"
    assert most_specific([None, None]) is None
    assert len(set(ACLED_SUB_EVENT_TYPES)) == 25
