"""The shortcuts taken for speed give exactly what the slow paths give; rows append per table;
mentions that may merge share a merge block (what lets a Dask merge split the work)."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from datetime import date, timedelta
from collections import Counter
from itertools import accumulate, islice

import duckdb
import pytest

import crisislens.pipeline
from crisislens.cli.app import sample_dir
from crisislens.distributed import assign_parts
from crisislens.events import _one_death, action_class, events_compatible, merge_block, mentions_compatible
from crisislens.ingest import read_articles
from crisislens.mentions.casualties import NumberWords, parse_number
from crisislens.mentions.lead import TITLE_INDEX
from crisislens.models import Article
from crisislens.nlp.entities import sentence_entities
from crisislens.nlp.text import doc_text, span_text, tokens_text
from crisislens.nlp.tokens import token_table
from crisislens.pipeline import parse_batch, parse_batches, text_pieces
from crisislens.store.blocks import PART_MENTIONS, cut_days, number_windows, part_count
from crisislens.store.duckdb import Store
from crisislens.store.rows import TABLE_COLUMNS, ArticleRows, columns

PHRASES = """5 | 1,000 | 1.5 million | five | Twenty-three | twenty three | a hundred | three hundred and twelve | two dozen |
a | an | dozens | dozens of | a dozen | scores | several | a few | a number of | tens of thousands | several hundred |
no one | nobody | none | at least 5 | more than 20 | nearly 40 | up to 20 | no fewer than 12 | an estimated 300 |
another 3 | some 40 | between 10 and 15 | from 3 to 4 | 12-15 | 12 to 15 | two or three | a few thousand |
five or so | 20-odd | in excess of 100 | a total of 9 | close to 50""".replace("\n", " ").split(" | ")


@pytest.fixture(scope="module")
def words() -> NumberWords:
    return NumberWords.load()


@pytest.mark.parametrize("phrase", PHRASES)
def test_every_number_phrase_starts_with_a_possible_first_word(words: NumberWords, phrase: str) -> None:
    assert parse_number(phrase, words) is not None, phrase
    assert words.may_start_number(phrase.lower().split()[0])


def test_every_number_word_starts_a_number(words: NumberWords) -> None:
    for table in (words.units, words.tens, words.vague):
        for key in table:
            if parse_number(key, words) is not None:
                assert words.may_start_number(key.split()[0]), key


@pytest.mark.parametrize("word", ["police", "the", "killed", "monday", "year", ",", "said"])
def test_ordinary_words_start_no_number(words: NumberWords, word: str) -> None:
    assert parse_number(word, words) is None
    assert not words.may_start_number(word)


def _sample_texts() -> list[str]:
    """The texts of the first eight articles of the bundled sample corpus."""
    return [a.text for a in islice(read_articles([sample_dir()]), 8) if isinstance(a, Article)]


@pytest.mark.model
def test_sentence_entities_are_the_sentence_ents(nlp) -> None:
    sentences = 0
    for doc in nlp.pipe(_sample_texts()):
        for sentence in doc.sents:
            assert sentence_entities(sentence) == list(sentence.ents)
            sentences += 1
    assert sentences > 50


@pytest.mark.model
def test_span_and_doc_texts_are_spacys(nlp) -> None:
    spans = 0
    for doc in nlp.pipe([*_sample_texts(), "Two men were shot.  ", "  "]):
        assert doc_text(doc) == doc.text
        for span in [*doc.sents, *doc.ents, *(doc[i : i + 3] for i in range(0, len(doc), 7)), doc[0:0]]:
            assert span_text(span) == span.text
            spans += 1
    assert spans > 200


@pytest.mark.model
def test_token_table_is_spacys(nlp) -> None:
    tokens = 0
    for doc in nlp.pipe([*_sample_texts(), "Two men were shot.  ", "  "]):
        table = token_table(doc)
        for t in doc:
            i = t.i
            assert (table.text[i], table.text_with_ws[i], table.idx[i], table.lower[i]) == (t.text, t.text_with_ws, t.idx, t.lower_)
            assert (table.lemma[i], table.pos[i], table.tag[i], table.dep[i], table.ent_type[i]) == (t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.ent_type_)
            assert (table.head[i], table.children[i]) == (t.head.i, tuple(c.i for c in t.children))
            assert (table.ancestors(i), table.subtree(i)) == ([a.i for a in t.ancestors], [s.i for s in t.subtree])
            assert (table.sent_start[i], table.sent_end[i]) == (t.sent.start, t.sent.end)
            assert table.conjuncts(i) == [c.i for c in t.conjuncts]
            tokens += 1
        for span in [*doc.ents, *(doc[i : i + length] for length in (1, 2, 4, 9) for i in range(0, len(doc) - length + 1, 3))]:
            assert table.span_root(span.start, span.end) == span.root.i
        for start in range(0, len(doc), 5):
            end = min(start + 3, len(doc))
            assert tokens_text(doc, start, end) == doc[start:end].text
    assert tokens > 1000


def test_the_merge_does_not_load_spacy() -> None:
    # Each merge process is spawned and imports the store: spaCy would add ~2 CPU-s to each.
    script = "import sys, crisislens.store.duckdb; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_columns_transpose_rows() -> None:
    assert columns([(1, "a"), (2, None)], 2) == [[1, 2], ["a", None]]
    assert columns([], 3) == [[], [], []]


def test_rows_are_appended_per_table_and_replace_earlier_versions(tmp_path) -> None:
    rows = ArticleRows()
    rows.article_ids += ["a1", "a2"]
    rows.tables["articles"] += [
        ("a1", "h1", None, date(2020, 1, 4), None, None, None, None, None, "one"),
        ("a2", "h2", "Title", None, "AFP", None, None, None, None, "two"),
    ]
    rows.tables["sentences"] += [("a1", 0, "one", 0, 3), ("a2", 0, "two", 0, 3)]
    with Store(tmp_path / "rows.duckdb") as store:
        store.write_rows(rows)
        store.write_rows(rows)  # the same articles again: replaced, not doubled
        assert store.article_hashes(["a1", "a2", "a3"]) == {"a1": "h1", "a2": "h2"}
        assert store.counts()["sentences"] == 2
        assert store.events_stale()
    assert set(TABLE_COLUMNS) == {"articles", "sentences", "actor_mentions", "mentions"}
    assert all(re.fullmatch(r"[a-z_]+", c) for names in TABLE_COLUMNS.values() for c in names)


@pytest.mark.model
def test_sentence_entities_do_not_keep_documents_alive(nlp) -> None:
    import gc
    import weakref

    doc = nlp("Iran fired missiles at US bases in Iraq. Soleimani was killed in Baghdad.")
    assert [e.text for s in doc.sents for e in sentence_entities(s)] == [e.text for e in doc.ents]
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None


@pytest.fixture(scope="module")
def sample_mentions(pipeline) -> list:
    articles = [a for a in read_articles([sample_dir()]) if isinstance(a, Article)]
    return [m for result in pipeline.process(articles) if isinstance(result, tuple) for m in result[1].mentions]


def _may_merge(a, b) -> bool:
    """Mention by mention, or as clusters of one mention with every rare name shared (the widest date rules)."""
    return (
        mentions_compatible(a, b)
        or (action_class(a) == action_class(b) and _one_death(a, b))
        or events_compatible([a], [b], math.inf)
    )


@pytest.mark.model
def test_mentions_that_may_merge_share_a_merge_block(sample_mentions) -> None:
    pairs = 0
    for i, a in enumerate(sample_mentions):
        kind_a, start_a, end_a, killed_a = merge_block(a)
        for b in sample_mentions[i + 1 :]:
            if _may_merge(a, b):
                kind_b, start_b, end_b, killed_b = merge_block(b)
                pairs += 1
                assert kind_a == kind_b
                assert (start_a <= end_b and start_b <= end_a) or (killed_a is not None and killed_a == killed_b), (a, b)
    assert pairs > 20


def test_windows_joined_by_a_killed_person_go_to_one_part() -> None:
    windows = [("violence", 1, 50), ("violence", 2, 5), ("violence", 3, 40), ("04", 1, 30), ("violence", 4, 1)]
    parts, count = assign_parts(windows, killings=[("violence", [2, 4])], at_least=3)
    part = {(kind, number): p for kind, number, p in parts}
    assert count == 3
    assert part["violence", 2] == part["violence", 4]
    assert len(set(part.values())) == 3  # the three largest blocks on three parts
    assert part["violence", 1] != part["violence", 3]



def test_killings_join_windows_only_up_to_the_block_cap() -> None:
    windows = [("violence", 1, 6), ("violence", 2, 5), ("violence", 3, 4), ("violence", 4, 3)]
    killings = [("violence", [1, 2]), ("violence", [2, 3]), ("violence", [3, 4])]
    part = {(kind, number): p for kind, number, p in assign_parts(windows, killings, at_least=4, cap=12)[0]}
    assert part["violence", 1] == part["violence", 2]  # 11 mentions
    assert part["violence", 3] != part["violence", 2]  # joining it would make 15
    assert part["violence", 3] == part["violence", 4]  # 7: joined
    assert len({p for kind, number, p in assign_parts(windows, killings, at_least=4, cap=18)[0]}) == 1


def test_blocks_too_large_for_the_emptiest_part_open_a_new_part() -> None:
    windows = [("violence", 1, 6), ("violence", 2, 6), ("04", 1, 6), ("04", 2, 2)]
    parts, count = assign_parts(windows, killings=[], part_mentions=10)
    assert count == 3  # 20 mentions fit two parts of 10 on average, but no two blocks of 6 share one
    assert len({part for *_, part in parts[:3]}) == 3
    assert assign_parts(windows[:2] + windows[3:], killings=[], part_mentions=10)[1] == 2  # 6 + 2 and 6


def test_part_count_gives_parts_of_at_most_part_mentions_on_average() -> None:
    assert part_count(0) == 1 and part_count(PART_MENTIONS) == 1 and part_count(PART_MENTIONS + 1) == 2
    assert part_count(25, part_mentions=10) == 3
    assert part_count(25, part_mentions=10, at_least=4) == 4  # a Dask merge asks for a part per worker at least

def _stream(days: dict[int, int], reach: int) -> list[tuple[date, date]]:
    """(reach start, reach end) of the mentions of a news stream: ``days[d]`` mentions on day d, each reaching ``reach`` days on."""
    first = date(2024, 1, 1)
    return [(first + timedelta(d), first + timedelta(d + reach)) for d, count in sorted(days.items()) for _ in range(count)]


def _cuts(mentions: list[tuple[date, date]], cap: int) -> list[date]:
    starts = sorted(Counter(start for start, _ in mentions).items())
    return cut_days(starts, sorted(end for _, end in mentions), cap)


def test_a_long_window_is_cut_where_the_fewest_reaches_run_across() -> None:
    days = {d: 10 for d in range(10)} | {5: 1}  # a quiet day: on day 6 fewer earlier reports still reach on
    mentions = _stream(days, reach=1)
    cuts = _cuts(mentions, cap=60)
    assert cuts == [date(2024, 1, 7)]
    assert sum(1 for start, _ in mentions if start < cuts[0]) <= 60


def test_pieces_hold_at_most_the_cap_unless_one_day_alone_exceeds_it() -> None:
    mentions = _stream({d: 7 for d in range(30)}, reach=30)
    cuts = _cuts(mentions, cap=50)
    bounds = [date.min, *cuts, date.max]
    pieces = [sum(1 for start, _ in mentions if low <= start < high) for low, high in zip(bounds, bounds[1:])]
    assert sum(pieces) == len(mentions) and max(pieces) <= 50 and min(pieces) >= 25
    assert _cuts(_stream({0: 80, 1: 5}, reach=3), cap=50) == [date(2024, 1, 2)]
    assert _cuts(_stream({0: 80}, reach=3), cap=50) == []


def test_windows_are_cut_only_over_the_cap_and_keep_their_mentions() -> None:
    db = duckdb.connect()
    db.execute("CREATE TABLE keys (mention_id VARCHAR, article_id VARCHAR, kind VARCHAR, reach_start DATE, reach_end DATE, killed VARCHAR)")
    stream = _stream({d: 5 for d in range(20)}, reach=2)
    rows = [(f"m{i}", f"a{i}", "violence", start, end, None) for i, (start, end) in enumerate(stream)]
    rows.append(("lone", "b", "04", date(2024, 1, 1), date(2024, 1, 2), None))
    db.executemany("INSERT INTO keys VALUES (?, ?, ?, ?, ?, ?)", rows)
    number_windows(db, "keys", cap=1000)
    assert db.execute("SELECT kind, count(DISTINCT window_no), count(*) FROM windows GROUP BY kind ORDER BY kind").fetchall() == [("04", 1, 1), ("violence", 1, 100)]
    number_windows(db, "keys", cap=30)
    sizes = db.execute("SELECT count(*) FROM windows WHERE kind = 'violence' GROUP BY window_no").fetchall()
    assert sum(n for (n,) in sizes) == 100 and max(n for (n,) in sizes) <= 30 and len(sizes) >= 4
    assert db.execute("SELECT count(DISTINCT mention_id) FROM windows").fetchone() == (101,)


def test_parse_batches_are_cut_at_the_size_or_the_characters_and_keep_every_text_once_in_order() -> None:
    items = [("x" * length, n) for n, length in enumerate([10, 10, 10, 50, 5, 5, 5, 5, 5, 100, 1])]
    batches = list(parse_batches(items, size=4, chars=30))
    assert [item for batch in batches for item in batch] == items
    assert [[n for _, n in batch] for batch in batches] == [[0, 1, 2], [3], [4, 5, 6, 7], [8], [9], [10]], "a longer text goes alone"
    assert list(parse_batches([], size=4, chars=30)) == []


@pytest.mark.model
def test_parsing_in_batches_cut_by_characters_gives_the_same_mentions(pipeline, monkeypatch) -> None:
    articles = [a for a in read_articles([sample_dir()]) if isinstance(a, Article)]

    def mentions() -> list:
        return [m for result in pipeline.process(articles) if isinstance(result, tuple) for m in result[1].mentions]

    whole = mentions()
    monkeypatch.setattr(crisislens.pipeline, "PARSE_BATCH_CHARS", max(len(a.text) for a in articles) // 2)
    assert mentions() == whole and whole


@pytest.mark.parametrize(
    ("text", "chars", "pieces"),
    [
        ("Aa bb.\n\nCc dd.\nEe ff. Gg", 20, ["Aa bb.\n\n", "Cc dd.\nEe ff. Gg"]),
        ("Aa bb. Cc\nDd ee. Ff gg", 15, ["Aa bb. Cc\n", "Dd ee. Ff gg"]),
        ("Aa bb. Cc dd ee ff", 12, ["Aa bb. ", "Cc dd ee ff"]),
        ("Aa bb cc dd ee", 8, ["Aa bb ", "cc dd ee"]),
        ("Aaaaaaaaaaaa bb", 5, ["Aaaaaaaaaaaa ", "bb"]),
        ("Aa bb.\n\nCc", 20, ["Aa bb.\n\nCc"]),
    ],
    ids=["paragraph", "line", "sentence", "word", "no-whitespace", "short"],
)
def test_a_long_text_is_cut_after_a_whitespace_run_at_its_best_boundary(text: str, chars: int, pieces: list[str]) -> None:
    assert text_pieces(text, chars) == pieces


def test_text_pieces_join_to_the_text_each_within_the_limit_and_cut_where_whitespace_meets_a_word() -> None:
    text = "".join(f"Sentence {n} says{' ' * (n % 3 + 1)}something.{chr(10) * (n % 4)} " for n in range(200))
    pieces = text_pieces(text, 120)
    assert "".join(pieces) == text and len(pieces) > 10
    assert all(len(piece) <= 120 for piece in pieces)
    assert all(piece[-1].isspace() and following[0].strip() for piece, following in zip(pieces, pieces[1:]))


@pytest.mark.model
def test_a_text_parsed_in_pieces_is_one_doc_with_the_texts_tokens_and_offsets(nlp) -> None:
    text = "\n\n".join(a.text for a in read_articles([sample_dir()]) if isinstance(a, Article))
    chars = len(text) // 4
    [(doc, context)] = parse_batch(nlp, [(text, "long")], chars)
    assert context == "long" and doc.text == text
    assert [(t.text, t.idx) for t in doc] == [(t.text, t.idx) for t in nlp.tokenizer(text)], "no piece boundary inside a token"
    assert all(text[span.start_char : span.end_char] == span.text for span in (*doc.sents, *doc.ents)) and doc.ents
    piece_starts = list(accumulate(len(piece) for piece in text_pieces(text, chars)))[:-1]
    assert len(piece_starts) >= 3 and set(piece_starts) <= {sentence.start_char for sentence in doc.sents}, "each piece starts a sentence"


@pytest.mark.model
def test_an_article_parsed_in_pieces_keeps_every_stored_offset_valid(pipeline, monkeypatch) -> None:
    articles = [a for a in read_articles([sample_dir()]) if isinstance(a, Article)]
    monkeypatch.setattr(crisislens.pipeline, "PARSE_BATCH_CHARS", 400)
    results = [result for result in pipeline.process(articles) if isinstance(result, tuple)]
    assert len(results) == len(articles) and any(len(a.text) > 400 for a in articles)
    spans = [(article, span) for article, extraction in results for span in (*extraction.sentences, *(m.span for m in extraction.mentions))]
    assert all(article.text[span.start : span.end] == span.sentence for article, span in spans if span.sentence_index != TITLE_INDEX)
