"""Turn one parsed article into event mentions: action, roles, time, place, counts, attribution."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from crisislens.actors import ActorMatch, ActorResolver, ArticleMemory
from crisislens.knowledge.load import Knowledge
from crisislens.mentions.acled import acled_sub_event_type, most_specific
from crisislens.mentions.action import REPORTING_LEMMAS, ActionLexicon, Trigger, object_heads
from crisislens.mentions.attribution import reported_by
from crisislens.mentions.casualties import CasualtyReader, NumberWords
from crisislens.mentions.frames import APPEAL_OR_DEMAND_ROOTS, DECLARING_LEMMAS, SPEECH_ACT_ROOTS, compose
from crisislens.mentions.lead import TITLE_INDEX, LeadCounter, ToldSentence, can_hurt
from crisislens.mentions.place import FoundToponym, PlaceFinder, event_place, outlet_country, sentence_places, stamp_start
from crisislens.mentions.roles import find_roles, place_target
from crisislens.mentions.time import find_time_expressions
from crisislens.mentions.when import governing_time, looks_forward, stamped_publication
from crisislens.models import VIOLENT_ROOTS, ActorRef, Article, EventMention, MentionSpan, Place, TimeValue, stable_hash
from crisislens.nlp.text import doc_text, span_text, tokens_text
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import SUBJECT_DEPS, clause_head

MODAL_LEMMAS = frozenset({"could", "would", "might", "may", "will", "should", "shall", "can"})
INTENT_LEMMAS = frozenset({"plan", "want", "vow", "pledge", "prepare", "consider", "seek", "intend", "promise", "hope", "aim", "try", "urge", "ask", "call"})
NEGATING_SUBJECTS = frozenset({"no one", "nobody", "none", "no"})
# "did not know who shot him", "it was not clear who fired", "police did not say why he was shot": not knowing
# or not telling an act does not deny it. Neg-raising verbs ("did not think they attacked") are left out.
KNOWING_OR_TELLING_LEMMAS = REPORTING_LEMMAS | {
    "know", "sure", "clear", "certain", "explain", "disclose", "reveal", "specify", "release", "comment",
    "elaborate", "determine", "identify", "understand", "remember", "recall",
}
CONDITIONAL_MARKS = frozenset({"if", "unless"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
# Violence whose means is not told (kill, attack, wound); merged with a told means, the means codes it.
UNSPECIFIED_VIOLENCE = frozenset({"190", "180", "200"})
INVESTIGATION_LEMMAS = frozenset({"investigate", "probe", "investigation", "inquiry", "enquiry"})
ACCIDENT_VERBS = frozenset({"crash", "collapse", "capsize", "derail", "sink", "plunge"})
# Named anywhere in the sentence, these make its deaths a disaster's, not an attack's.
DISASTERS = frozenset({
    "tsunami", "earthquake", "quake", "eruption", "volcano", "flood", "flooding", "landslide", "cyclone", "hurricane",
    "typhoon", "avalanche", "stampede", "derailment", "leak", "mudslide", "wildfire",
})
ACCIDENT_CAUSES = frozenset({
    "stampede", "crash", "accident", "fire", "blaze", "earthquake", "quake", "flood", "storm", "avalanche",
    "landslide", "collapse", "disease", "virus", "outbreak", "illness", "heatwave", "lightning", "crush",
})
# "struck by a minivan", "a car hit the boy": people hit by a vehicle were run over, not attacked.
VEHICLES = frozenset({"car", "vehicle", "minivan", "van", "truck", "suv", "bus", "train", "motorcycle", "pickup", "tractor", "automobile"})
# The words of a headline that its case tells about: a title-case one capitalises all of them.
HEADLINE_WORD = re.compile(r"[^\W\d_][^\W\d_'’]{3,}")
TITLE_CASE_WORDS = 3  # the fewest capitalised words that make a headline title case
# "rocket attack" or "the killed general": a trigger that only modifies another word is not an event.
TRIGGER_MODIFIER_DEPS = frozenset({"compound", "amod"})


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """What one article yields: its sentences, the actors found in them and the event mentions."""

    sentences: tuple[MentionSpan, ...]
    actor_matches: tuple[tuple[int, ActorMatch], ...]
    mentions: tuple[EventMention, ...]


@dataclass(frozen=True, slots=True)
class _SentenceFinds:
    """What is looked up once per sentence and shared by all its triggers."""

    times: Sequence[TimeValue]
    toponyms: Sequence[tuple[Span, Place]]


class MentionExtractor:
    """Holds the loaded knowledge and extracts event mentions from parsed articles."""

    def __init__(self, knowledge: Knowledge, vocab: Vocab, parse: Callable[[str], Doc] | None = None) -> None:
        """``parse``: the parser for a headline the text does not open with; without it such a headline is never coded."""
        self._knowledge = knowledge
        self._parse = parse
        self._resolver = ActorResolver(knowledge, vocab)
        self._lexicon = ActionLexicon(knowledge)
        self._places = PlaceFinder(knowledge, vocab)
        self._numbers = NumberWords.load()
        self._lead = LeadCounter(_clause_text)

    def extract(self, doc: Doc, article: Article) -> ArticleExtraction:
        memory = ArticleMemory(published=article.published)
        readings = CasualtyReader(self._numbers)
        sentences: list[MentionSpan] = []
        actor_matches: list[tuple[int, ActorMatch]] = []
        headline_end = _headline_end(article)
        # A headline the text does not open with is not parsed: its places are read from the title itself.
        outlet = outlet_country(article.title, article.url, article.source)
        home = self._places.home_town(article.title, article.url, article.source)
        toponyms, above, stamps = self._places.find_with_headline(doc, article.dateline, None if headline_end else article.title, outlet, home)
        if headline_end:  # a headline the text opens with is not coded, but its places are the article's
            stamp = headline_end - len(article.title) + stamp_start(article.title)
            opening = [t for t in toponyms if t.span.end_char <= headline_end and t.place and not t.mention.demonym]
            above = [t.place for t in opening if t.span.start_char < stamp and t.place] + above
            stamps = [t.place for t in opening if t.span.start_char >= stamp and t.place] + stamps  # + the outlet's home town
        told: list[ToldSentence] = []
        headline: list[tuple[int, Span, MentionSpan]] = []
        # Relative days ("Sunday", "today") are counted from the day the page stamps itself with, when that is earlier.
        publication_stamp = stamped_publication(doc_text(doc), article.published)
        reference = publication_stamp.value if publication_stamp is not None else article.published
        for index, sentence in enumerate(doc.sents):
            text = span_text(sentence)
            span = MentionSpan(article.article_id, index, text, sentence.start_char, sentence.end_char)
            sentences.append(span)
            if sentence.start_char + len(text.rstrip()) <= headline_end:
                headline.append((index, sentence, span))  # a title-case headline parses badly and repeats the lead sentence
                continue
            told.append(self._told(index, sentence, span, article, reference, toponyms, memory, actor_matches, readings))
        title = article.title
        if title and not any(can_hurt(m) for t in told for _, m in t.mentions):
            # A body that tells no event (paywalled, a sign-up form, a caption), or none that hurts anyone ("police are
            # investigating an accidental shooting"), leaves the story to its headline.
            if not headline and self._parse is not None:
                title_doc = self._parse_title(title)
                toponyms = self._places.find_with_headline(title_doc, article.dateline, outlet=outlet, home=home)[0]
                span = MentionSpan(article.article_id, TITLE_INDEX, title, 0, 0)  # not in the text: no offsets there
                headline = [(TITLE_INDEX, title_doc[:], span)]
                sentences.insert(0, span)
            told = [self._told(index, sentence, span, article, reference, toponyms, memory, actor_matches, readings, headline=True)
                    for index, sentence, span in headline] + told  # fmt: skip
            title = None if headline else title  # read as a sentence of its own, not again as the headline
        mentions = [m for t in told for _, m in t.mentions]
        # The lead event's killed and injured come from every sentence that tells of it, counted once;
        # its date and place from the sentences around it when its own does not say.
        parse_title = partial(self._parsed_headline, doc, title, headline) if title else None
        counted = self._lead.count(article.article_id, told, readings, title, above, stamps, publication_stamp, parse_title)
        mentions = [counted.get(m.mention_id, m) for m in mentions]
        return ArticleExtraction(tuple(sentences), tuple(actor_matches), tuple(mentions))

    def _told(self, index: int, sentence: Span, span: MentionSpan, article: Article, reference: date | None,
              toponyms: Sequence[FoundToponym], memory: ArticleMemory, actor_matches: list[tuple[int, ActorMatch]],
              readings: CasualtyReader, *, headline: bool = False) -> ToldSentence:  # fmt: skip
        """One sentence with its event mentions; its actors are added to ``actor_matches``. ``reference``: the day its
        relative dates count from. ``readings``: the article's casualty reader. ``headline``: the sentence is the headline
        read as the story (see ``_sentence_mentions``)."""
        matches = self._resolver.find(sentence, memory)
        actor_matches.extend((index, match) for match in matches)
        return self._sentence_mentions(index, sentence, span, matches, article, reference, toponyms, readings, headline=headline)

    def _parsed_headline(self, doc: Doc, title: str, opening: Sequence[tuple[int, Span, MentionSpan]]) -> Span | None:
        """The headline parsed: the sentences the text opens with it, else the title parsed on its own (None without a
        parser)."""
        if opening:
            return doc[opening[0][1].start : opening[-1][1].end]
        return self._parse_title(title)[:] if self._parse is not None else None

    def _parse_title(self, title: str) -> Doc:
        """``title`` parsed; a title-case one ("2 Girls, 2 Men Shot At Birthday Party In Compton") with its verbs
        lowercased, as the parser reads a capitalised verb as part of a name ("2 Men Shot At")."""
        assert self._parse is not None
        lowered = title.lower()
        if not _is_title_case(title) or len(lowered) != len(title):
            return self._parse(title)
        verbs = [token for token in self._parse(lowered) if token.pos_ in ("VERB", "AUX")]
        for verb in verbs:
            title = title[: verb.idx] + verb.text + title[verb.idx + len(verb.text) :]
        return self._parse(title)

    def _country_of(self, word: str) -> ActorRef | None:
        iso3 = self._resolver.demonym_country(word)
        if iso3 is None:
            return None
        return self._resolver.country(iso3)

    def _is_event_noun(self, doc: Doc, i: int) -> bool:
        trigger = self._lexicon.trigger(doc[i])
        return trigger is not None and trigger.is_noun

    def _sentence_mentions(
        self, index: int, sentence: Span, span: MentionSpan, matches: Sequence[ActorMatch], article: Article, reference: date | None,
        toponyms: Sequence[FoundToponym], readings: CasualtyReader, *, headline: bool = False,
    ) -> ToldSentence:  # fmt: skip
        inside_actor = {i for match in matches for i in range(match.start, match.end)}
        triggers = [t for t in self._lexicon.triggers(sentence, inside_actor) if t.token.dep_ not in TRIGGER_MODIFIER_DEPS]
        # An act that is asked for, promised, refused or threatened is coded inside that frame.
        events = compose(_fold_light_verb_objects(triggers), sentence)
        # "will be arraigned Monday": a day told in a clause that looks forward is the coming one.
        times = find_time_expressions(span_text(sentence), reference, lambda offset: looks_forward(sentence, offset))
        finds = _SentenceFinds(times, sentence_places(toponyms, sentence))
        candidates = [self._mention(t, sentence, span, matches, article, finds, readings) for t in events]
        accident = any(c is None and t.code[:2] in VIOLENT_ROOTS for c, t in zip(candidates, events))
        merged = _merge_linked_violence([pair for c in candidates if c is not None for pair in c])
        # ACLED records events whose actors go unnamed ("two bombs were found"), and people hurt or a
        # violent verb with its place or day tell an event even ACLED would not record (an accident, a
        # crime); an event noun with no actors and no place ("the attack") refers back to one told elsewhere, but
        # in a headline read as the story it is the story's own ("Accidental shooting takes life of Quapaw man").
        kept = [
            (token, m) for token, m in merged
            if m.source or m.target or m.fatalities or m.injured or _told_violence(token, m)
            or (m.acled_type and (m.place or token.pos_ in ("VERB", "AUX")))
            or (headline and m.cameo[:2] in VIOLENT_ROOTS)
        ]  # fmt: skip
        return ToldSentence(index, sentence, matches, finds.times, kept, accident, [place for _, place in finds.toponyms], headline)

    def _mention(
        self,
        trigger: Trigger,
        sentence: Span,
        span: MentionSpan,
        matches: Sequence[ActorMatch],
        article: Article,
        finds: _SentenceFinds,
        readings: CasualtyReader,
    ) -> list[tuple[Token, EventMention]] | None:
        """The trigger's mention, one per (source, target) pair of conjoined actors; None for an accident."""
        token = trigger.token
        code = trigger.code
        if code[:2] in VIOLENT_ROOTS and _is_accident(token):
            return None
        roles = find_roles(trigger, matches, self._country_of, self._is_event_noun)
        speaker = _speaker_verb(token) if roles.source is None and not trigger.is_noun else None
        if speaker is not None:
            # "Japan said it had halted aid": the pronoun is the speaker.
            roles = replace(roles, sources=find_roles(Trigger(speaker, code, False), matches, self._country_of, self._is_event_noun).sources)
        targets = roles.targets
        if trigger.complement is not None and not targets:
            complement = trigger.complement
            inner = find_roles(Trigger(complement, code, complement.pos_ in ("NOUN", "PROPN")), matches, self._country_of, self._is_event_noun)
            # Who is asked to act is the target of an appeal or demand; what a threat or promise is aimed at, otherwise.
            asked = inner.sources if code[:2] in APPEAL_OR_DEMAND_ROOTS else ()
            targets = next((found for found in (asked, inner.targets) if found and found[0] not in roles.sources), ())
        if roles.sources and not targets:
            # "would blockade Paris", "threatened a curfew in Algiers": the place acted on stands for its country.
            acts = (token, trigger.complement) if trigger.complement is not None else (token,)
            targets = tuple(found for act in acts if (found := place_target(act, finds.toponyms, self._resolver.country)))[:1]
        targets = tuple(t for t in targets if t not in roles.sources)
        target = targets[0] if targets else None
        cameo = self._knowledge.cameo_code(code)
        casualties = readings.read(_clause_text(token)).casualties if code[:2] in VIOLENT_ROOTS else None
        time = governing_time(token, sentence, finds.times, self._numbers)
        mention = EventMention(
            mention_id=stable_hash(article.article_id, span.sentence_index, token.idx - sentence.start_char),
            span=span,
            trigger=token.text,
            source=roles.source,
            target=target,
            cameo=cameo.code if len(code) < len(cameo.code) else code,
            goldstein=cameo.goldstein,
            quad_class=cameo.quad_class,
            plover=cameo.plover,
            acled_type=acled_sub_event_type(code, token, roles.source, target, casualties.killed if casualties else None),
            time=time,
            place=event_place(finds.toponyms, token),
            fatalities=casualties.killed if casualties else None,
            injured=casualties.injured if casualties else None,
            reported_by=reported_by(token, sentence, matches),
            negated=_is_negated(token) and not trigger.refusal,
            # An appeal, promise or threat about a future act was itself made.
            hypothetical=_is_hypothetical(token) and code[:2] not in SPEECH_ACT_ROOTS,
            published=article.published,
        )
        pairs = list({_pair_key(s, t): (s, t) for s in roles.sources or (None,) for t in targets or (None,)}.values())
        # Each further pair is an event of its own; the casualties stay with the first, counted once.
        return [(token, mention)] + [
            (token, replace(mention, mention_id=stable_hash(mention.mention_id, *_pair_key(*pair)),
                            source=pair[0], target=pair[1], fatalities=None, injured=None))
            for pair in pairs[1:]
        ]  # fmt: skip


