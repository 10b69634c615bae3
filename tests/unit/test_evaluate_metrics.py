"""The shared scores: micro match counts and single-label classification (macro over gold classes)."""

import pytest

from crisislens.evaluate.metrics import Classification, MatchCounts


def test_evaluate_metrics_match_counts_are_micro_averaged():
    counts = MatchCounts()
    counts.add(predicted=1, gold=2, matched=1)
    counts.add(predicted=1, gold=1, matched=0)
    counts.add(predicted=0, gold=1, matched=0)
    assert counts.precision == 0.5 and counts.recall == 0.25
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert MatchCounts().f1 == 0.0


def test_evaluate_metrics_classification_macro_is_over_gold_classes():
    score = Classification.of([("ASSAULT", "ASSAULT"), ("ASSAULT", "none"), ("AGREE", "ASSAULT"), ("AGREE", "AGREE"), ("REQUEST", "COERCE")])
    assert score.n == 5 and score.accuracy == pytest.approx(0.4)
    per_class = {row.label: row for row in score.per_class()}
    assert set(per_class) == {"AGREE", "ASSAULT", "REQUEST"}
    assert (per_class["ASSAULT"].precision, per_class["ASSAULT"].recall) == (0.5, 0.5)
    assert (per_class["AGREE"].precision, per_class["AGREE"].recall) == (1.0, 0.5)
    assert score.macro_f1 == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)
    assert score.weighted_f1 == pytest.approx((0.5 * 2 + 2 / 3 * 2) / 5)
    assert score.confusions(1)[0][1] == 1
