"""The CAMEO codebook scorer: loading (with its broken encoding), picking the coded event, scoring."""

from pathlib import Path

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.cameo import CameoScore, load_codebook, repair_mojibake


def test_evaluate_cameo_repairs_utf8_read_as_mac_roman_written_as_cp1252():
    broken = "Moscow’s".encode("utf-8").decode("mac_roman")
    assert repair_mojibake(broken) == "Moscow’s"
    assert repair_mojibake("plain ascii and café") == "plain ascii and café"


def test_evaluate_cameo_loads_rows_with_examples(tmp_path: Path):
    csv_file = tmp_path / "codes.csv"
    rows = [
        '"","code","name","example"',
        '"1","01","MAKE PUBLIC STATEMENT",NA',
        '"2","190","Use conventional military force","Rebels shelled the town\u2019s  market. "',
    ]
    csv_file.write_bytes("\n".join(rows).encode("utf-8").decode("mac_roman").encode("cp1252"))
    examples = load_codebook(csv_file)
    assert [(e.code, e.sentence) for e in examples] == [("190", "Rebels shelled the town’s market.")]


def test_evaluate_cameo_rejects_other_csv(tmp_path: Path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CrisislensError, match="no column code, example"):
        load_codebook(other)


def test_evaluate_cameo_score_counts_root_and_code_hits():
    score = CameoScore()
    score.add("190", "190")
    score.add("193", "190")
    score.add("042", None)
    assert (score.n, score.root_hits, score.code_hits, score.uncoded) == (3, 2, 1, 1)
    assert score.as_json()["root_acc"] == round(2 / 3, 4)