def _told_violence(token: Token, mention: EventMention) -> bool:
    """A violent act a verb tells with its place or day ("a teen was accidentally shot in Lebanon on Saturday"),
    or one under investigation.

    It happened even where ACLED would not record it (an accident, a crime): it is the event of a local report.
    """
    if mention.cameo[:2] not in VIOLENT_ROOTS:
        return False
    return token.pos_ in ("VERB", "AUX") and (mention.place is not None or mention.time is not None) or _is_investigated(token)


def _is_investigated(token: Token) -> bool:
    """ "police are investigating a shooting", "an investigation into the stabbing": the act under investigation happened."""
    table, dep = token_table(token.doc), token.dep_
    head = table.head[token.i]
    if dep == "pobj" and table.lower[head] in ("into", "of"):
        head = table.head[head]
    return dep in ("dobj", "obj", "pobj", "nsubjpass") and table.lemma[head] in INVESTIGATION_LEMMAS


def _pair_key(source: ActorRef | None, target: ActorRef | None) -> tuple[str, str]:
    """Two mentions of one actor in a compound ("police … and police") make one pair, not two events."""
    return (source.actor_id if source else "", target.actor_id if target else "")


def _is_accident(trigger: Token) -> bool:
    """"A stampede killed dozens", "the jet crashed, killing all on board", "struck by a minivan": deaths with no
    attacker."""
    table, i = token_table(trigger.doc), trigger.i
    lemma, dep, children = table.lemma, table.dep, table.children
    if not DISASTERS.isdisjoint(lemma[table.sent_start[i] : table.sent_end[i]]):
        return True
    clause = i
    while dep[clause] in ("advcl", "conj", "xcomp") and not any(dep[c] in SUBJECT_DEPS for c in children[clause]):
        clause = table.head[clause]
        if lemma[clause] in ACCIDENT_VERBS:
            return True
    subjects = [c for c in children[clause] if dep[c] in SUBJECT_DEPS]
    if any(lemma[s] in ACCIDENT_CAUSES for s in subjects):
        return True
    agents = [o for c in children[i] if dep[c] == "agent" for o in children[c] if dep[o] == "pobj"]
    return any(lemma[doer] in VEHICLES for doer in (*agents, *(s for s in subjects if dep[s] == "nsubj")))


