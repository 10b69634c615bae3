"""ECB+ cross-document event coreference (the Cybulska and Vossen split as ``cybulska_setup``).

Each split has ``ECB_<Split>_corpus.txt`` (TSV: doc id, sentence number, token number, token,
coreference tag) holding only the annotated sentences, and ``ECB_<Split>_Event_gold_mentions.json``
(the gold event mentions with their chains). The mentions are given; crisislens builds its own
representation of each from its sentence — the trigger's lemma, its CAMEO code from crisislens's
verb knowledge, the actors, time and place the pipeline finds there — and clusters them with
``crisislens.events.cluster_given_mentions``. Scores are MUC, B³, CEAF-e and CoNLL F1 over all
mentions (singletons included), once with clusters confined to the corpus's topics (how most
papers report ECB+) and once over the whole split at once. With sentence embeddings, documents
are first grouped into stories (by their sentence vectors and the TF-IDF of their words) and
mentions only join inside a story.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from crisislens.errors import CrisislensError
from crisislens.evaluate.coref import CorefScores, score_clusters
from crisislens.embeddings import Embedder
from crisislens.given import GivenMention, cluster_given_mentions, group_documents, lemma_score

SPLITS = {"train": "Train", "dev": "Dev", "test": "Test"}
# Tuned on the dev split (see the README's results table for what each part adds).
# Mean document similarity (the average of the sentence-vector cosine and the TF-IDF cosine) for
# two document groups to join: dev CoNLL F1 is 0.754-0.761 (with and without topics) anywhere
# from 0.275 to 0.325 and drops outside, so the middle of that plateau.
DOCUMENT_THRESHOLD = 0.3
TRIGGER_THRESHOLD = 0.55  # mean cosine of trigger-word vectors for two mention clusters to join
LEMMA_THRESHOLD = 0.5  # without embeddings: same lemma (score 1) joins, different (0) does not
CONFLICT_PENALTY = 0.3
HALF = math.sqrt(0.5)  # weight of each unit part in a joined document vector


@dataclass(frozen=True, slots=True)
class GoldMention:
    mention_id: str
    doc_id: str
    sent_id: int
    tokens: tuple[int, ...]
    text: str
    chain: str

    @property
    def topic(self) -> str:
        return self.doc_id.split("_", 1)[0]


@dataclass(frozen=True, slots=True)
class EcbSplit:
    name: str
    sentences: dict[tuple[str, int], list[str]]  # (doc id, sentence number) -> tokens
    mentions: list[GoldMention]


@dataclass(frozen=True, slots=True)
class EcbScore:
    split: str
    topics: CorefScores
    no_topics: CorefScores
    documents: int
    embeddings: str | None  # the sentence-embedding model used, or None

    def as_json(self) -> dict[str, object]:
        return {
            "split": self.split,
            "n": self.topics.items,
            "documents": self.documents,
            "conll_f1": round(self.topics.conll_f1, 4),
            "conll_f1_no_topics": round(self.no_topics.conll_f1, 4),
            "topics": self.topics.as_json(),
            "no_topics": self.no_topics.as_json(),
            "embeddings": self.embeddings,
        }


def split_files(directory: str | Path, split: str) -> tuple[Path, Path]:
    directory = Path(directory)
    if split not in SPLITS:
        raise CrisislensError(f"unknown split {split!r} (use {', '.join(SPLITS)})")
    name = SPLITS[split]
    corpus = directory / f"ECB_{name}_corpus.txt"
    mentions = directory / f"ECB_{name}_Event_gold_mentions.json"
    for path in (corpus, mentions):
        if not path.is_file():
            raise CrisislensError(f"{path}: not found (the {split} split of ECB+ is not in {directory})")
    return corpus, mentions


def load_split(directory: str | Path, split: str = "dev") -> EcbSplit:
    """The sentences and gold event mentions of one split."""
    corpus, mentions_file = split_files(directory, split)
    sentences: dict[tuple[str, int], list[str]] = defaultdict(list)
    try:
        with corpus.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
                if not row:
                    continue
                if len(row) < 4:
                    raise CrisislensError(f"{corpus}:{number}: expected doc, sentence, token number, token")
                doc, sent, token_number, token = row[:4]
                tokens = sentences[doc, int(sent)]
                if int(token_number) != len(tokens):
                    raise CrisislensError(f"{corpus}:{number}: token {token_number} out of order")
                tokens.append(token)
        records = json.loads(mentions_file.read_text(encoding="utf-8"))
    except OSError as error:
        raise CrisislensError(f"{error.filename}: cannot read: {error.strerror}") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise CrisislensError(f"{split} split of ECB+: unreadable ({error})") from error
    mentions = []
    for index, record in enumerate(records):
        try:
            mention = GoldMention(
                f"{record['doc_id']}/{record['sent_id']}/{index}",
                record["doc_id"],
                int(record["sent_id"]),
                tuple(int(t) for t in record["tokens_number"]),
                record["tokens_str"],
                record["coref_chain"],
            )
        except (KeyError, TypeError, ValueError) as error:
            raise CrisislensError(f"{mentions_file}: mention {index} malformed ({error})") from error
        if (mention.doc_id, mention.sent_id) not in sentences:
            raise CrisislensError(f"{mentions_file}: mention {index} in a sentence the corpus lacks ({mention.doc_id} {mention.sent_id})")
        mentions.append(mention)
    if not mentions:
        raise CrisislensError(f"{mentions_file}: no event mentions")
    return EcbSplit(split, dict(sentences), mentions)


def first_topics(split: EcbSplit, count: int | None) -> EcbSplit:
    """Only the mentions and sentences of the first ``count`` topics in numeric order (all when None)."""
    if count is None:
        return split
    topics = sorted({m.topic for m in split.mentions}, key=lambda t: (len(t), t))[:count]
    keep = set(topics)
    mentions = [m for m in split.mentions if m.topic in keep]
    sentences = {key: tokens for key, tokens in split.sentences.items() if key[0].split("_", 1)[0] in keep}
    return EcbSplit(split.name, sentences, mentions)


def document_texts(split: EcbSplit) -> dict[str, tuple[str, dict[tuple[int, int], tuple[int, int]]]]:
    """Each document as text (one annotated sentence per line) and the character span of every token."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for doc, sent in split.sentences:
        by_doc[doc].append(sent)
    texts = {}
    for doc, numbers in by_doc.items():
        parts: list[str] = []
        offsets: dict[tuple[int, int], tuple[int, int]] = {}
        position = 0
        for sent in sorted(numbers):
            for t, token in enumerate(split.sentences[doc, sent]):
                if t:
                    parts.append(" ")
                    position += 1
                offsets[sent, t] = (position, position + len(token))
                parts.append(token)
                position += len(token)
            parts.append("\n")
            position += 1
        texts[doc] = ("".join(parts), offsets)
    return texts


