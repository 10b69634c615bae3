"""Recognise event triggers (verbs and event nouns) and give their CAMEO code."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crisislens.knowledge.load import NOT_AN_EVENT, Knowledge
from crisislens.models import VIOLENT_ROOTS
from crisislens.nlp.tokens import TokenTable, token_table

# The parts of speech a trigger may have: the rest are read no further.
TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
DIRECT_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
# Verbs that report speech: attribution, unless an object makes them an act ("claimed responsibility").
REPORTING_LEMMAS = frozenset({"say", "tell", "report", "add", "state", "confirm", "announce", "claim", "according"})
# "25,000 tons of food aid", "a shipment of arms": the object is what the measure is of.
MEASURE_NOUNS = frozenset({
    "ton", "tonne", "kilogram", "kg", "worth", "amount", "quantity", "batch", "consignment", "load", "cargo",
    "part", "number", "lot", "package", "set", "range", "supply", "shipment", "delivery", "dozen", "hundred", "thousand",
})  # fmt: skip


# Verbs whose subject is what they act on, as if their object: "a gun went off", "the rifle discharged".
SUBJECT_FIRED_VERBS = frozenset({"go off", "discharge"})

# Participles a headline's parse may take for nouns ("Three-year-old fatally shot in Anchorage"), with their verb.
PARTICIPLE_NOUNS = {"shot": "shoot"}
# What only the noun takes: "a shot", "one shot", "flu shot", "his shot".
NOUN_ONLY_DEPS = frozenset({"det", "nummod", "compound", "poss"})

# Violence whose means the verb does not tell ("killed", "attacked"); its doer or a modifier may.
UNTOLD_MEANS = frozenset({"190", "180", "183"})
AIRCRAFT = frozenset({"aircraft", "warplane", "jet", "plane", "helicopter", "gunship", "drone", "bomber", "fighter-bomber", "airplane"})
BLADES = frozenset({"machete", "knife", "axe", "ax", "sword", "spear", "cleaver", "dagger", "club"})
# Heads that turn their modifier around: extending a "sanctions waiver" extends no sanctions.
INVERTING_HEADS = frozenset({"waiver", "relief", "exemption", "exception", "easing", "lifting", "removal", "threat", "violation", "breach", "opposition"})


def object_heads(table: TokenTable, verb: int) -> list[int]:
    """The verb's direct objects (or passive subject), looking through measure words ("tons of aid" -> aid)."""
    heads = []
    for child in table.children[verb]:
        if table.dep[child] not in DIRECT_OBJECT_DEPS:
            continue
        heads.append(child)
        if table.lemma[child] in MEASURE_NOUNS:
            heads.extend(p for prep in table.children[child] if table.lower[prep] == "of" for p in table.children[prep] if table.dep[p] == "pobj")
    return heads


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that names an action, with the CAMEO code the lexicon gives it."""

    token: Token
    code: str
    is_noun: bool
    # The act a frame word governs ("urged Iraq to *release*"): it is folded into this trigger's code.
    complement: Token | None = None
    # For a noun coded through its modifier ("hunger strike"), the code of its head alone ("strike"):
    # a support verb that read only the head ("began a strike") yields to the modifier's code.
    head_code: str | None = None
    # "did not release": the negation is part of the code (a rejection, 12x), not of the event.
    refusal: bool = False


class ActionLexicon:
    """The verb and noun lexicon from ``verbs.yaml``, first matching rule wins."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._verb_rules: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self._nouns: dict[str, str] = {}
        for rule in knowledge.verb_rules:
            for verb in rule.verbs:
                self._verb_rules.setdefault(verb, []).append((rule.code, frozenset(rule.objects)))
            for noun in rule.nouns:
                self._nouns.setdefault(noun, rule.code)
        # Checked first, as most words name no action: the lemmas a verb rule starts with ("take" of "take to"), and
        # the heads of the nouns a modifier codes ("strike" of "drone strike").
        self._verb_starts = frozenset(verb[:end] for verb in self._verb_rules for end in _word_ends(verb))
        self._modified_heads = frozenset(noun[start:] for noun in self._nouns for start in _word_starts(noun) if start)
        # Every word (lower-cased or a lemma) a trigger can be found at: a sentence's other words are not asked.
        self._trigger_words = frozenset({*self._verb_starts, *self._nouns, *self._modified_heads, *PARTICIPLE_NOUNS})

    def triggers(self, sentence: Span, skipped: Collection[int]) -> list[Trigger]:
        """The triggers of ``sentence``'s tokens in text order, the tokens at ``skipped`` left out."""
        table, doc = token_table(sentence.doc), sentence.doc
        words = self._trigger_words
        found = (
            self._trigger(table, doc, i) for i in range(sentence.start, sentence.end)
            if (table.lemma[i] in words or table.lower[i] in words) and i not in skipped and table.pos[i] in TRIGGER_POS
        )  # fmt: skip
        return [trigger for trigger in found if trigger is not None]

    def trigger(self, token: Token) -> Trigger | None:
        """The trigger at ``token``, or None when the token names no known action."""
        return self._trigger(token_table(token.doc), token.doc, token.i)

    def _trigger(self, table: TokenTable, doc: Doc, i: int) -> Trigger | None:
        pos = table.pos[i]
        if pos in ("VERB", "AUX") or (pos == "NOUN" and table.tag[i].startswith("VB")) or _participle_read_as_noun(table, i):
            code = self._verb_code(table, i)
            if code in UNTOLD_MEANS:
                code = _means_of_subject(table, i) or code
            return Trigger(doc[i], code, False) if code else None
        if pos in ("NOUN", "PROPN"):
            code, head_code = self._noun_code(table, i)
            return Trigger(doc[i], code, True, head_code=head_code) if code else None
        return None

    def _verb_code(self, table: TokenTable, token: int) -> str | None:
        lemma = PARTICIPLE_NOUNS[table.lower[token]] if _participle_read_as_noun(table, token) else table.lemma[token]
        if lemma not in self._verb_starts:
            return None
        objects = _object_words(table, token)
        children = table.children[token]
        # A phrasal verb's preposition holds its object: "took to the streets".
        keys = [(f"{lemma} {table.lower[c]}", objects | _prepositional_objects(table, c)) for c in children if table.dep[c] in ("prt", "prep")]
        for key, seen in [*keys, (lemma, objects)]:
            if key in SUBJECT_FIRED_VERBS:
                seen = seen | {table.lemma[c] for c in children if table.dep[c] == "nsubj"}
            for code, wanted in self._verb_rules.get(key, ()):
                if (not wanted and lemma not in REPORTING_LEMMAS) or seen & wanted:
                    return None if code == NOT_AN_EVENT else code
        return None

    def _noun_code(self, table: TokenTable, token: int) -> tuple[str | None, str | None]:
        """The noun's code ("drone strike" before "strike") and, when a modifier gave it, the head's own code."""
        lemma, lower = table.lemma, table.lower
        head_code = self._nouns.get(lemma[token]) or self._nouns.get(lower[token])
        if head_code is None and lemma[token] not in self._modified_heads:
            return None, None
        modifiers = [c for c in table.children[token] if table.dep[c] in ("compound", "amod") and c < token]
        for modifier in modifiers:
            code = self._nouns.get(f"{lemma[modifier]} {lemma[token]}") or self._nouns.get(f"{lower[modifier]} {lemma[token]}")
            if code:
                return code, head_code
        # "car bomb explosion", "mortar attack": a violent modifier that names the means codes its head.
        pairs = [self._nouns.get(f"{lemma[a]} {lemma[b]}") for a, b in zip(modifiers, modifiers[1:])]
        for code in [*pairs, *(self._noun_code(table, m)[0] for m in modifiers if table.pos[m] in ("NOUN", "PROPN"))]:
            if code and head_code and code[:2] == head_code[:2] and code[:2] in VIOLENT_ROOTS and (len(code) > len(head_code) or head_code in UNTOLD_MEANS):
                return code, head_code
        return head_code, None