def _speaker_verb(trigger: Token) -> Token | None:
    """The reporting verb of a clause whose subject is a pronoun ("Syria says *it* is willing to …"), else None."""
    table = token_table(trigger.doc)
    clause = trigger.i
    while table.dep[clause] in ("xcomp", "acomp", "conj") and table.head[clause] != clause:
        clause = table.head[clause]
    if table.dep[clause] != "ccomp" or table.lemma[table.head[clause]] not in DECLARING_LEMMAS:
        return None
    subjects = [c for c in table.children[clause] if table.dep[c] in SUBJECT_DEPS]
    return trigger.doc[table.head[clause]] if subjects and table.lower[subjects[0]] in SPEAKER_PRONOUNS else None


def _clause_text(trigger: Token) -> str:
    """The words of the trigger's clause: "no Americans were killed" counts nobody in "after Iran fired …"."""
    head = clause_head(trigger)
    return tokens_text(trigger.doc, head.left_edge.i, head.right_edge.i + 1)


def _is_title_case(headline: str) -> bool:
    """Whether ``headline`` capitalises every word of four letters or more ("5-Year-Old Boy Shoots Self With Parent’s
    Gun"), rather than only its names."""
    words = HEADLINE_WORD.findall(headline)
    return len(words) >= TITLE_CASE_WORDS and all(word[0].isupper() for word in words)


