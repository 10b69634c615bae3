"""Find actors in a parsed sentence and resolve them to canonical actors.

Resolution order for a candidate span: exact alias (case-insensitive), then a
transliteration skeleton (Kataib/Kataeb, Qasem/Qassem/Qassim and Abdul/Abdel/Abduhl
collapse to the same key), then short forms seen earlier in the same article
("Mahdi" after "Adel Abdul Mahdi"). Generic agents ("Iraqi military", "security
forces") become country + CAMEO role actors; unknown named entities are kept as
actors of their own.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from crisislens.knowledge.load import Knowledge
from crisislens.models import ActorRef
from crisislens.nlp.entities import sentence_entities
from crisislens.nlp.phrases import NameMatcher, normalize
from crisislens.nlp.tree import ACTING_DEPS

NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "bin", "ibn", "the"})
# Digraphs and letters that transliterations of Arabic and Persian names swap freely.
_SKELETON_SUBSTITUTIONS = (("gh", "k"), ("kh", "k"), ("q", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("z", "d"))
_MIN_SINGLE_TOKEN_SKELETON = 4


@lru_cache(maxsize=1 << 16)
def skeleton(text: str) -> str:
    """A spelling-tolerant key: particles, vowels and h/w/y dropped, doubled letters merged."""
    words = [w for w in normalize(text).replace("'", "").split() if w not in NAME_PARTICLES]
    keys = []
    for word in words:
        for old, new in _SKELETON_SUBSTITUTIONS:
            word = word.replace(old, new)
        word = re.sub(r"[aeiouhwy]", "", word)
        keys.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(k for k in keys if k)


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", normalize(text).upper()).strip("_")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor found in a sentence: its tokens (doc indices) and the resolved reference."""

    start: int
    end: int
    ref: ActorRef
    surface: str

    def covers(self, token: Token) -> bool:
        return self.start <= token.i < self.end


@dataclass(slots=True)
class ArticleMemory:
    """Short forms introduced earlier in one article ("Mahdi" after "Adel Abdul Mahdi")."""

    short_forms: dict[str, ActorRef] = field(default_factory=dict)

    def remember(self, surface: str, ref: ActorRef, place_names: Collection[str]) -> None:
        if ref.type not in ("person", "organization", "group"):
            return
        for word in normalize(surface).split():
            if len(word) >= 4 and word not in NAME_PARTICLES and word not in place_names:
                self.short_forms.setdefault(word, ref)


