"""Who reports an event: "security sources said", "according to the Pentagon", "told AFP"."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from crisislens.actors import ActorMatch

REPORTING_VERBS = frozenset({"say", "tell", "confirm", "report", "claim", "announce", "state", "add", "allege", "accuse"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who"})


def _phrase_text(head: Token, matches: Sequence[ActorMatch]) -> str | None:
    if head.lower_ in PRONOUNS:
        return None
    for match in matches:
        if match.covers(head):
            return match.ref.name
    words = [t for t in head.subtree if t.dep_ not in ("punct", "relcl") and not t.is_space]
    text = " ".join(t.text for t in words).strip()
    return text or None


def reported_by(trigger: Token, sentence: Span, matches: Sequence[ActorMatch]) -> str | None:
    """The source the sentence attributes the event to, or None when it states it as fact."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and sentence.doc[token.i + 1].lower_ == "to":
            for pobj in sentence.doc[token.i + 1].children:
                if pobj.dep_ == "pobj":
                    return _phrase_text(pobj, matches)
    reporters = [t for t in sentence if t.lemma_.lower() in REPORTING_VERBS and t.i != trigger.i]
    # The verb that governs the trigger wins over one reporting some other clause.
    reporters.sort(key=lambda verb: (verb not in trigger.ancestors, abs(verb.i - trigger.i)))
    for verb in reporters:
        for subject in verb.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                text = _phrase_text(subject, matches)
                if text:
                    return text
    return None