def _headline_end(article: Article) -> int:
    """Where the article's title ends when the text opens with it, else 0."""
    if not article.title:
        return 0
    start = article.text.find(article.title)
    if start < 0 or article.text[:start].strip():
        return 0
    return start + len(article.title)


def _fold_light_verb_objects(triggers: list[Trigger]) -> list[Trigger]:
    """One event for "launched an attack": the verb stays, with the more specific of the two codes.

    A noun coded through its modifier outranks a verb that read only its head ("began a *hunger strike*").
    """
    verbs = {t.token.i: t for t in triggers if not t.is_noun}
    folded: dict[int, Trigger] = dict(verbs)
    dropped: set[int] = set()
    for trigger in triggers:
        if not trigger.is_noun:
            continue
        verb = next((v for v in verbs.values() if trigger.token.i in object_heads(token_table(v.token.doc), v.token.i)), None)
        if verb is None or _is_investigated(trigger.token) and trigger.code[:2] in VIOLENT_ROOTS:
            continue  # "investigating a shooting" tells two acts: the shooting happened
        dropped.add(trigger.token.i)
        current = folded[verb.token.i]
        refines = len(trigger.code) > len(current.code) and trigger.code.startswith(current.code[:2])
        if refines or (trigger.head_code is not None and current.code == trigger.head_code):
            folded[verb.token.i] = replace(current, code=trigger.code)
    return [folded.get(t.token.i, t) for t in triggers if t.token.i not in dropped]


