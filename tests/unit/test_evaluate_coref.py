import itertools
import random

import numpy as np
import pytest

from crisislens.evaluate.coref import b_cubed, ceaf_e, clusters_from_labels, hungarian_min, muc, score_clusters

# Pradhan et al. (2014), "Scoring Coreference Partitions of Predicted Mentions", figure 1:
# key {a b c} {d e f g}, response {a b} {c d} {f g h i} (e is missing, h and i are extra).
KEY = [set("abc"), set("defg")]
RESPONSE = [set("ab"), set("cd"), set("fghi")]


def close(value: float, expected: float) -> bool:
    return value == pytest.approx(expected, abs=1e-4)


def test_coref_textbook_example_matches_the_reference_scorer():
    scores = score_clusters(KEY, RESPONSE)
    assert close(scores.muc.recall, 0.40) and close(scores.muc.precision, 0.40)
    assert close(scores.b3.recall, 0.4167) and close(scores.b3.precision, 0.50)
    assert close(scores.ceafe.recall, 0.65) and close(scores.ceafe.precision, 0.4333)
    assert close(scores.conll_f1, (0.40 + 0.4545 + 0.52) / 3)


def test_coref_identical_partitions_score_one():
    scores = score_clusters(KEY, KEY)
    assert scores.muc.f1 == scores.b3.f1 == scores.ceafe.f1 == scores.conll_f1 == 1.0


def test_coref_all_singletons_against_one_chain():
    key = [set("abcd")]
    response = [{x} for x in "abcd"]
    assert muc(key, response).recall == 0.0  # no link found
    b3 = b_cubed(key, response)
    assert b3.precision == 1.0 and b3.recall == 0.25
    ceafe = ceaf_e(key, response)
    assert close(ceafe.recall, 2 / 5) and close(ceafe.precision, 2 / 5 / 4)


def test_coref_one_big_response_cluster():
    key = [{"a", "b"}, {"c"}, {"d"}]
    response = [{"a", "b", "c", "d"}]
    b3 = b_cubed(key, response)
    assert b3.recall == 1.0 and close(b3.precision, (2 * 0.5 + 0.25 + 0.25) / 4)
    assert muc(key, response).recall == 1.0 and close(muc(key, response).precision, 1 / 3)


def test_coref_singletons_add_nothing_to_muc():
    assert muc([{"a"}, {"b"}], [{"a"}, {"b"}]).f1 == 0.0  # no links either side: 0/0 counts as 0


def test_coref_item_in_two_clusters_is_an_error():
    with pytest.raises(ValueError, match="two clusters"):
        score_clusters([{"a", "b"}, {"b"}], [{"a"}])


def test_coref_clusters_from_labels():
    clusters = clusters_from_labels({"d1": "i1", "d2": "i1", "d3": "i2"})
    assert sorted(map(sorted, clusters)) == [["d1", "d2"], ["d3"]]


def test_coref_hungarian_finds_the_cheapest_assignment():
    rng = random.Random(7)
    for _ in range(100):
        n = rng.randint(1, 5)
        m = rng.randint(n, 6)
        cost = np.array([[rng.random() for _ in range(m)] for _ in range(n)])
        chosen = hungarian_min(cost)
        assert len(set(chosen)) == n
        best = min(sum(cost[i, p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
        assert sum(cost[i, chosen[i]] for i in range(n)) == pytest.approx(best)
