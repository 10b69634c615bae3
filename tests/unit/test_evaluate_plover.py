"""The PLOVER gold-standard scorer: loading (label map, document record, bad input), actor matching, F1 arithmetic."""

import dataclasses
import json
from pathlib import Path

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.plover import (
    LABEL_MAP,
    GoldActor,
    GoldRecord,
    PloverScore,
    actor_matches,
    count_matches,
    label_map_text,
    load_records,
    predicted_event,
    score_records,
    texts_match,
    to_plover2,
)
from crisislens.models import ActorRef, EventMention, MentionSpan

IRAN = ActorRef("Iran", "IRN", country="IRN")
UN = ActorRef("United Nations", "IGOUNO", country=None)


def _record(event: str, text: str = "A sentence.", **extra) -> dict:
    return {"id": f"GSR-{event}", "text": text, "event": event, **extra}


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _mention(plover: str | None, start: int = 0, source: ActorRef | None = None, target: ActorRef | None = None) -> EventMention:
    """A mention with only what the scorer reads; other fields (present or added later) are None."""
    values: dict[str, object] = {f.name: None for f in dataclasses.fields(EventMention)}
    values |= {
        "mention_id": f"m{start}{plover}", "span": MentionSpan("a1", 0, "A sentence.", start, start + 11), "trigger": "x",
        "source": source, "target": target, "cameo": "190", "goldstein": -10.0, "quad_class": 4, "plover": plover,
        "negated": False, "hypothetical": False,
    }  # fmt: skip
    return EventMention(**values)


def test_evaluate_plover_maps_old_labels_to_plover_2():
    assert [to_plover2(label) for label in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")] == ["REQUEST", "ACCUSE", "ACCUSE", "ASSAULT"]
    assert to_plover2("agree ") == "AGREE"  # every other label is unchanged
    assert label_map_text().startswith("DEMAND→REQUEST, ")
    assert len(LABEL_MAP) == 4


def test_evaluate_plover_loads_records_and_skips_the_document_record(tmp_path: Path):
    data = [
        {"id": "DOC-1", "publication": "CAMEO manual", "coder": "Parus"},  # a document record: no text, no event
        _record("DEMAND", "{Israel demanded that Hamas free the hostages.}",
                source=[{"actorText": "Israel", "code": "ISR", "sector": "GOV"}], target=""),  # fmt: skip
        _record("AGREE", source=[{"actorText": "Hungarian", "code": "HUN"}, {"actorText": "Romanian", "code": "rou"}]),
        _record("FIGHT", target=[{"actorText": "rebels", "code": ""}]),  # no source key at all
    ]
    records = load_records(_write(tmp_path, data))
    assert [(r.event, r.original_event) for r in records] == [("REQUEST", "DEMAND"), ("AGREE", "AGREE"), ("ASSAULT", "FIGHT")]
    assert records[0].text == "Israel demanded that Hamas free the hostages."  # CAMEO-manual braces stripped
    assert records[0].sources == (GoldActor("Israel", "ISR"),) and records[0].targets == ()
    assert records[1].sources[1] == GoldActor("Romanian", "ROU")
    assert records[2].sources == () and records[2].targets == (GoldActor("rebels", None),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[{", "invalid JSON"),
        ('{"text": "x", "event": "AGREE"}', "not a list of PLOVER records"),
        ('["a sentence"]', "not a list of PLOVER records"),
        ('[{"id": "DOC-1"}]', "no record has both text and event"),
        ("[]", "no record has both text and event"),
        ('[{"text": "x", "event": "AGREE", "source": 7}]', "expected a list of actors"),
        ('[{"text": "x", "event": "AGREE", "target": ["Iran"]}]', "an actor must be an object"),
        ('[{"text": "x", "event": 3}]', "text and event must be strings"),
    ],
)
def test_evaluate_plover_rejects_what_is_not_plover_records(tmp_path: Path, content: str, message: str):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CrisislensError, match=message):
        load_records(path)


def test_evaluate_plover_reports_a_missing_file(tmp_path: Path):
    with pytest.raises(CrisislensError, match="cannot read"):
        load_records(tmp_path / "absent.json")


def test_evaluate_plover_actor_matches_by_code():
    assert actor_matches(IRAN, GoldActor("Tehran", "IRN"))  # the actor's country
    assert actor_matches(UN, GoldActor("Security Council", "IGO"))  # the first three letters of its id
    assert not actor_matches(IRAN, GoldActor("Baghdad", "IRQ"))
    assert not actor_matches(ActorRef("rebels", "REB"), GoldActor("Tamil Tigers", None))


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Saddam Hussein", "Iraqi President Saddam Hussein"),  # gold contains predicted
        ("Amnesty International", "amnesty international."),  # case and punctuation ignored
        ("U.N. war crimes court", "court"),  # predicted contains gold
        ("Dawda Jawara", "Gambian leader Jawara"),  # a shared capitalised word of 4+ letters
    ],
)
def test_evaluate_plover_texts_match(predicted: str, gold: str):
    assert texts_match(predicted, gold)


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("US", "Russian officials"),  # containment is of whole words
        ("the Iraq government", "Iran"),
        ("Hamas", "militants"),
        ("EU", ""),  # an empty text matches nothing
    ],
)
def test_evaluate_plover_texts_do_not_match(predicted: str, gold: str):
    assert not texts_match(predicted, gold)