def _is_negated(token: Token) -> bool:
    table, i = token_table(token.doc), token.i
    dep = table.dep
    inherits = dep[i] == "xcomp" or (dep[i] == "ccomp" and not _knows_or_tells(table, table.head[i]))
    for node in (i, table.head[i] if inherits else i):
        for child in table.children[node]:
            if dep[child] == "neg" or (dep[child] == "det" and table.lower[child] == "no"):
                return True
            if dep[child] in SUBJECT_DEPS and " ".join(table.lower[t] for t in table.subtree(child)) in NEGATING_SUBJECTS:
                return True
    return False


def _knows_or_tells(table: TokenTable, verb: int) -> bool:
    """A verb of knowing or telling, or a copula with such an adjective ("it was not *clear*")."""
    return any(table.lemma[word] in KNOWING_OR_TELLING_LEMMAS for word in (verb, *(c for c in table.children[verb] if table.dep[c] == "acomp")))


def _is_hypothetical(token: Token) -> bool:
    table = token_table(token.doc)
    dep, lemma, children = table.dep, table.lemma, table.children
    node = token.i
    for _ in range(3):
        if any(dep[c] == "aux" and lemma[c] in MODAL_LEMMAS for c in children[node]):
            return True
        if any(dep[c] == "mark" and table.lower[c] in CONDITIONAL_MARKS for c in children[node]):
            return True
        if dep[node] != "xcomp" or table.head[node] == node:
            return False
        node = table.head[node]
        if lemma[node] in INTENT_LEMMAS:
            return True
    return False


