import json

import pytest

from crisislens.errors import CrisislensError
from crisislens.evaluate.merge_ecb import EcbSplit, document_texts, first_topics, gold_clusters, load_split, score_split, tfidf_vectors
from crisislens.evaluate.merge_gva import MentionRow, ingest_and_read, load_gva, main_events, mention_row, score_assignment
from crisislens.models import EventMention, MentionSpan


def write_gva(folder, records):
    (folder / "gva_articles.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


def gva_record(incident: str, doc: str) -> dict:
    return {"incident_id": incident, "doc_id": doc, "title": f"title {doc}", "dct": "2016-01-10", "uri": "http://x", "content": f"text {doc}"}


def test_gva_limit_keeps_whole_incidents_and_documents_once(tmp_path):
    write_gva(tmp_path, [gva_record("1", "a"), gva_record("1", "b"), gva_record("2", "c"), gva_record("3", "a"), gva_record("3", "d")])
    assert [(x.doc_id, x.incident_id) for x in load_gva(tmp_path)] == [("a", "1"), ("b", "1"), ("c", "2"), ("d", "3")]
    assert [x.doc_id for x in load_gva(tmp_path, limit=2)] == ["a", "b"]
    assert [x.doc_id for x in load_gva(tmp_path / "gva_articles.jsonl", limit=3)] == ["a", "b", "c"]
    with pytest.raises(CrisislensError, match="gva_articles.jsonl"):
        load_gva(tmp_path / "missing")


def test_gva_main_event_is_the_violent_one_with_most_mentions():
    rows = [
        MentionRow("a", 0, 0, "arrest", "173"),
        MentionRow("a", 1, 0, "shooting", "193"),
        MentionRow("a", 2, 0, "other-shooting", "190"),
        MentionRow("a", 3, 0, "shooting", "190"),
        MentionRow("b", 0, 0, "vigil", "141"),
        MentionRow("c", 0, 0, "x", "190"),
        MentionRow("c", 1, 0, "y", "190"),
    ]
    assert main_events(rows) == {"a": "shooting", "b": "vigil", "c": "x"}  # c: a tie goes to the first reported


def test_gva_main_event_counts_what_the_article_tells_as_fact():
    rows = [
        MentionRow("a", 0, 0, "maybe", "193", as_fact=False),  # "not sure if the boy shot himself"
        MentionRow("a", 1, 0, "maybe", "193", as_fact=False),
        MentionRow("a", 2, 0, "shooting", "193"),
        MentionRow("b", 0, 0, "maybe", "193", as_fact=False),
        MentionRow("b", 1, 0, "arrest", "173"),
    ]
    assert main_events(rows) == {"a": "shooting", "b": "maybe"}  # b: with nothing told as fact, the hypothetical counts


def test_gva_main_event_tie_goes_to_the_event_dated_to_a_day():
    rows = [
        MentionRow("a", 0, 0, "in-passing", "193"),  # "two days after he was injured in a shooting"
        MentionRow("a", 1, 0, "shooting", "193", day_dated=True),  # "… the shooting on Saturday at around 4 p.m."
        MentionRow("b", 0, 0, "first", "193"),
        MentionRow("b", 1, 0, "first", "193"),
        MentionRow("b", 2, 0, "dated", "193", day_dated=True),
    ]
    assert main_events(rows) == {"a": "shooting", "b": "first"}  # b: a date does not outweigh more mentions


def test_gva_main_event_is_the_one_that_hurt_someone():
    rows = [
        MentionRow("a", 0, 0, "capture", "192"),  # "the gator was captured Tuesday"
        MentionRow("a", 1, 0, "capture", "192"),
        MentionRow("a", 2, 0, "shooting", "193", hurts=True),  # "a 2-year-old boy was shot and killed"
        MentionRow("b", 0, 0, "chase", "190"),
        MentionRow("b", 1, 0, "chase", "190"),
        MentionRow("b", 2, 0, "shooting", "193"),
    ]
    assert main_events(rows) == {"a": "shooting", "b": "chase"}  # b: with nobody hurt, the most mentions win


def stored_mention(fatalities: int | None, injured: int | None) -> EventMention:
    return EventMention(
        mention_id="m", span=MentionSpan("a", 2, "Two people were shot.", 0, 21), trigger="shot", source=None, target=None,
        cameo="193", goldstein=-10.0, quad_class=4, plover="ASSAULT", acled_type=None, time=None, place=None,
        fatalities=fatalities, injured=injured, reported_by=None, negated=False, hypothetical=False, published=None,
    )  # fmt: skip


@pytest.mark.parametrize(("fatalities", "injured", "hurts"), [(1, None, True), (None, 2, True), (0, 0, False), (None, None, False)])
def test_gva_mention_row_tells_whether_the_mention_hurt_someone(fatalities, injured, hurts):
    row = mention_row(stored_mention(fatalities, injured), "e1")
    assert (row.article_id, row.sentence_index, row.event_id, row.hurts) == ("a", 2, "e1", hurts)


def test_gva_articles_without_events_are_their_own_clusters(tmp_path):
    write_gva(tmp_path, [gva_record("1", "a"), gva_record("1", "b"), gva_record("2", "c")])
    articles = load_gva(tmp_path)
    perfect = score_assignment(articles, {"a": "e1", "b": "e1", "c": "e2"})
    assert perfect.coref.b3.f1 == 1.0 and perfect.as_json()["n"] == 3
    missing = score_assignment(articles, {"a": "e1", "c": "e1"})
    assert missing.unassigned == 1 and missing.coref.b3.precision < 1.0 and missing.coref.b3.recall < 1.0


def write_ecb(folder):
    corpus = ["1_1ecb\t0\t0\tPolice\t-", "1_1ecb\t0\t1\tarrested\tACT1", "1_1ecb\t0\t2\thim\t-", "1_2ecb\t1\t0\tHe\t-",
              "1_2ecb\t1\t1\twas\t-", "1_2ecb\t1\t2\tarrested\tACT1", "2_1ecbplus\t0\t0\tShe\t-", "2_1ecbplus\t0\t1\twon\tACT2"]  # fmt: skip
    (folder / "ECB_Dev_corpus.txt").write_text("\n".join(corpus) + "\n", encoding="utf-8")
    mentions = [
        {"coref_chain": "ACT1", "doc_id": "1_1ecb", "sent_id": 0, "tokens_number": [1], "tokens_str": "arrested"},
        {"coref_chain": "ACT1", "doc_id": "1_2ecb", "sent_id": 1, "tokens_number": [2], "tokens_str": "arrested"},
        {"coref_chain": "ACT2", "doc_id": "2_1ecbplus", "sent_id": 0, "tokens_number": [1], "tokens_str": "won"},
    ]
    (folder / "ECB_Dev_Event_gold_mentions.json").write_text(json.dumps(mentions), encoding="utf-8")


def test_ecb_split_loads_texts_offsets_and_topics(tmp_path):
    write_ecb(tmp_path)
    split = load_split(tmp_path, "dev")
    assert [m.topic for m in split.mentions] == ["1", "1", "2"]
    text, offsets = document_texts(split)["1_2ecb"]
    start, end = offsets[1, 2]
    assert text[start:end] == "arrested"
    assert sorted(map(len, gold_clusters(split.mentions))) == [1, 2]
    assert len(first_topics(split, 1).mentions) == 2
    ids = [m.mention_id for m in split.mentions]
    score = score_split(split, [ids[:2], ids[2:]], [ids], None)
    assert score.topics.conll_f1 == 1.0 and score.no_topics.conll_f1 < 1.0
    with pytest.raises(CrisislensError, match="test split of ECB"):
        load_split(tmp_path, "test")


def test_ecb_tfidf_weighs_only_what_tells_documents_apart():
    sentences = {
        ("1_1ecb", 0): "The quake hit Chile on Monday".split(),
        ("1_2ecb", 0): "A quake struck Chile on Monday".split(),
        ("1_1ecbplus", 0): "The quake struck Japan".split(),
    }
    vectors = tfidf_vectors(EcbSplit("dev", sentences, []), ["1_1ecb", "1_2ecb", "1_1ecbplus"])
    cosine = {(a, b): sum(x * y for x, y in zip(vectors[a], vectors[b])) for a in vectors for b in vectors}
    assert cosine["1_1ecb", "1_2ecb"] > cosine["1_2ecb", "1_1ecbplus"] > 0
    assert cosine["1_1ecb", "1_1ecbplus"] == 0  # "quake", in all three, weighs nothing
    assert all(abs(sum(x * x for x in v) - 1) < 1e-9 for v in vectors.values())


def test_gva_evaluation_refuses_to_keep_its_database_in_an_existing_file(tmp_path):
    """An ingest skips stored articles: an old database would score the code that filled it, not this one."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(b"")
    with pytest.raises(CrisislensError, match="already exists"):
        ingest_and_read([], lambda store: None, keep=old)