def represent(split: EcbSplit, progress: Callable[[], None] | None = None) -> list[GivenMention]:
    """crisislens's own view of every gold mention: parse each document, run the extractor, read the trigger."""
    from crisislens.evaluate.ecb_represent import MentionReader

    reader = MentionReader()
    texts = document_texts(split)
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for mention in split.mentions:
        by_doc[mention.doc_id].append(mention)
    given: dict[str, GivenMention] = {}
    for doc in sorted(by_doc):
        text, offsets = texts[doc]
        spans = {m.mention_id: [offsets[m.sent_id, t] for t in m.tokens if (m.sent_id, t) in offsets] for m in by_doc[doc]}
        for m, represented in zip(by_doc[doc], reader.read(doc, text, [spans[m.mention_id] for m in by_doc[doc]], topic=by_doc[doc][0].topic)):
            given[m.mention_id] = replace(represented, mention_id=m.mention_id)
        if progress is not None:
            progress()
    return [given[m.mention_id] for m in split.mentions]


def gold_clusters(mentions: Iterable[GoldMention]) -> list[set[str]]:
    chains: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        chains[mention.chain].add(mention.mention_id)
    return list(chains.values())


def score_split(split: EcbSplit, topic_clusters: Sequence[Iterable[str]], global_clusters: Sequence[Iterable[str]], embeddings: str | None) -> EcbScore:
    key = gold_clusters(split.mentions)
    return EcbScore(
        split.name,
        score_clusters(key, [set(c) for c in topic_clusters]),
        score_clusters(key, [set(c) for c in global_clusters]),
        len({m.doc_id for m in split.mentions}),
        embeddings,
    )


