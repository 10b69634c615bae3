import math
import random
from array import array

import pytest

from crisislens.given import GivenMention, cluster_given_mentions, given_conflict, group_documents, lemma_score
from crisislens.linking import (
    DEFAULT_THRESHOLD,
    MAX_DF,
    WEIGHT_ARTICLES,
    NameEvidence,
    _best_first,
    _name_total,
    article_names,
    link_clusters,
    name_weights,
    sentence_names,
)
from crisislens.models import ActorRef


def test_linking_sentence_names_skip_first_word_and_calendar_words():
    assert sentence_names("Police said Andre O'Neal's family lives on Greenwood Avenue since Monday.") == {"andre", "o'neal", "greenwood"}
    # An upper-case dateline opening the sentence names the town.
    assert "lowell" in sentence_names("LOWELL — Four people were shot outside a party on Midland Street.")
    # Whitespace before the first word leaves it the first word; a quotation mark before it does not.
    assert sentence_names("\n  Smith said Andre left.") == {"andre"}
    assert sentence_names(" \"Smith said Andre left.") == {"smith", "andre"}


def test_linking_rare_names_weigh_more_than_common_ones():
    sentences = [("a", "He met Zed in Springfield."), ("b", "She saw Zed in Springfield.")]
    sentences += [(f"c{i}", f"They live in Springfield and Ohio {i}.") for i in range(300)]
    names = article_names(sentences)
    evidence = NameEvidence(names)
    assert "zed" in evidence.weight and "springfield" not in evidence.weight  # in more than 1% of articles
    assert evidence.score("a", "b") == pytest.approx(evidence.weight["zed"]) and evidence.score("a", "a") == 0.0
    assert article_names(sentences, {"a"}) == {"a": {"zed", "springfield"}}



def test_linking_a_name_in_more_than_max_df_articles_never_counts_however_large_the_corpus():
    frequency = {"victim": MAX_DF, "mayor": MAX_DF + 1}
    assert set(name_weights(frequency, articles=1_000_000)) == {"victim"}  # 1% of the corpus would be 10,000 articles
    assert set(name_weights(frequency | {"street": 5, "suburb": 6}, articles=500)) == {"street"}  # small corpora: 1% still caps


def test_linking_name_weights_stop_growing_with_the_corpus_past_weight_articles():
    frequency = {"victim": 1, "street": MAX_DF}
    assert name_weights({"victim": 1}, articles=999) == {"victim": pytest.approx(math.log(1000))}
    largest = name_weights(frequency, articles=WEIGHT_ARTICLES)
    assert name_weights(frequency, articles=1_000_000) == largest
    assert largest["street"] < DEFAULT_THRESHOLD  # a name in MAX_DF articles never links two articles alone


def test_linking_name_total_is_the_same_float_as_the_sum_over_every_pair_in_order():
    # Ties and thresholds compare scores exactly: skipping pairs that score nothing must not reorder the sum.
    rng = random.Random(7)
    articles = [f"a{i}" for i in range(12)]
    scores: dict[str, dict[str, float]] = {a: {} for a in articles}
    for a in articles:
        for b in articles:
            if a < b and rng.random() < 0.5:
                scores[a][b] = scores[b][a] = rng.uniform(1.0, 20.0)
    for _ in range(200):
        outer = {a: rng.randint(1, 4) for a in rng.sample(articles, rng.randint(1, 6))}
        inner = {a: rng.randint(1, 4) for a in rng.sample(articles, rng.randint(1, 6))}
        naive = 0.0
        for a, na in outer.items():
            for b, nb in inner.items():
                if a != b:
                    naive += scores[a].get(b, 0.0) * na * nb
        assert _name_total(outer, inner, scores) == naive


