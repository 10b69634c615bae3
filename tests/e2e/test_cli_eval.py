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
    if not gold.is_file():
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
    assert {"n", "dyad_f1", "root_f1", "code_f1", "per_category"} <= scores.keys()
    assert scores["n"] == 284 and "COMPOUND" in scores["per_category"]
    # A regression floor under the measured dyad F1 (0.21 when this test was written).
    assert scores["dyad_f1"] >= 0.15


def test_e2e_eval_petrarch_agents_need_actors(tmp_path):
    records = tmp_path / "records.xml"
    records.write_text("<V><Sentence id='A-1'><Text>Arnor met Gondor.</Text></Sentence></V>", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "petrarch", str(records), "--agents", str(records)])
    assert result.exit_code == 1
    assert "--agents needs --actors" in result.output