@dataclass(frozen=True, slots=True)
class Clustering:
    topics: list[list[str]]
    no_topics: list[list[str]]


def cluster_split(split: EcbSplit, given: Sequence[GivenMention], embedder: Embedder | None) -> Clustering:
    """Cluster ``given`` (one per gold mention, ``group`` = topic) with and without the topic partition."""
    if embedder is None:
        def run(mentions: Sequence[GivenMention], by_group: bool) -> list[list[str]]:
            found = cluster_given_mentions(mentions, lemma_score, LEMMA_THRESHOLD, by_group=by_group, conflict_penalty=CONFLICT_PENALTY)
            return [[m.mention_id for m in cluster] for cluster in found]

        return Clustering(run(given, True), run(given, False))
    texts = document_texts(split)
    documents = sorted({m.article_id for m in given})
    doc_vectors = dict(zip(documents, embedder.encode([texts[d][0] for d in documents])))
    triggers = sorted({m.text.lower() for m in given})
    trigger_vectors = dict(zip(triggers, embedder.encode(triggers)))

    def trigger_score(a: GivenMention, b: GivenMention) -> float:
        return sum(x * y for x, y in zip(trigger_vectors[a.text.lower()], trigger_vectors[b.text.lower()]))

    def run_grouped(by_topic: bool) -> list[list[str]]:
        topic_of = {m.article_id: (m.group or "") if by_topic else "" for m in given}
        story: dict[str, str] = {}
        for topic in sorted(set(topic_of.values())):
            members = [d for d in documents if topic_of[d] == topic]
            words = tfidf_vectors(split, members)
            # Both parts are unit vectors, so the dot product of two joined vectors is the mean of their cosines.
            joined = {d: np.concatenate([np.asarray(doc_vectors[d]) * HALF, words[d] * HALF]) for d in members}
            for doc, number in group_documents(joined, DOCUMENT_THRESHOLD).items():
                story[doc] = f"{topic}/{number}"
        regrouped = [replace(m, group=story[m.article_id]) for m in given]
        found = cluster_given_mentions(regrouped, trigger_score, TRIGGER_THRESHOLD, conflict_penalty=CONFLICT_PENALTY)
        return [[m.mention_id for m in cluster] for cluster in found]

    return Clustering(run_grouped(True), run_grouped(False))


def tfidf_vectors(split: EcbSplit, documents: Sequence[str]) -> dict[str, np.ndarray]:
    """Unit TF-IDF vectors (sublinear counts) of the content words of ``documents``, IDF over those documents alone.

    Counting IDF only among the documents being grouped makes what they all share (the topic's
    own words) weigh nothing, so the similarity rests on what tells one story from another:
    the names, places, numbers and particulars of each incident.
    """
    counts: dict[str, Counter[str]] = {d: Counter() for d in documents}
    for (doc, _), tokens in split.sentences.items():
        if doc in counts:
            counts[doc].update(w for w in (t.lower() for t in tokens) if len(w) > 1 and w.isalnum() and w not in STOP_WORDS)
    frequency = Counter(w for doc in documents for w in counts[doc])
    vocabulary = {w: i for i, w in enumerate(sorted(frequency))}
    vectors = {}
    for doc in documents:
        vector = np.zeros(len(vocabulary))
        for word, count in counts[doc].items():
            vector[vocabulary[word]] = (1 + math.log(count)) * math.log((1 + len(documents)) / (1 + frequency[word]))
        norm = float(np.linalg.norm(vector)) or 1.0
        vectors[doc] = vector / norm
    return vectors
