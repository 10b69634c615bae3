"""Who reports an event: "security sources said", "according to the Pentagon", "told AFP".

The source is kept short: a known actor's canonical name, else the reporting noun phrase's head
with its determiners, compounds and adjectives ("Iraqi security and militia sources"), plus an
"of" phrase naming whose office or spokesman it is ("the office of Adel Abdul Mahdi"), never its
relative clauses or appositions. "A group calling itself X" stays "a group calling itself X".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from crisislens.actors import ActorMatch
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import SUBJECT_DEPS

REPORTING_VERBS = frozenset({"say", "tell", "confirm", "report", "claim", "announce", "state", "add", "allege", "accuse"})
# Verbs that make the figure a claim, not a statement of fact: kept side by side with other sources' figures.
CLAIM_VERBS = frozenset({"claim", "allege"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
MAX_WORDS = 7
_LEFT_DEPS = frozenset({"det", "poss", "compound", "amod", "nmod", "nummod"})
_SELF_NAMING = frozenset({"call", "name", "describe"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the sentence attributes an event to, and the verb that does it (lemma)."""

    source: str
    verb: str

    @property
    def claimed(self) -> bool:
        return self.verb in CLAIM_VERBS


def _text(tokens: Sequence[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text if tokens else ""


def _actor_name(token: Token, matches: Sequence[ActorMatch]) -> str | None:
    return next((match.ref.name for match in matches if match.covers(token.i)), None)


def _core(head: Token) -> list[Token]:
    """The head noun with its determiners, possessives, compounds and adjectives (left side only)."""
    keep = [head]
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS:
            keep.extend(t for t in child.subtree if not t.is_punct or t.text in ("'s", "’s", "-"))
    return keep


def _phrase_text(head: Token, matches: Sequence[ActorMatch]) -> str | None:
    if head.lower_ in PRONOUNS:
        return None
    name = _actor_name(head, matches)
    if name:
        return name
    words = _core(head)
    for child in head.rights:
        if child.dep_ == "acl" and child.lemma_.lower() in _SELF_NAMING:
            # "a group calling itself Usbat al-Thaireen, or the League …": up to the first comma
            end = next((t.i for t in child.subtree if t.i > child.i and t.text == ","), child.right_edge.i + 1)
            return _lower_article(_text([*words, *(t for t in child.subtree if t.i < end)]))
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):  # "the office of …", "a spokesman for …"
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                owner = _actor_name(objects[0], matches)
                if owner:
                    return _lower_article(f"{_text(words)} {child.text} {owner}")
                words = [*words, child, *_core(objects[0])]
            break
    words = [t for t in words if not t.is_space]
    if len(words) > MAX_WORDS:  # still long: the head with its nearest modifiers
        words = sorted(words, key=lambda t: abs(t.i - head.i))[:MAX_WORDS]
    text = _text(words).strip(" ,")
    return _lower_article(text) if text else None


def _lower_article(text: str) -> str:
    """"The office of …" -> "the office of …": a phrase quoted mid-sentence."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if rest and first in ("The", "A", "An") else text


def _subjects(table: TokenTable, verb: int) -> list[int]:
    """The verb's subjects; a subjectless participle or infinitive takes its governing verb's ("…, claiming that")."""
    node = verb
    for _ in range(3):
        found = [c for c in table.children[node] if table.dep[c] in SUBJECT_DEPS]
        if found or table.dep[node] not in ("advcl", "xcomp", "conj") or table.head[node] == node:
            return found
        node = table.head[node]
    return []


def attribution(trigger: Token, sentence: Span, matches: Sequence[ActorMatch]) -> Attribution | None:
    """The source the sentence attributes the event to and the reporting verb, or None when it states it as fact."""
    doc, table = sentence.doc, token_table(sentence.doc)
    lower, lemmas = table.lower, table.lemma
    for token in range(sentence.start, sentence.end):
        if lower[token] == "according" and token + 1 < sentence.end and lower[token + 1] == "to":
            for pobj in table.children[token + 1]:
                if table.dep[pobj] == "pobj":
                    text = _phrase_text(doc[pobj], matches)
                    return Attribution(text, "say") if text else None
    reporters = [i for i in range(sentence.start, sentence.end) if lemmas[i] in REPORTING_VERBS and i != trigger.i]
    # The verb that governs the trigger wins over one reporting some other clause.
    governing = table.ancestors(trigger.i)
    reporters.sort(key=lambda verb: (verb not in governing, abs(verb - trigger.i)))
    for verb in reporters:
        for subject in _subjects(table, verb):
            text = _phrase_text(doc[subject], matches)
            if text:
                # "claimed responsibility for the attack that killed 3": the figure is not the group's claim;
                # "the shooting claimed the lives of three" is no reporting at all
                lemma = lemmas[verb]
                objects = {lemmas[c] for c in table.children[verb] if table.dep[c] == "dobj"} if lemma in CLAIM_VERBS else set()
                if objects & {"life", "lives"}:
                    continue
                if objects & {"responsibility", "credit"}:
                    lemma = "claim responsibility"
                return Attribution(text, lemma)
    return None


def reported_by(trigger: Token, sentence: Span, matches: Sequence[ActorMatch]) -> str | None:
    """The source the sentence attributes the event to, or None when it states it as fact."""
    found = attribution(trigger, sentence, matches)
    return found.source if found else None
