"""``crisislens eval`` run as a user runs it, on the gold data in ../shared/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisislens.cli.app import app
from conftest import SHARED

pytestmark = pytest.mark.model

CAMEO_CODEBOOK = SHARED / "data" / "cameo-codebook" / "data-raw" / "cameo-codes.csv"


def eval_json(command: str, gold: Path, *options: str) -> dict:
    """Run ``crisislens eval COMMAND GOLD --json`` as a user would; skip where ../shared lacks the gold file."""
    if not gold.exists():
        pytest.skip(f"{gold} not present (a fresh clone without the shared data)")
    result = CliRunner().invoke(app, ["eval", command, str(gold), *options, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_e2e_eval_cameo_json_has_the_promised_keys():
    scores = eval_json("cameo", CAMEO_CODEBOOK)
    assert {"n", "root_acc", "code_acc"} <= scores.keys()
    assert scores["n"] > 250  # every row with an example is scored
    # A regression floor well under the measured figure (root 0.55, code 0.21 when this test was written).
    assert scores["root_acc"] >= 0.45 and scores["code_acc"] >= 0.15


def test_e2e_eval_plover_json_has_the_promised_keys():
    records = SHARED / "data" / "plover" / "gold_standard_records" / "PLOVER_GSR_CAMEO.json"
    scores = eval_json("plover", records)
    assert {"n", "event_accuracy", "event_macro_f1", "source_f1", "target_f1", "label_map", "uncoded"} <= scores.keys()
    assert scores["n"] >= 140  # every sentence record is scored
    assert scores["label_map"]["DEMAND"] == "REQUEST" and scores["label_map"]["FIGHT"] == "ASSAULT"
    # A regression floor well under the measured figures (accuracy 0.58, macro F1 0.51, source F1 0.62,
    # target F1 0.55 when this test was written).
    assert scores["event_accuracy"] >= 0.45 and scores["event_macro_f1"] >= 0.40
    assert scores["source_f1"] >= 0.50 and scores["target_f1"] >= 0.40


def test_e2e_eval_acled_json_has_the_promised_keys():
    snippets = SHARED / "data" / "case2021" / "task2" / "snippets_with_labels.tsv"
    scores = eval_json("acled", snippets)
    assert {"n", "macro_f1", "weighted_f1"} <= scores.keys()
    assert scores["n"] >= 500
    # A regression floor well under the measured figures (macro F1 0.60, weighted F1 0.62 when this test was written).
    assert scores["macro_f1"] >= 0.50 and scores["weighted_f1"] >= 0.50


def test_e2e_eval_petrarch_with_the_suite_dictionaries():
    suite = SHARED / "data" / "petrarch2-validation"
    records = suite / "text" / "PETR.UnitTest.records.xml"
    dictionaries = ["--actors", str(suite / "dictionaries" / "PETR.Validate.actors.txt"), "--agents", str(suite / "dictionaries" / "PETR.Validate.agents.txt")]
    scores = eval_json("petrarch", records, *dictionaries)
    assert {"n", "skipped", "dyad_f1", "dyad_f1_events_only", "root_f1", "code_f1", "per_category"} <= scores.keys()
    # 284 records, of which 10 the suite does not validate itself (expected input errors, categories not <Include>d).
    assert (scores["n"], scores["skipped"]) == (274, 10) and "COMPOUND" in scores["per_category"]
    # Regression floors under the measured dyad F1 (0.60, events alone 0.47, when this test was written).
    assert scores["dyad_f1"] >= 0.55 and scores["dyad_f1_events_only"] >= 0.42


def test_e2e_eval_actors_scores_the_bundled_set():
    result = CliRunner().invoke(app, ["eval", "actors", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"n", "accuracy", "per_category"} <= scores.keys() and scores["n"] >= 80
    # A regression floor under the measured accuracy (1.0 on this development set when this test was written).
    assert scores["accuracy"] >= 0.9


def test_e2e_eval_petrarch_agents_need_actors(tmp_path):
    records = tmp_path / "records.xml"
    records.write_text("<V><Sentence id='A-1'><Text>Arnor met Gondor.</Text></Sentence></V>", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "petrarch", str(records), "--agents", str(records)])
    assert result.exit_code == 1
    assert "--agents needs --actors" in result.output


TBAQ = SHARED / "data" / "tempeval3" / "Training" / "TBAQ-cleaned"


def test_e2e_eval_timex_scores_tbaq_cleaned():
    if not TBAQ.is_dir():
        pytest.skip(f"{TBAQ} not present (a fresh clone without the shared data)")
    result = CliRunner().invoke(app, ["eval", "timex", str(TBAQ), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"extent_f1", "strict_extent_f1", "value_f1", "n", "files", "per_type"} <= scores.keys()
    assert scores["files"] == 256 and scores["n"] == 1822  # every gold TIMEX3 but the creation times
    assert set(scores["per_type"]) == {"DATE", "TIME", "DURATION", "SET"}
    # A regression floor a bit under the measured figures (extent F1 0.935, strict 0.864, value F1 0.825
    # when this test was written; HeidelTime's value F1 on the TempEval-3 platinum test set is 0.776).
    assert scores["extent_f1"] >= 0.92 and scores["strict_extent_f1"] >= 0.84 and scores["value_f1"] >= 0.81


def test_e2e_eval_timex_limit_and_missing_folder(tmp_path):
    if not TBAQ.is_dir():
        pytest.skip(f"{TBAQ} not present (a fresh clone without the shared data)")
    result = CliRunner().invoke(app, ["eval", "timex", str(TBAQ), "--limit", "3", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["files"] == 3
    empty = CliRunner().invoke(app, ["eval", "timex", str(tmp_path)])
    assert empty.exit_code == 1
    assert "no TimeML" in empty.output


GEOPARSING = SHARED / "data" / "geoparsing"


def test_e2e_eval_geo_geowebnews(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISLENS_CACHE_DIR", str(tmp_path))  # the gazetteer index is built and cached as on a fresh machine
    scores = eval_json("geo", GEOPARSING / "GeoWebNews", "--limit", "50")
    assert {"acc161", "exact", "country_acc", "detect_recall", "n"} <= scores.keys()
    assert scores["n"] >= 400
    # Floors under the values measured on these 50 articles when this test was written (Acc@161km 0.958,
    # exact 0.957, country 0.964, detection recall 0.805); the full set's figures are in the README.
    assert scores["acc161"] >= 0.92 and scores["country_acc"] >= 0.93
    assert scores["exact"] >= 0.92 and scores["detect_recall"] >= 0.76


def test_e2e_eval_geo_tr_news():
    scores = eval_json("geo", GEOPARSING / "Corpora" / "TR-News.xml", "--limit", "60")
    assert scores["n"] >= 500
    # Floors under the values measured on these 60 articles (Acc@161km 0.911, country 0.954, detection recall 0.866).
    assert scores["acc161"] >= 0.87 and scores["country_acc"] >= 0.92 and scores["detect_recall"] >= 0.82


def test_e2e_eval_geo_rejects_a_file_that_is_not_a_corpus(tmp_path):
    bogus = tmp_path / "notes.xml"
    bogus.write_text("<notes><note>hi</note></notes>", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geo", str(bogus)])
    assert result.exit_code == 1
    assert "no <article> elements" in result.output


def test_e2e_eval_event_location():
    scores = eval_json("event-location", SHARED / "data" / "event-location")
    assert {"accuracy", "precision", "recall", "f1", "n"} <= scores.keys()
    assert scores["n"] >= 450  # the gold re-annotation (RELABEL records)
    # Floors under the measured values (accuracy 0.603, F1 0.576 when this test was written).
    assert scores["accuracy"] >= 0.55 and scores["f1"] >= 0.50


GVA = SHARED / "data" / "gva-gun-violence"
ECB = SHARED / "data" / "ecbplus" / "cybulska_setup"


def merge_json(kind: str, gold: Path, required: Path, *options: str) -> dict:
    """Run ``crisislens eval merge KIND GOLD --json``; skip where ../shared lacks the gold data."""
    if not required.is_file():
        pytest.skip(f"{required} not present (a fresh clone without the shared data)")
    result = CliRunner().invoke(app, ["eval", "merge", kind, str(gold), *options, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_e2e_eval_merge_gva_clusters_articles_into_incidents():
    scores = merge_json("gva", GVA, GVA / "gva_articles.jsonl", "--limit", "100")
    assert {"n", "b3_f1", "conll_f1", "incidents", "assignment_rule"} <= scores.keys()
    assert 90 <= scores["n"] <= 100 and scores["incidents"] < scores["n"]
    # Regression floors under the measured figures for these 99 articles (B³ 0.895, CoNLL 0.748
    # when this test was written).
    assert scores["b3_f1"] >= 0.86 and scores["conll_f1"] >= 0.70


def test_e2e_eval_gva_scores_date_place_and_counts_per_incident():
    scores = eval_json("gva", GVA / "gva_articles.jsonl", "--limit", "60")
    assert {"n", "date_exact", "killed_exact", "injured_exact", "place_40km", "killed_mae", "injured_mae", "scoring_rule"} <= scores.keys()
    assert 25 <= scores["n"] <= 60 and scores["articles"] <= 60 and scores["placed_n"] >= scores["n"] - 3
    # Regression floors well under the figures measured on these 44 incidents when this test was written
    # (date 0.61, killed 0.86, injured 0.66, place 0.50).
    assert scores["killed_exact"] >= 0.65 and scores["injured_exact"] >= 0.45
    assert scores["date_exact"] >= 0.45 and scores["place_40km"] >= 0.35


def test_e2e_eval_merge_ecb_dev_topics_and_no_topics():
    scores = merge_json("ecb", ECB, ECB / "ECB_Dev_Event_gold_mentions.json", "--split", "dev", "--limit", "2")
    assert {"n", "conll_f1", "conll_f1_no_topics", "embeddings", "topics", "no_topics"} <= scores.keys()
    assert scores["n"] == 241 and scores["split"] == "dev"
    # Floors under the measured figures on the first two dev topics: with the sentence-embedding
    # model 0.752 / 0.752; by lemma only (the model not installed) 0.675 / 0.660.
    if scores["embeddings"]:
        assert scores["conll_f1"] >= 0.72 and scores["conll_f1_no_topics"] >= 0.72
    else:
        assert scores["conll_f1"] >= 0.64 and scores["conll_f1_no_topics"] >= 0.62


def test_e2e_eval_merge_ecb_missing_split_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["eval", "merge", "ecb", str(tmp_path), "--split", "test"])
    assert result.exit_code == 1
    assert "test split of ECB+ is not in" in result.output


def test_e2e_eval_timeline_scores_one_semeval_corpus():
    corpus = SHARED / "data" / "semeval2015-task4-timeline" / "SemEval_Task4_data" / "corpus_2"
    scores = eval_json("timeline", corpus)
    assert {"precision", "recall", "f1", "corpora", "entities", "system_lines", "gold_lines"} <= scores.keys()
    assert scores["entities"] == 12 and scores["gold_lines"] > 200
    # A regression floor under the measured figures (P 0.42, R 0.014 when this test was written).
    assert scores["precision"] >= 0.2 and scores["recall"] > 0
