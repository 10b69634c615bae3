"""The CASE 2021 and PETRARCH validation readers and scorers (no language model needed)."""

from datetime import date
from pathlib import Path

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.acled import load_snippets
from crisislens.evaluate.petrarch import PetrarchScore, ValidationRecord, actor_code, load_records, petrarch_pairs
from crisislens.models import ActorRef


def test_evaluate_acled_maps_case_labels_to_acled_names(tmp_path: Path):
    tsv = tmp_path / "snippets.tsv"
    tsv.write_text('id\tEventSnippet\tSubType\n1\tRebels  shelled "the" town\tART_MISS_ATTACK\n2\tA quake hit\tNATURAL_DISASTER\n', encoding="utf-8")
    snippets = load_snippets(tsv)
    assert [(s.snippet_id, s.text, s.label) for s in snippets] == [
        ("1", 'Rebels shelled "the" town', "Shelling/artillery/missile attack"),
        ("2", "A quake hit", "none"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [("a\tb\n1\t2\n", "no column EventSnippet, SubType, id"), ("id\tEventSnippet\tSubType\n1\tx\tPICNIC\n", "unknown event type 'PICNIC'")],
)
def test_evaluate_acled_rejects_other_files(tmp_path: Path, content: str, message: str):
    tsv = tmp_path / "other.tsv"
    tsv.write_text(content, encoding="utf-8")
    with pytest.raises(CrisislensError, match=message):
        load_snippets(tsv)


def test_evaluate_petrarch_reads_records_with_codings_and_no_events(tmp_path: Path):
    xml = tmp_path / "records.xml"
    xml.write_text(
        """<Validation><Sentences>
        <Sentence date="19950103" id="DEMO-02" category="DEMO"><EventCoding sourcecode="DAGGOV" targetcode="GON" eventcode="032"/>
          <Text> Dagolath's minister left for Minas Tirith. </Text></Sentence>
        <Sentence date="950104" id="ERROR-01"><EventCoding noevents="True"></EventCoding><Text>Nothing happened.</Text></Sentence>
        </Sentences></Validation>""",
        encoding="utf-8",
    )
    first, second = load_records(xml)
    assert (first.category, first.published, first.codings) == ("DEMO", date(1995, 1, 3), (("DAGGOV", "GON", "032"),))
    assert (second.category, second.published, second.codings) == ("ERROR", date(1995, 1, 4), ())


def test_evaluate_petrarch_rejects_what_is_not_xml(tmp_path: Path):
    bad = tmp_path / "bad.xml"
    bad.write_text("not <xml", encoding="utf-8")
    with pytest.raises(CrisislensError, match="not XML"):
        load_records(bad)


def test_evaluate_petrarch_writes_codes_as_petrarch_does():
    assert actor_code(None) == "---"
    assert actor_code(ActorRef("Falastur", "X_FALASTUR", None, None, "person")) == "---"
    assert actor_code(ActorRef("government", "GOV", None, "GOV", "group")) == "---GOV"
    assert actor_code(ActorRef("Arnor government", "ARNGOV", "ARN", "GOV", "group")) == "ARNGOV"


def test_evaluate_petrarch_scores_dyads_roots_and_codes_per_category():
    score = PetrarchScore()
    record = ValidationRecord("DEMO-01", "DEMO", None, "t", (("ARN", "GON", "064"), ("GON", "ARN", "064")))
    score.add(record, [("ARN", "GON", "061"), ("ARN", "MOR", "190")])
    score.add(ValidationRecord("ERROR-01", "ERROR", None, "t", ()), [])
    assert (score.dyad.matched, score.dyad.predicted, score.dyad.gold) == (1, 2, 2)
    assert (score.root.matched, score.code.matched) == (1, 0)
    result = score.as_json()
    assert result["n"] == 2 and result["dyad_f1"] == 0.5 and result["code_f1"] == 0.0
    assert set(result["per_category"]) == {"DEMO", "ERROR"}


def test_evaluate_petrarch_skips_what_the_suite_does_not_validate(tmp_path: Path):
    xml = tmp_path / "records.xml"
    xml.write_text(
        """<Validation><Environment><Include>valid DEMO ERROR</Include></Environment><Sentences>
        <Sentence date="19950103" id="DEMO-01" category="DEMO"><EventCoding sourcecode="ARN" targetcode="GON" eventcode="032"/><Text>a</Text></Sentence>
        <Sentence date="19950103" id="ERROR-02" category="ERROR"><EventCoding error="bad_input_parse"/><Text>b</Text></Sentence>
        <Sentence date="19950103" id="AGENTS-10" category="AGENTS"><EventCoding sourcecode="ARN" targetcode="GON" eventcode="032"/><Text>c</Text></Sentence>
        </Sentences></Validation>""",
        encoding="utf-8",
    )
    records = load_records(xml)
    assert [r.skip_reason is None for r in records] == [True, False, False]
    assert records[1].codings == ()
    score = PetrarchScore()
    for record in records:
        score.add(record, [("ARN", "GON", "032")])
    assert (score.n, score.skipped, score.dyad.matched, score.dyad.predicted) == (1, 2, 1, 1)


def test_evaluate_petrarch_clause_dyads_stand_in_only_where_no_event_names_an_actor():
    score = PetrarchScore()
    record = ValidationRecord("VERB-01", "VERB", None, "t", (("ETH", "LBY", "161"),))
    score.add(record, [], [("ETH", "LBY")])
    score.add(record, [("ETH", "---", "010")], [("ETH", "LBY")])
    assert (score.dyad.matched, score.dyad.predicted) == (1, 2)
    assert (score.event_dyad.matched, score.event_dyad.predicted) == (0, 1)
    assert score.root.predicted == 1  # clause dyads carry no code


def test_evaluate_petrarch_codes_unknown_people_by_their_country_and_role():
    assert actor_code(ActorRef("Falastur", "X_FALASTUR", "GON", "GOV", "person")) == "GONGOV"


def test_evaluate_petrarch_pairs_a_compound_subject_with_no_target_with_itself():
    # "Gondor and Osgiliath delayed their meeting": PETRARCH writes each member against the other.
    assert petrarch_pairs(["GON", "OSG"], ["---", "---"]) == [("GON", "OSG"), ("OSG", "GON")]
    assert petrarch_pairs(["GON", "OSG"], ["ARN"]) == [("GON", "ARN"), ("OSG", "ARN")]
    assert petrarch_pairs(["GON"], ["---"]) == [("GON", "---")]
    assert petrarch_pairs(["---"], ["---"]) == []
