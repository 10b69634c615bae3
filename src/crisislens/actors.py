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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from crisislens.knowledge.load import Knowledge
from crisislens.models import ActorRef
from crisislens.nlp.entities import sentence_entities
from crisislens.nlp.phrases import NameMatcher, normalize
from crisislens.nlp.text import span_text, tokens_text
from crisislens.nlp.tokens import token_table
from crisislens.nlp.tree import ACTING_DEPS

NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "bin", "ibn", "the"})
# Digraphs and letters that transliterations of Arabic and Persian names swap freely.
_SKELETON_SUBSTITUTIONS = (("gh", "k"), ("kh", "k"), ("q", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("z", "d"))
_MIN_SINGLE_TOKEN_SKELETON = 4
# Modifiers and prepositions that name whose agent it is: "Iraqi troops", "Iraq's army", "police of Gondor".
OWNER_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
OWNER_PREPOSITIONS = frozenset({"of", "from", "in"})
# An id that is a CAMEO code ("GON", "USAGOV", "IGOUNO") takes an agent's role as a suffix.
_CAMEO_CODE = re.compile(r"[A-Z0-9]+")
UNKNOWN_PREFIX = "X_"  # the id prefix of named actors no knowledge file knows
_SKELETON_DROPPED = re.compile(r"[aeiouhwy]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def skeleton(text: str) -> str:
    """A spelling-tolerant key: particles, vowels and h/w/y dropped, doubled letters merged."""
    words = [w for w in normalize(text).replace("'", "").split() if w not in NAME_PARTICLES]
    keys = []
    for word in words:
        for old, new in _SKELETON_SUBSTITUTIONS:
            word = word.replace(old, new)
        word = _SKELETON_DROPPED.sub("", word)
        keys.append(_DOUBLED.sub(r"\1", word))
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
    agent: str | None = None  # the CAMEO role when the match is an agent word ("troops", "police")
    more: tuple[ActorRef, ...] = ()  # further actors it stands for ("lawmakers in Fornost and Gondor")

    def covers(self, index: int) -> bool:
        """Whether the match holds the document's token at ``index``."""
        return self.start <= index < self.end

    @property
    def refs(self) -> tuple[ActorRef, ...]:
        return (self.ref, *self.more)


@dataclass(slots=True)
class ArticleMemory:
    """Short forms introduced earlier in one article ("Mahdi" after "Adel Abdul Mahdi"), and its date."""

    short_forms: dict[str, ActorRef] = field(default_factory=dict)
    published: date | None = None  # picks an actor's date-restricted code

    def replace(self, old: ActorRef, new: ActorRef) -> None:
        """Short forms of ``old`` now name ``new`` (the same person, placed: "Abiy" after "Ethiopian Prime Minister Abiy Ahmed")."""
        if old != new:
            self.short_forms.update((word, new) for word, ref in self.short_forms.items() if ref == old)

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
        self._prefix_roles = knowledge.prefix_roles
        self._surfaces: set[str] = set()
        self._dated_codes = knowledge.dated_codes
        self._joint_codes = {_lookup_key(name): codes for name, codes in knowledge.joint_codes.items()}
        self._by_id: dict[str, ActorRef] = {}
        self._place_names = {normalize(n) for place in knowledge.places for n in (place.name, *place.aliases)}
        self._index_countries(knowledge)
        self._index_actors(knowledge)
        self._matcher = NameMatcher(vocab, "ACTOR", self._surfaces | set(self._agents))

    def _index_countries(self, knowledge: Knowledge) -> None:
        for country in knowledge.countries:
            ref = ActorRef(country.name, country.iso3, country.iso3, None, "country")
            self._countries[country.iso3] = ref
            for name in (country.name, *country.aliases):
                self._exact.setdefault(_lookup_key(name), ref)
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
            self._by_id.setdefault(actor.actor_id, ref)
            for alias in (actor.name, *actor.aliases, *actor.short):
                self._exact[_lookup_key(alias)] = ref
                self._surfaces.add(alias)
                key = skeleton(alias)
                if " " in key or len(key) >= _MIN_SINGLE_TOKEN_SKELETON:
                    self._skeletons.setdefault(key, ref)

    def country(self, iso3: str) -> ActorRef | None:
        return self._countries.get(iso3)

    def demonym_country(self, word: str) -> str | None:
        return self._demonyms.get(normalize(word))

    def find(self, sentence: Span, memory: ArticleMemory) -> list[ActorMatch]:
        """Every actor in ``sentence``, longest spans first, without overlaps; agents joined to their owners."""
        candidates: list[Span] = self._matcher(sentence)
        known = {i for span in candidates if self._is_known_word(normalize(span_text(span))) for i in range(span.start, span.end)}
        candidates += [ent for ent in sentence_entities(sentence) if ent.label_ in NAMED_ENTITY_LABELS | {"GPE"}]
        # Short forms the parser did not tag as entities ("Mahdi later resigned").
        table = token_table(sentence.doc)
        candidates += [
            sentence.doc[i : i + 1] for i in range(sentence.start, sentence.end)
            if table.pos[i] == "PROPN" and normalize(table.text[i]) in memory.short_forms
        ]  # fmt: skip
        candidates.sort(key=lambda span: (-len(span), span.start))
        taken: set[int] = set()
        matches: list[ActorMatch] = []
        # "Arnor, Osgiliath and Gondor" or "evil Mordor" tagged as one entity: the known names inside come first.
        deferred: list[Span] = []
        for span in candidates:
            if taken.intersection(range(span.start, span.end)):
                continue
            wait = _may_hold_other_names(span)
            match = self._resolve_span(span, memory, allow_unknown=not wait and not _made_of(span, known))
            if match is None and wait:
                deferred.append(span)
            elif match is not None:
                matches.append(match)
                taken.update(range(match.start, match.end))
        for span in deferred:
            if not taken.intersection(range(span.start, span.end)) and (match := self._resolve_span(span, memory)) is not None:
                matches.append(match)
                taken.update(range(match.start, match.end))
        return self._join_agents_to_owners(sentence, sorted(matches, key=lambda m: m.start), memory)

    def _is_known_word(self, text: str) -> bool:
        """An agent, demonym or actor name: an entity made of these alone ("MSF Arnor", "Iraqi Army") is them, not an unknown actor."""
        return text in self._agents or text in self._demonyms or _lookup_key(text) in self._exact

    def _resolve_span(self, span: Span, memory: ArticleMemory, allow_unknown: bool = True) -> ActorMatch | None:
        # A name may begin with a title word: "the Prince of Dol Amroth", "Supreme Leader Ali Khamenei".
        span, title_role = (span, self._title_before(span)) if _lookup_key(span_text(span)) in self._exact else self._strip_title(span)
        if len(span) == 0:
            return None
        surface = span_text(span)
        text = normalize(surface)
        ref = self._lookup_named(text, memory)
        table, root = token_table(span.doc), span.root.i
        # Capitals stand for their government only where they act ("Tehran said").
        if ref is None and text in self._capitals and table.dep[root] in ACTING_DEPS:
            ref = self._capitals[text]
        if ref is None and text in self._agents and not self._is_title_of_name(span, text):
            role = self._agents[text]
            label = normalize(table.lemma[root] if table.tag[root] in ("NNS", "NNPS") else surface)
            return ActorMatch(span.start, span.end, ActorRef(label, role, None, role, "group"), surface, agent=role)
        if ref is None and text in self._demonyms and table.pos[root] in ("NOUN", "PROPN") and table.tag[root] in ("NNS", "NNPS"):
            ref = self._countries.get(self._demonyms[text])
        if ref is None and allow_unknown and span.label_ in ("PERSON", "ORG") and self._may_be_unknown_actor(span, text):
            ref = self._unknown_actor(span, title_role)
        if ref is not None:
            ref = self._on_date(ref, text, memory.published)
        if ref is None:
            return None
        if title_role and ref.role is None:
            ref = _titled(ref, title_role)
        memory.remember(surface, ref, self._place_names)
        return ActorMatch(span.start, span.end, ref, surface, more=self._joint_actors(text, ref))

    def _joint_actors(self, name: str, ref: ActorRef) -> tuple[ActorRef, ...]:
        """The further actors a name stands for besides ``ref`` ("The Shire": Bilbo's and Sam's as well as Frodo's)."""
        codes = self._joint_codes.get(_lookup_key(name), ())
        refs = (self._countries.get(code) or self._by_id.get(code) or ActorRef(code, code, None, None, "group") for code in codes)
        return tuple(r for r in refs if r != ref)

    def _on_date(self, ref: ActorRef, name: str, day: date | None) -> ActorRef | None:
        """The actor ``name`` under the code its dictionary gives it on ``day``; None where that code is a null code."""
        periods = self._dated_codes.get(name, ())
        if day is None or not periods:
            return ref
        period = next((p for p in periods if p.covers(day)), None)
        if period is None:
            return ref
        return replace(ref, actor_id=period.code) if period.code else None

    def _may_be_unknown_actor(self, span: Span, text: str) -> bool:
        # Title-case headlines and datelines ("KIRKUK (Reuters)") are tagged PERSON or ORG by the model.
        if text in self._place_names or text in self._capitals or text in self._demonyms:
            return False  # "Sri Lankan" tagged PERSON is a demonym
        return any(t.is_upper or t.is_title for t in span)

    def _strip_title(self, span: Span) -> tuple[Span, str | None]:
        role: str | None = None
        start = span.start
        table = token_table(span.doc)
        while start < span.end and table.lower[start] in ("the", "a", "an"):
            start += 1
        for width in (3, 2, 1):
            if start + width < span.end and (words := normalize(tokens_text(span.doc, start, start + width))) in self._titles:
                role = self._titles[words]
                start += width
                break
        if role is None:
            role = self._title_before(span)
        end = span.end
        if end - start > 1 and table.tag[end - 1] == "POS":
            end -= 1
        return Span(span.doc, start, end, label=span.label), role

    def _is_title_of_name(self, span: Span, text: str) -> bool:
        """ "Prime Minister" in "Prime Minister Adel Abdul Mahdi" is the person's title, not an actor."""
        table = token_table(span.doc)
        return text in self._titles and span.end < table.sent_end[span.end - 1] and table.pos[span.end] == "PROPN"

    def _title_before(self, span: Span) -> str | None:
        """The role of a title just before the name ("Prime Minister" + "Adel Abdul Mahdi")."""
        sentence_start = token_table(span.doc).sent_start[span.start]
        for width in (3, 2, 1):
            start = span.start - width
            if start >= sentence_start:
                words = normalize(tokens_text(span.doc, start, span.start))
                if words in self._titles:
                    return self._titles[words]
        return None

    def _lookup_named(self, text: str, memory: ArticleMemory) -> ActorRef | None:
        if (key := text.removeprefix("the ")) in self._exact:
            return self._exact[key]
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

    def _join_agents_to_owners(self, sentence: Span, matches: list[ActorMatch], memory: ArticleMemory) -> list[ActorMatch]:
        """Agents joined to the actors they belong to, absorbing the matches of owners named before them.

        "Iraqi troops" IRQMIL, "Gondor's police" GONCOP, "lawmakers in Fornost and Gondor" FORLEG
        and GONLEG; agents are taken left to right, so one can own the next ("Danish Islamist
        media": DNKMUS, then DNKMUSMED), and an agent with no owner shares its conjunct's
        ("Danish media and government": DNKMED, DNKGOV).
        """
        doc = sentence.doc
        result: list[ActorMatch | None] = list(matches)
        index_at = {i: k for k, m in enumerate(matches) for i in range(m.start, m.end)}
        owners_of: dict[int, tuple[ActorRef, ...]] = {}  # agent head token -> its owners
        unowned: list[int] = []
        for k, match in enumerate(matches):
            if match.agent is None or result[k] is None:
                continue
            head = doc[match.start : match.end].root
            owner_indices, owners = self._owners(head, k, index_at, result)
            if not owners:
                unowned.append(k)
                continue
            owners_of[head.i] = owners
            # "Iraq's army" and "MSF Arnor" are one actor; "fighters of the Hashed al-Shaabi" still name it.
            absorbed = [owner for j in owner_indices if (owner := result[j]) is not None and (owner.start < match.start or owner.start == match.end)]
            start, end = min([match.start, *(m.start for m in absorbed)]), max([match.end, *(m.end for m in absorbed)])
            result = [None if m in absorbed else m for m in result]
            result[k] = self._joined(match, owners, start, end, doc)
            index_at.update((i, k) for i in range(start, end))
        for k in unowned:
            match = matches[k]
            head = doc[match.start : match.end].root
            owners = next((owners_of[c.i] for c in head.conjuncts if c.i in owners_of), ())
            if owners:
                result[k] = self._joined(match, owners, match.start, match.end, doc)
        for k, match in enumerate(result):
            if match is not None and match.ref.type == "person" and match.ref.actor_id.startswith(UNKNOWN_PREFIX):
                result[k] = placed = self._placed_person(match, k, doc, index_at, result)
                memory.replace(match.ref, placed.ref)
        return sorted((m for m in result if m is not None), key=lambda m: m.start)

    def _placed_person(
        self, person: ActorMatch, k: int, doc: Doc, index_at: dict[int, int], result: list[ActorMatch | None]
    ) -> ActorMatch:
        """An unknown person with the country and role the words before the name give ("Gambian President
        Dawda Jawara", "opposition leader Maulana Fazl-ur-Rehman"); the matches of those words are folded in."""
        ref, start = person.ref, person.start
        for i in range(person.start - 1, doc[person.start : person.end].root.left_edge.i - 1, -1):
            j = index_at.get(i)
            found = result[j] if j is not None and j != k else None
            if found is not None:
                country, role = found.ref.country, found.agent
                if country is None and role is None:
                    continue  # "NATO Secretary General …" stays an actor of its own
                result[j] = None
                start = min(start, found.start)
            else:
                country, role = self._country_named(doc[i]), None
            ref = replace(ref, country=ref.country or country, role=ref.role or role)
        return replace(person, start=start, ref=ref) if ref != person.ref else person

    def _joined(self, agent: ActorMatch, owners: tuple[ActorRef, ...], start: int, end: int, doc: Doc) -> ActorMatch:
        refs = tuple(dict.fromkeys(self._owned(owner, agent.agent or "", agent.ref.name) for owner in owners))
        return ActorMatch(start, end, refs[0], tokens_text(doc, start, end), agent.agent, refs[1:])

    def _owners(
        self, head: Token, k: int, index_at: dict[int, int], result: list[ActorMatch | None]
    ) -> tuple[list[int], tuple[ActorRef, ...]]:
        """The matches (indices) and actors that own the agent ``result[k]`` headed by ``head``."""
        agent = result[k]
        assert agent is not None
        indices: list[int] = []
        owners: list[ActorRef] = []

        def take(token: Token) -> None:
            for member in (token, *token.conjuncts):
                j = index_at.get(member.i)
                found = result[j] if j is not None and j != k else None
                if found is not None and j is not None:
                    if found.agent is not None and found.ref.actor_id == found.agent:
                        continue  # "military government": an agent of no one owns nothing
                    indices.append(j)
                    owners.extend(found.refs)
                elif iso3 := self._country_named(member):
                    owners.append(self._countries[iso3])

        # A prefix agent modifies whose it is ("MSF Arnor"); any agent's nearest modifier may name an owner
        # ("Danish Islamist media": Islamist).
        if agent.agent in self._prefix_roles and head.dep_ in OWNER_MODIFIER_DEPS:
            take(head.head)
        for child in sorted((c for c in head.children if c.dep_ in OWNER_MODIFIER_DEPS and c.i < agent.start), key=lambda c: -c.i):
            if owners:
                break
            take(child)
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPOSITIONS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        take(pobj)
        table = token_table(head.doc)
        if not owners and agent.start > table.sent_start[head.i]:
            before = table.text[agent.start - 1]
            if iso3 := self.demonym_country(before) or self._country_code(before):
                owners.append(self._countries[iso3])
        return indices, tuple(dict.fromkeys(owners))

    def _country_named(self, token: Token) -> str | None:
        """The country a modifier names, with its own compound words ("Sri Lankan", "South Korean")."""
        table = token_table(token.doc)
        words = tokens_text(token.doc, min([token.i, *(c for c in table.children[token.i] if table.dep[c] == "compound")]), token.i + 1)
        return self.demonym_country(words) or self._country_code(words) or self.demonym_country(token.text) or self._country_code(token.text)

    def _owned(self, owner: ActorRef, role: str, label: str) -> ActorRef:
        """The agent ``role`` of ``owner``: a country's or a coded actor's gets a combined code, a person's
        that of the person's country; a named group's is the group itself ("Hezbollah fighters"). A prefix
        role's code goes first ("MSF Arnor" NGOARN)."""
        prefix = role in self._prefix_roles
        name = f"{label} {owner.name}" if prefix else f"{owner.name} {label}"
        if owner.type == "country":
            code = role + owner.actor_id if prefix else owner.actor_id + role
            return ActorRef(name, code, owner.country or owner.actor_id, role, "group")
        if _CAMEO_CODE.fullmatch(owner.actor_id):
            code = owner.actor_id if role in owner.actor_id else role + owner.actor_id if prefix else owner.actor_id + role
            return ActorRef(name, code, owner.country, role, "group")
        if owner.type == "person" and owner.country in self._countries:
            return self._owned(self._countries[owner.country], role, label)
        return owner

    def _unknown_actor(self, span: Span, title_role: str | None) -> ActorRef:
        actor_type = "person" if span.label_ == "PERSON" else "organization"
        iso3 = self._modifier_country(span.root)
        table = token_table(span.doc)
        if iso3 is None and span.start > table.sent_start[span.start]:
            iso3 = self.demonym_country(table.text[span.start - 1])
        surface = span_text(span)
        return ActorRef(surface.strip(), f"{UNKNOWN_PREFIX}{slug(surface)}", iso3, title_role, actor_type)


def _titled(ref: ActorRef, role: str) -> ActorRef:
    """``ref`` named with a title of ``role``: a person takes the role, a coded actor its code ("Bree President" BREGOV)."""
    if ref.type == "person":
        return replace(ref, role=role)
    if _CAMEO_CODE.fullmatch(ref.actor_id) and role not in ref.actor_id:
        return replace(ref, actor_id=ref.actor_id + role, role=role)
    return ref


def _made_of(span: Span, known: set[int]) -> bool:
    """Every word of ``span`` but articles, possessive endings and punctuation is in ``known``."""
    return all(t.i in known for t in span if not (t.is_punct or t.pos_ == "DET" or t.tag_ == "POS"))


def _may_hold_other_names(span: Span) -> bool:
    """An entity that may list names ("Arnor, Osgiliath and Gondor") or qualify one ("evil Mordor")."""
    table = token_table(span.doc)
    return table.pos[span.root.i] != "PROPN" or table.pos[span.start] not in ("PROPN", "DET") \
        or any(table.dep[i] == "cc" or table.text[i] == "," for i in range(span.start, span.end))  # fmt: skip


def _lookup_key(name: str) -> str:
    """The key a name is looked up by: a span loses its leading article ("The Hermit Kingdom"), so the name does too."""
    return normalize(name).removeprefix("the ")