class ActorResolver:
    """Holds the actor knowledge and resolves actor mentions in parsed sentences."""

    def __init__(self, knowledge: Knowledge, vocab: Vocab) -> None:
        self._exact: dict[str, ActorRef] = {}
        self._skeletons: dict[str, ActorRef] = {}
        self._capitals: dict[str, ActorRef] = {}
        self._demonyms: dict[str, str] = {}
        self._countries: dict[str, ActorRef] = {}
        self._titles = {normalize(t): r for t, r in knowledge.titles.items()}
        self._agents = {normalize(a): r for a, r in knowledge.agents.items()}
        self._surfaces: set[str] = set()
        self._place_names = {normalize(n) for place in knowledge.places for n in (place.name, *place.aliases)}
        self._index_countries(knowledge)
        self._index_actors(knowledge)
        self._matcher = NameMatcher(vocab, "ACTOR", self._surfaces | set(self._agents))

    def _index_countries(self, knowledge: Knowledge) -> None:
        for country in knowledge.countries:
            ref = ActorRef(country.name, country.iso3, country.iso3, None, "country")
            self._countries[country.iso3] = ref
            for name in (country.name, *country.aliases):
                self._exact.setdefault(normalize(name), ref)
                self._surfaces.add(name)
            for demonym in country.demonyms:
                self._demonyms.setdefault(normalize(demonym), country.iso3)
                self._surfaces.add(demonym)
            government = ActorRef(country.name, country.iso3, country.iso3, "GOV", "country")
            for capital in (country.capital, *country.capital_aliases):
                if capital:
                    self._capitals.setdefault(normalize(capital), government)
                    self._surfaces.add(capital)

    def _index_actors(self, knowledge: Knowledge) -> None:
        for actor in knowledge.actors:
            ref = ActorRef(actor.name, actor.actor_id, actor.country, actor.role, actor.type)
            for alias in (actor.name, *actor.aliases, *actor.short):
                self._exact[normalize(alias)] = ref
                self._surfaces.add(alias)
                key = skeleton(alias)
                if " " in key or len(key) >= _MIN_SINGLE_TOKEN_SKELETON:
                    self._skeletons.setdefault(key, ref)

    def country(self, iso3: str) -> ActorRef | None:
        return self._countries.get(iso3)

    def demonym_country(self, word: str) -> str | None:
        return self._demonyms.get(normalize(word))

    def find(self, sentence: Span, memory: ArticleMemory) -> list[ActorMatch]:
        """Every actor in ``sentence``, longest spans first, without overlaps."""
        candidates: list[Span] = self._matcher(sentence)
        candidates += [ent for ent in sentence_entities(sentence) if ent.label_ in NAMED_ENTITY_LABELS | {"GPE"}]
        # Short forms the parser did not tag as entities ("Mahdi later resigned").
        candidates += [
            sentence.doc[t.i : t.i + 1] for t in sentence if t.pos_ == "PROPN" and normalize(t.text) in memory.short_forms
        ]
        candidates.sort(key=lambda span: (-len(span), span.start))
        taken: set[int] = set()
        matches: list[ActorMatch] = []
        for span in candidates:
            if taken.intersection(range(span.start, span.end)):
                continue
            match = self._resolve_span(span, memory)
            if match is not None:
                matches.append(match)
                taken.update(range(match.start, match.end))
        return sorted(matches, key=lambda m: m.start)

    def _resolve_span(self, span: Span, memory: ArticleMemory) -> ActorMatch | None:
        span, title_role = self._strip_title(span)
        if len(span) == 0:
            return None
        text = normalize(span.text)
        ref = self._lookup_named(text, memory)
        # Capitals stand for their government only where they act ("Tehran said").
        if ref is None and text in self._capitals and span.root.dep_ in ACTING_DEPS:
            ref = self._capitals[text]
        if ref is None and text in self._agents and not self._is_title_of_name(span, text):
            ref = self._agent_actor(span, self._agents[text])
        if ref is None and text in self._demonyms and span.root.pos_ in ("NOUN", "PROPN") and span.root.tag_ in ("NNS", "NNPS"):
            ref = self._countries.get(self._demonyms[text])
        if ref is None and span.label_ in ("PERSON", "ORG") and self._may_be_unknown_actor(span, text):
            ref = self._unknown_actor(span, title_role)
        if ref is None:
            return None
        if title_role and ref.type == "person" and ref.role is None:
            ref = ActorRef(ref.name, ref.actor_id, ref.country, title_role, ref.type)
        memory.remember(span.text, ref, self._place_names)
        return ActorMatch(span.start, span.end, ref, span.text)

    def _may_be_unknown_actor(self, span: Span, text: str) -> bool:
        # Title-case headlines and datelines ("KIRKUK (Reuters)") are tagged PERSON or ORG by the model.
        if text in self._place_names or text in self._capitals:
            return False
        return any(t.is_upper or t.is_title for t in span)

    def _strip_title(self, span: Span) -> tuple[Span, str | None]:
        role: str | None = None
        start = span.start
        while start < span.end and span.doc[start].lower_ in ("the", "a", "an"):
            start += 1
        for width in (3, 2, 1):
            if start + width < span.end and (words := normalize(span.doc[start : start + width].text)) in self._titles:
                role = self._titles[words]
                start += width
                break
        if role is None:
            role = self._title_before(span)
        end = span.end
        if end - start > 1 and span.doc[end - 1].tag_ == "POS":
            end -= 1
        return Span(span.doc, start, end, label=span.label), role

    def _is_title_of_name(self, span: Span, text: str) -> bool:
        """ "Prime Minister" in "Prime Minister Adel Abdul Mahdi" is the person's title, not an actor."""
        following = span.doc[span.end] if span.end < span.sent.end else None
        return text in self._titles and following is not None and following.pos_ == "PROPN"

    def _title_before(self, span: Span) -> str | None:
        """The role of a title just before the name ("Prime Minister" + "Adel Abdul Mahdi")."""
        sentence_start = span.sent.start
        for width in (3, 2, 1):
            start = span.start - width
            if start >= sentence_start:
                words = normalize(span.doc[start : span.start].text)
                if words in self._titles:
                    return self._titles[words]
        return None

    def _lookup_named(self, text: str, memory: ArticleMemory) -> ActorRef | None:
        if text in self._exact:
            return self._exact[text]
        key = skeleton(text)
        if key in self._skeletons:
            return self._skeletons[key]
        words = text.split()
        if len(words) == 1 and words[0] in memory.short_forms:
            return memory.short_forms[words[0]]
        # A longer span may carry words the name lacks ("Iranian general Qassim Soleimani").
        for drop in range(1, len(words)):
            tail = " ".join(words[drop:])
            if tail in self._exact and len(tail.split()) > 1:
                return self._exact[tail]
            tail_key = skeleton(tail)
            if " " in tail_key and tail_key in self._skeletons:
                return self._skeletons[tail_key]
        return None

    def _modifier_country(self, head: Token) -> str | None:
        """The country of an agent from its modifiers: "Iraqi troops", "Iraq's army", "army of Iraq", "soldiers from Iraq"."""
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                iso3 = self.demonym_country(child.text) or self._country_code(child.text)
                if iso3:
                    return iso3
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    iso3 = self._country_code(pobj.text)
                    if iso3:
                        return iso3
        return None

    def _country_code(self, text: str) -> str | None:
        ref = self._exact.get(normalize(text))
        return ref.actor_id if ref is not None and ref.type == "country" else None

    def _agent_actor(self, span: Span, role: str) -> ActorRef:
        iso3 = self._modifier_country(span.root)
        if iso3 is None:
            before = span.doc[span.start - 1] if span.start > span.sent.start else None
            if before is not None:
                iso3 = self.demonym_country(before.text) or self._country_code(before.text)
        label = normalize(span.root.lemma_ if span.root.tag_ in ("NNS", "NNPS") else span.text)
        if iso3 is None:
            return ActorRef(label, role, None, role, "group")
        country = self._countries[iso3]
        return ActorRef(f"{country.name} {label}", f"{iso3}{role}", iso3, role, "group")

    def _unknown_actor(self, span: Span, title_role: str | None) -> ActorRef:
        actor_type = "person" if span.label_ == "PERSON" else "organization"
        iso3 = self._modifier_country(span.root)
        if iso3 is None and span.start > span.sent.start:
            iso3 = self.demonym_country(span.doc[span.start - 1].text)
        return ActorRef(span.text.strip(), f"X_{slug(span.text)}", iso3, title_role, actor_type)
