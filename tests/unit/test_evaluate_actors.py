"""crisislens's own actor-resolution set: reading the cases and judging what was found."""

from pathlib import Path

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.actor_resolution import ActorCase, FoundActor, is_correct, load_cases
from crisislens.models import ActorRef

IRAQ_POLICE = ActorRef("Iraq police", "IRQCOP", "IRQ", "COP", "group")


def test_evaluate_actors_bundled_set_is_read_and_covers_every_category():
    cases = load_cases()
    assert 80 <= len(cases) <= 150
    assert {"variant", "title", "metonym", "abbreviation", "agent", "coreference"} <= {c.category for c in cases}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "Iran said.", "mention": "Iraq", "expect": {"country": "IRQ"}}', "not in the text"),
        ('{"text": "Iran said.", "mention": "Iran", "expect": {"colour": "red"}}', "'expect' must be"),
        ("not json", "invalid JSON"),
    ],
)
def test_evaluate_actors_rejects_bad_cases_naming_the_line(tmp_path: Path, line: str, message: str):
    path = tmp_path / "cases.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CrisislensError, match=f"cases.jsonl:1: .*{message}"):
        load_cases(path)


@pytest.mark.parametrize(
    ("expect", "correct"),
    [
        ({"country": "IRQ", "role": ["MIL", "COP"]}, True),
        ({"country": "IRQ", "role": "MIL"}, False),
        ({"actor": "IRQCOP"}, True),
        ({"none": True}, False),
        ({"unknown": True}, False),
    ],
)
def test_evaluate_actors_judges_the_actor_at_the_mention(expect, correct):
    case = ActorCase("a-1", "agent", "Iraqi police fired.", "Iraqi police", expect)
    assert is_correct(case, [FoundActor(0, 12, (IRAQ_POLICE,))]) is correct


def test_evaluate_actors_short_form_must_be_the_same_actor_as_the_full_name():
    abiy = ActorRef("Abiy Ahmed", "X_ABIY_AHMED", "ETH", "GOV", "person")
    case = ActorCase("c-1", "coreference", "Abiy Ahmed left. Abiy said.", "Abiy", {"same_as": "Abiy Ahmed"})
    assert is_correct(case, [FoundActor(0, 10, (abiy,)), FoundActor(17, 21, (abiy,))])
    assert not is_correct(case, [FoundActor(0, 10, (abiy,)), FoundActor(17, 21, (IRAQ_POLICE,))])