def _participle_read_as_noun(table: TokenTable, token: int) -> bool:
    """A noun that is a verb's participle with none of the words only the noun takes: "fatally shot in Anchorage".
    A number on a participle that heads its sentence counts the people it tells of: "Four shot at Haw River sports bar"
    (one fired is "one shot", the object of "fired", not its head)."""
    if table.pos[token] != "NOUN" or table.lower[token] not in PARTICIPLE_NOUNS:
        return False
    heads_sentence = table.head[token] == token
    return not any(table.dep[c] in NOUN_ONLY_DEPS and not (heads_sentence and table.dep[c] == "nummod") for c in table.children[token])


def _word_ends(phrase: str) -> list[int]:
    """Where each word of ``phrase`` ends: its prefixes ``phrase[:end]`` are its first words."""
    return [i for i, char in enumerate(phrase) if char == " "] + [len(phrase)]


def _word_starts(phrase: str) -> list[int]:
    """Where each word of ``phrase`` starts: its suffixes ``phrase[start:]`` are its last words."""
    return [0] + [i + 1 for i, char in enumerate(phrase) if char == " "]


def _means_of_subject(table: TokenTable, verb: int) -> str | None:
    """The code a violent act's doer gives it: "gunships killed" is an air strike, "suicide bombers killed" a suicide bombing."""
    dep, lemma, lower, children = table.dep, table.lemma, table.lower, table.children
    doers = [c for c in children[verb] if dep[c] == "nsubj"]
    doers += [p for agent in children[verb] if dep[agent] == "agent" for p in children[agent] if dep[p] == "pobj"]
    for doer in doers:
        words = {lemma[doer]} | {lemma[c] for c in children[doer] if dep[c] in ("compound", "amod")}
        if {"suicide", "bomber"} <= words:
            return "1831"
        if lemma[doer] in AIRCRAFT:
            return "195"
        # "militiamen armed with machetes": blades make it an unconventional attack (codebook 180).
        armed_with = {lemma[w] for a in children[doer] if lower[a] == "armed" for p in children[a] if lower[p] == "with" for w in children[p]}
        if armed_with & BLADES:
            return "180"
    return None


def _prepositional_objects(table: TokenTable, particle: int) -> set[str]:
    """The head lemmas of a preposition's objects ("to the streets" -> street); none for a particle."""
    return {table.lemma[c] for c in table.children[particle] if table.dep[c] == "pobj"}


def _object_words(table: TokenTable, verb: int) -> set[str]:
    """What the object gate sees: object heads and their noun modifiers ("peacekeeping troops"), a named
    person as "person", and the verb of a to-infinitive as "to comment" ("declined to comment") and "to *"."""
    words: set[str] = set()
    for head in object_heads(table, verb):
        words.add(table.lemma[head])
        if table.lemma[head] not in INVERTING_HEADS:
            words.update(table.lemma[c] for c in table.children[head] if table.dep[c] in ("compound", "amod"))
        if table.ent_type[head] == "PERSON":
            words.add("person")
    infinitives = [c for c in table.children[verb] if table.dep[c] == "xcomp" and table.pos[c] in ("VERB", "AUX")]
    words.update(f"to {table.lemma[c]}" for c in infinitives)
    if infinitives:
        words.add("to *")
    return words
