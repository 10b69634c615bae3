"""crisislens's own reading of mentions whose spans are given (ECB+ gold triggers).

A document is parsed with its annotated sentences kept as sentences, the pipeline's extractor
runs on it as on any article, and each given span takes what crisislens found there: the
pipeline's own mention at the trigger when it made one (CAMEO code, source, target, time,
place), else the trigger's lemma with the CAMEO code crisislens's verb knowledge gives it, the
actors named in its sentence and the sentence's first dated expression.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from crisislens.given import GivenMention
from crisislens.mentions.action import ActionLexicon
from crisislens.mentions.time import find_time_expressions
from crisislens.models import Article, EventMention, TimeValue

CONTENT_POS = ("VERB", "NOUN", "PROPN", "ADJ", "AUX", "NUM")


class MentionReader:
    """The loaded pipeline, reading given trigger spans in context."""

    def __init__(self) -> None:
        from crisislens.pipeline import Pipeline

        self.pipeline = Pipeline()
        self.lexicon = ActionLexicon(self.pipeline.knowledge)

    def parse(self, text: str) -> Doc:
        """``text`` parsed with one sentence per line, whatever the parser would split."""
        nlp = self.pipeline.nlp
        doc = nlp.make_doc(text)
        for token in doc[1:]:
            previous = doc[token.i - 1]
            token.is_sent_start = "\n" in previous.text or previous.whitespace_ == "\n" or previous.text_with_ws.endswith("\n")
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc

    def read(self, doc_id: str, text: str, spans: Sequence[Sequence[tuple[int, int]]], *, topic: str | None = None) -> list[GivenMention]:
        """One ``GivenMention`` per entry of ``spans`` (each a list of token character spans in ``text``)."""
        doc = self.parse(text)
        extraction = self.pipeline.extractor.extract(doc, Article(doc_id, text))
        sentences = list(doc.sents)
        actors_in: dict[int, list[str]] = {}
        for index, match in extraction.actor_matches:
            actors_in.setdefault(index, []).append(match.ref.actor_id)
        result = []
        for number, char_spans in enumerate(spans):
            tokens = [t for start, end in char_spans if (span := doc.char_span(start, end, alignment_mode="expand")) is not None for t in span]
            if not tokens:
                raise ValueError(f"{doc_id}: mention {number} covers no token")
            head = _head(tokens)
            index = next(i for i, s in enumerate(sentences) if s.start <= head.i < s.end)
            sentence = sentences[index]
            own = _pipeline_mention(extraction.mentions, sentence, head)
            trigger = self.lexicon.trigger(head)
            result.append(
                GivenMention(
                    mention_id=f"{doc_id}/{number}",
                    article_id=doc_id,
                    lemma=head.lemma_.lower(),
                    text=" ".join(t.text for t in tokens),
                    sentence=sentence.text.strip(),
                    cameo=own.cameo if own else (trigger.code if trigger else None),
                    source=own.source if own else None,
                    target=own.target if own else None,
                    actors=frozenset(actors_in.get(index, ())),
                    time=own.time if own and own.time and own.time.value else _first_dated(sentence),
                    place=own.place if own else None,
                    negated=own.negated if own else False,
                    group=topic,
                )
            )
        return result


def _head(tokens: Sequence[Token]) -> Token:
    """The token of a mention whose syntactic head lies outside it, preferring content words."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    content = [t for t in roots if t.pos_ in CONTENT_POS] or [t for t in tokens if t.pos_ in CONTENT_POS] or roots or list(tokens)
    return content[0]


def _pipeline_mention(mentions: Sequence[EventMention], sentence: Span, head: Token) -> EventMention | None:
    for mention in mentions:
        if mention.span.start == sentence.start_char and mention.trigger == head.text:
            return mention
    return None


def _first_dated(sentence: Span) -> TimeValue | None:
    return next((t for t in find_time_expressions(sentence.text, None) if t.value is not None), None)