def test_evaluate_plover_each_gold_actor_is_matched_at_most_once():
    gold = [GoldActor("Iran", "IRN")]
    assert count_matches([IRAN, ActorRef("Iranian forces", "IRNMIL", country="IRN")], gold) == 1
    assert count_matches([IRAN, UN], [GoldActor("United Nations", "IGO"), GoldActor("Iran", "IRN")]) == 2
    assert count_matches([], gold) == 0


def test_evaluate_plover_event_scores_and_actor_counts():
    score = PloverScore()
    score.add(GoldRecord("r1", "t", "ASSAULT", "FIGHT", (GoldActor("Iran", "IRN"), GoldActor("Syria", "SYR"))), _mention("ASSAULT", source=IRAN))
    score.add(GoldRecord("r2", "t", "AGREE", "AGREE", (GoldActor("Hamas", "PSE"),)), None)
    assert score.pairs == [("ASSAULT", "ASSAULT"), ("AGREE", "none")]
    assert (score.source.predicted, score.source.gold, score.source.matched) == (1, 3, 1)
    result = score.as_json()
    assert result["event_accuracy"] == 0.5 and result["event_macro_f1"] == 0.5
    assert result["uncoded"] == 1 and result["label_map"] == dict(LABEL_MAP)


def test_evaluate_plover_predicts_the_first_plover_event_in_text_order():
    statement, later, first = _mention(None, 0), _mention("COERCE", 40), _mention("ASSAULT", 12)
    assert predicted_event([statement, later, first]) is first
    assert predicted_event([statement]) is None
    assert predicted_event([]) is None


def test_evaluate_plover_scores_coded_records_in_order():
    records = [
        GoldRecord("r1", "Iran attacked the UN.", "ASSAULT", "FIGHT", (GoldActor("Iran", "IRN"),), (GoldActor("UN forces", "IGO"),)),
        GoldRecord("r2", "Iran said so.", "AGREE", "AGREE", (GoldActor("Iran", "IRN"),)),
    ]
    coded = [[_mention("ASSAULT", 0, source=IRAN, target=UN)], [_mention(None, 0, source=IRAN)]]
    result = score_records(records, coded).as_json()
    assert (result["n"], result["event_accuracy"], result["uncoded"]) == (2, 0.5, 1)
    assert result["source_precision"] == 1.0 and result["source_recall"] == 0.5
    assert result["target_f1"] == 1.0


def test_evaluate_plover_counts_every_actor_of_conjoined_mentions():
    jordan, britain = ActorRef("Jordan", "JOR", "JOR", None, "country"), ActorRef("United Kingdom", "GBR", "GBR", None, "country")
    first, second = _mention("AGREE", source=jordan), dataclasses.replace(_mention("AGREE", source=britain), mention_id="other")
    score = PloverScore()
    score.add(GoldRecord("r1", "t", "AGREE", "AGREE", (GoldActor("Jordan", "JOR"), GoldActor("Britain", "GBR"))), first, [first, second])
    assert (score.source.matched, score.source.predicted, score.source.gold) == (2, 2, 2)