def _linked(a: Token, b: Token) -> bool:
    """True when b hangs directly off a (or through a single preposition): one event told twice."""
    table = token_table(b.doc)
    head = table.head[b.i]
    if head == a.i:
        return True
    return table.dep[head] == "prep" and table.head[head] == a.i


def _compatible(x: ActorRef | None, y: ActorRef | None) -> bool:
    return x is None or y is None or x.actor_id == y.actor_id


def _merge_linked_violence(candidates: list[tuple[Token, EventMention]]) -> list[tuple[Token, EventMention]]:
    """Fold violent triggers of one clause ("were killed when rockets hit") into one mention."""
    result: list[tuple[Token, EventMention]] = []
    for token, mention in candidates:
        partner = None
        if mention.cameo[:2] in VIOLENT_ROOTS:
            for index, (other_token, other) in enumerate(result):
                if (
                    other.cameo[:2] in VIOLENT_ROOTS
                    and (_linked(other_token, token) or _linked(token, other_token))
                    and _compatible(other.source, mention.source)
                    and _compatible(other.target, mention.target)
                ):
                    partner = index
                    break
        if partner is None:
            result.append((token, mention))
            continue
        other_token, other = result[partner]
        richer, poorer = (mention, other) if _role_count(mention) > _role_count(other) else (other, mention)
        # "were killed in a car bomb explosion": the weapon's code says more than the killing's.
        coded = poorer if richer.cameo in UNSPECIFIED_VIOLENCE and poorer.cameo not in UNSPECIFIED_VIOLENCE else richer
        result[partner] = (
            other_token,
            replace(
                richer,
                cameo=coded.cameo,
                goldstein=coded.goldstein,
                quad_class=coded.quad_class,
                plover=coded.plover,
                source=richer.source or poorer.source,
                target=richer.target or poorer.target,
                time=richer.time or poorer.time,
                place=richer.place or poorer.place,
                fatalities=richer.fatalities if richer.fatalities is not None else poorer.fatalities,
                injured=richer.injured if richer.injured is not None else poorer.injured,
                acled_type=most_specific((richer.acled_type, poorer.acled_type)),
                negated=richer.negated and poorer.negated,
                hypothetical=richer.hypothetical and poorer.hypothetical,
            ),
        )
    return result


def _role_count(mention: EventMention) -> int:
    return (mention.source is not None) + (mention.target is not None)