def test_linking_best_first_ranks_ties_to_the_earlier_partner():
    values, partners = _best_first(array("d", [-5.0, -9.0, -5.0, -6.0]), array("q", [7, 3, 2, 9]))
    assert (list(values), list(partners)) == ([-9.0, -6.0, -5.0, -5.0], [3, 9, 2, 7])


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "a", "b")])
def test_linking_a_grown_cluster_scores_the_mean_of_its_mentions_pairs(order):
    # a shares "zed" with b and "oak" with c; b and c share nothing. a and b link first, then {a, a, b} and c score
    # (2 × 15 + 1 × 0) / 3 mention pairs, whichever cluster comes first.
    evidence = NameEvidence({"a": {"zed", "oak"}, "b": {"zed"}, "c": {"oak", "elm"}}, weight={"zed": 20.0, "oak": 15.0, "elm": 5.0})
    members = {"a": ["a", "a"], "b": ["b"], "c": ["c"]}
    asked: list[float] = []

    def compatible(first, second, score):
        asked.append(score)
        return True

    linked = link_clusters([members[article] for article in order], lambda m: m, evidence, compatible)
    assert asked == [20.0, 10.0]
    assert [sorted(cluster) for cluster in linked] == [["a", "a", "b", "c"]]


def test_linking_compares_only_clusters_whose_days_overlap_and_a_grown_cluster_spans_its_members_days():
    # a and b share the rarest name but their days never meet: they are not compared. c bridges them: a links with
    # c first, and the grown {a, c} reaches b's days.
    evidence = NameEvidence({"a": {"zed", "oak"}, "b": {"zed", "elm"}, "c": {"oak", "elm"}}, weight={"zed": 30.0, "oak": 20.0, "elm": 15.0})
    days = {"a": (1, 5), "b": (10, 12), "c": (4, 11)}
    asked: list[tuple[str, ...]] = []

    def compatible(first, second, score):
        asked.append(tuple(sorted(first + second)))
        return True

    linked = link_clusters([["a"], ["b"], ["c"]], lambda m: m, evidence, compatible, days_of=days.__getitem__)
    assert asked == [("a", "c"), ("a", "b", "c")]
    assert [sorted(cluster) for cluster in linked] == [["a", "b", "c"]]
    # Without days every pair is near in time: the rarest name links a and b first.
    asked.clear()
    link_clusters([["a"], ["b"], ["c"]], lambda m: m, evidence, compatible)
    assert asked[0] == ("a", "b")


def given(mid: str, lemma: str, group: str = "t1", **fields) -> GivenMention:
    return GivenMention(mid, mid.split("/")[0], lemma, lemma, f"... {lemma} ...", group=group, **fields)


def ids(clusters) -> set[frozenset[str]]:
    return {frozenset(m.mention_id for m in c) for c in clusters}


def test_given_mentions_cluster_by_lemma_inside_groups():
    mentions = [given("d1/0", "arrest"), given("d2/0", "arrest"), given("d3/0", "arrest", group="t2"), given("d1/1", "shoot")]
    assert ids(cluster_given_mentions(mentions)) == {frozenset({"d1/0", "d2/0"}), frozenset({"d3/0"}), frozenset({"d1/1"})}
    assert frozenset({"d1/0", "d2/0", "d3/0"}) in ids(cluster_given_mentions(mentions, by_group=False))
    assert ids(cluster_given_mentions(list(reversed(mentions)))) == ids(cluster_given_mentions(mentions))


def test_given_mentions_conflicts_veto_or_penalise():
    cheeks = ActorRef("Maurice Cheeks", "X_MAURICE_CHEEKS", None, None, "person")
    jackson = ActorRef("Phil Jackson", "X_PHIL_JACKSON", None, None, "person")
    a, b = given("d1/0", "fire", target=cheeks, cameo="1823"), given("d2/0", "fire", target=jackson, cameo="1823")
    assert given_conflict(a, b)
    assert not given_conflict(a, given("d3/0", "fire", target=ActorRef("Cheeks", "X_CHEEKS", None, None, "person")))
    assert given_conflict(given("d1/0", "fire", cameo="173"), given("d2/0", "fire", cameo="190"))  # arrest vs violence
    assert not given_conflict(given("d1/0", "fire", cameo="173"), given("d2/0", "fire"))  # unknown never vetoes
    assert len(cluster_given_mentions([a, b])) == 2
    assert len(cluster_given_mentions([a, b], conflict_penalty=0.3)) == 1  # 1 - 0.3 still reaches 0.5
    assert len(cluster_given_mentions([a, b], lemma_score, 0.8, conflict_penalty=0.3)) == 2


def test_given_documents_group_by_vector_similarity():
    vectors = {"a": [1.0, 0.0], "b": [0.9, 0.1], "c": [0.0, 1.0]}
    groups = group_documents(vectors, 0.5)
    assert groups["a"] == groups["b"] != groups["c"]
