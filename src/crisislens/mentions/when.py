"""Which of a sentence's date expressions dates an event trigger.

A date belongs to an event only when it sits in the trigger's own clause, or in a
clause the trigger's clause is part of ("rockets hit the base on Friday, killing
two"). A trigger inside a temporal relation to another clause is dated relative to
it ("on Sunday, two days after a strike killed him" gives Friday) or not at all; a clause of the same time
("shot while visiting the home last July") shares its date.
A reporting verb's date is the day of the report, not of what it reports ("a man was
shot and killed, police said Saturday"): a trigger does not climb into one. Nor into a
step that follows (an arrest, a charge, a plea, a hearing, a sentence, naming the dead, a vigil, a news
conference): "a man who shot a boy this week was arraigned Wednesday", "pleaded guilty Monday in a 2014
shooting" — the date of the event noun itself ("the June shooting") is the event's. A day told in a clause that
looks forward ("an autopsy will be conducted Monday") is the coming one (``looks_forward``).
An event noun that is merely referred to ("revenge for the killing of Soleimani")
takes no date from the sentence around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from crisislens.mentions.action import REPORTING_LEMMAS
from crisislens.mentions.casualties import NumberWords, parse_number
from crisislens.mentions.time import find_time_expressions
from crisislens.models import TimeValue
from crisislens.nlp.text import doc_text, span_text
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import SUBJECT_DEPS

# Dependencies along which a trigger shares the date of the word it hangs from.
VERB_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "relcl", "acl"})
NOUN_CLIMB_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "conj", "appos"})
BEFORE, AFTER = frozenset({"before", "ahead", "prior"}), frozenset({"after", "following", "since"})
SIMULTANEOUS = frozenset({"while", "when", "as"})
UNIT_DAYS = {"day": 1, "week": 7}
YEAR = re.compile(r"(?:19|20)\d\d")
# The steps of a case after the event: their dates are not the event's.
PROCEEDING_LEMMAS = frozenset({
    "arrest", "charge", "arraign", "indict", "plead", "sentence", "convict", "acquit", "testify", "jail", "book",
    "hearing", "trial", "arraignment", "sentencing", "court", "verdict", "testimony", "identify", "vigil", "funeral", "plea",
    "conference",
})  # fmt: skip
# What a local report calls its incident, and the verbs that give its day outright ("the shooting happened Sunday").
INCIDENT_NOUNS = frozenset({
    "shooting", "shootout", "killing", "homicide", "murder", "slaying", "stabbing", "death", "incident", "gunfire", "attack",
})  # fmt: skip
HAPPEN_LEMMAS = frozenset({"happen", "occur"})
STATEMENT_NOUNS = frozenset({"statement", "release", "announcement", "update"})  # what a report puts out
CLAUSE_BREAK_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "ADP"})  # a day after these may open a clause as its subject
INCIDENT_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "nummod", "amod"})  # "Tuesday's shooting", "the Dec. 12 shooting"
EVENT_DAY_DEPS = frozenset({"pobj", "prep", "compound", "npadvmod", "nmod", "nummod", "poss", "amod", "quantmod"})
# What a report says of an event that has just happened: police are searching, people have been hurt, a victim is in
# hospital, in the night or early morning just gone.
SEARCH_LEMMAS = frozenset({"investigate", "search", "look"})
HARM_LEMMAS = frozenset({"shoot", "kill", "wound", "injure", "hurt", "hospitalize", "stab", "airlift", "rush"})
CONDITION_WORDS = frozenset({"critical", "serious", "stable", "fair", "grave"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
HEADLINE_HARM_TAGS = frozenset({"VBN", "VBD", "VBZ"})  # a headline's "4 shot" parses as either participle or past
READER_PRONOUNS = frozenset({"i", "we", "you"})
# The words of a web page's stamp before a date, as regular expressions, and what may follow them up to the date.
_STAMP_WORDS = ("posted", "updated?", "published", "modified")
_STAMP_TAIL = r"\s*:?\s*(?:on\b\s*:?\s*)?"
# What stamps a day as the one a page or a post went up, right before the date: the page's stamp ("Posted: Tuesday,
# December 30, 2014", "UPDATE SATURDAY 5:45 AM", "Posted on: February 13, 2014"), an embedded post's byline
# ("— Megan Brilley (@meganbrilley) November 5, 2016"), a dateline's opening ("JAY COUNTY, Ind. (Nov. 18, 2015)").
PAGE_STAMP = re.compile(rf"\b(?:{'|'.join(_STAMP_WORDS)}){_STAMP_TAIL}$", re.IGNORECASE)
POST_BYLINE = re.compile(r"\(@\w+\)\s*$")
DATELINE_OPENING = re.compile(r"^\s*[A-Z][A-Z .'-]+,\s+[A-Z][A-Za-z.]*\s+\($")
PUBLICATION_STAMPS = (PAGE_STAMP, POST_BYLINE, DATELINE_OPENING)
# The same stamp as page furniture prints it, capitalised, before its date: "Updated: 01/26/2015 10:24 PM".
STAMP_LABEL = re.compile(rf"\b(?:{'|'.join(w.capitalize() for w in _STAMP_WORDS)}|{'|'.join(w.upper() for w in _STAMP_WORDS)}){_STAMP_TAIL}")
STAMP_REACH = 40  # characters after a stamp's label its date must start in
# What makes a clause tell of what is yet to come: "will be arraigned Monday", "an autopsy would be done Monday",
# "is scheduled to appear Friday", "is due in court Tuesday".
FUTURE_MODALS = frozenset({"will", "shall", "would"})
# The words right before a date that make it the day things stood so, not the day of an event.
STATE_BEFORE = re.compile(r"\b(?:as\s+of|condition)\s*$", re.IGNORECASE)
# Days counted from the speaker's now.
SPEAKERS_DAY = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
SCHEDULED_LEMMAS = frozenset({"schedule", "expect", "set", "due", "slate", "plan"})


def governing_time(trigger: Token, sentence: Span, times: Sequence[TimeValue], numbers: NumberWords) -> TimeValue | None:
    """The date of ``trigger``'s event among ``times`` (found in ``sentence``), or None; a page's or a post's stamp of
    a full date dates no event, wherever the parser hangs it ("… shot at a KCK Little Caesars — Megan Brilley
    (@meganbrilley) November 5, 2016"; not "Update on Yesterday's Accidental Shooting"), nor does a day things stood
    so (``dates_a_state``)."""
    scope, shift_at, shift = _scope(trigger, numbers)
    levels = {token.i: level for level, token in enumerate(scope)}
    best: tuple[tuple[int, int], TimeValue] | None = None
    for time in [*times, *_noun_years(scope, sentence, times)]:
        root = _expression_root(sentence, time)
        if root is None or (YEAR.search(time.text) and page_stamp(sentence, (time,)) is not None) or dates_a_state(sentence, time):
            continue
        level = _attachment(root, levels)
        if level is None:
            continue
        if shift_at is not None and level >= shift_at:
            if shift is None or time.value is None or time.precision != "day":
                continue
            time = replace(time, value=time.value + shift, text=f"{_describe(shift)} {time.text}")
        rank = (level, abs(root.i - trigger.i))
        if best is None or rank < best[0]:
            best = (rank, time)
    return best[1] if best else None


def looks_forward(sentence: Span, offset: int) -> bool:
    """The clause of the date expression at ``offset`` (a character offset in ``sentence``) tells of what is yet to
    come: "the suspect will be arraigned Monday", "an autopsy would be conducted Monday", "he is scheduled to appear in
    court Friday". Not what would have been ("she would have turned 18 Sunday") nor what was planned ("was scheduled")."""
    start = sentence.start_char + offset
    table = token_table(sentence.doc)
    token = next((i for i in range(sentence.start, sentence.end) if table.idx[i] >= start), None)
    if token is None or _names_an_incident(table, token):
        return False
    clause = next((i for i in (token, *table.ancestors(token)) if table.pos[i] in ("VERB", "AUX")), None)
    while clause is not None:
        if _tells_future(table, clause):
            return True
        clause = table.head[clause] if table.dep[clause] in ("xcomp", "acomp") and table.head[clause] != clause else None
    return False


def _names_an_incident(table: TokenTable, token: int) -> bool:
    """The date expression starting at ``token`` modifies an incident noun ("charges will be filed in Tuesday's fatal
    shooting", "the Dec. 12 shooting"): it dates the incident, not the clause's act still to come."""
    node = token
    while table.dep[node] in INCIDENT_MODIFIER_DEPS and table.head[node] != node:
        node = table.head[node]
    return node != token and table.pos[node] == "NOUN" and table.lemma[node] in INCIDENT_NOUNS


def _tells_future(table: TokenTable, verb: int) -> bool:
    """``verb`` is told with a modal of the future, or is a present-tense schedule ("is scheduled", "is due")."""
    lemma, tag = table.lemma, table.tag
    aux = [c for c in table.children[verb] if table.dep[c] in ("aux", "auxpass")]
    if any(lemma[c] == "have" for c in aux):
        return False
    if any(tag[c] == "MD" and lemma[c] in FUTURE_MODALS for c in aux):
        return True
    scheduled = [verb] if lemma[verb] in SCHEDULED_LEMMAS else []
    scheduled += [c for c in table.children[verb] if table.dep[c] == "acomp" and lemma[c] in SCHEDULED_LEMMAS]
    return bool(scheduled) and (tag[verb] in PRESENT_TAGS or any(tag[c] in PRESENT_TAGS for c in aux))


def page_stamp(sentence: Span, times: Sequence[TimeValue]) -> TimeValue | None:
    """The first of ``times`` that stamps the web page or a post it embeds ("Posted: Tuesday, December 30, 2014",
    "UPDATE SATURDAY", "(@EvansvillePD) January 3, 2017"): the day of a publication, not of an event."""
    text = span_text(sentence)
    return next((t for t in times if any(stamp.search(text[: t.start]) for stamp in PUBLICATION_STAMPS)), None)


def stamped_publication(text: str, published: date | None) -> TimeValue | None:
    """The day the page first stamps itself with, naming its year ("Posted: Tuesday, June 24, 2014", "Updated:
    01/26/2015 10:24 PM"), with its offsets in ``text``, where it is not after ``published``: the given date may be the
    day the page was found, and the text was written by the stamped day, so its "Sunday" is counted from there. Later
    stamps are of updates or of other stories the page lists."""
    if published is None:
        return None
    for label in STAMP_LABEL.finditer(text):
        found = find_time_expressions(text[label.end() : label.end() + STAMP_REACH], published)
        first = found[0] if found else None
        if first is not None and first.start == 0 and first.precision == "day" and first.value is not None and YEAR.search(first.text):
            return replace(first, start=label.end(), end=label.end() + first.end) if first.value <= published else None
    return None


def is_report_date(sentence: Span, time: TimeValue) -> bool:
    """The expression dates a reporting verb ("police said Saturday") or the page itself ("Updated: Saturday"), not an
    event."""
    if page_stamp(sentence, (time,)) is not None:
        return True
    root = _expression_root(sentence, time)
    if root is None:
        return False
    node = root
    while node.dep_ in ("pobj", "prep", "compound", "amod", "npadvmod") and node.head.i != node.i and node.head.pos_ not in ("VERB", "AUX"):
        node = node.head
    head = node.head if node.head.i != node.i else node
    if node.lemma_.lower() in PROCEEDING_LEMMAS or head.lemma_.lower() in PROCEEDING_LEMMAS or _verb_of_a_proceeding(head):
        return True  # "arraigned on Wednesday", "during Wednesday's hearing", "entered the plea Wednesday": a step of the case
    if _issues_a_statement(head):
        return True  # "in a statement released this afternoon": the report's time
    if head.lemma_.lower() == "report" and any(c.dep_ == "nsubjpass" for c in head.children):
        return False  # "the shooting was reported at 12:03 a.m. Tuesday": reported as it happened
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in REPORTING_LEMMAS:
        return False
    # "…, police said" after the date closes a sentence whose date is the event's, whatever the parse; "On Monday,
    # police said the shooting …" opens with the report's day, but "On Monday, police say they were called" with the
    # day of what they tell.
    return head.i < root.i or (head.tag_ == "VBD" and any(c.dep_ == "ccomp" and c.i > head.i for c in head.children))


def yet_to_come(sentence: Span, time: TimeValue) -> bool:
    """A time still to come when the words were written ("a vigil will be held tonight", "More information later
    today"), whatever day it resolves to: no event that has happened took place then."""
    return time.text.lower().startswith("later") or looks_forward(sentence, time.start)


def dates_a_state(sentence: Span, time: TimeValue) -> bool:
    """The expression dates how things stood, not an event: "in stable condition late Thursday", "their conditions are
    unknown as of late Thursday morning"."""
    return STATE_BEFORE.search(span_text(sentence)[: time.start]) is not None


def quoted_speakers_day(sentence: Span, time: TimeValue) -> bool:
    """A day counted from the speaker's now inside quoted speech ("“They lost two today,” said Wilson"): the day the
    words were said, which the quote does not give; nor is it the day of the event they speak of."""
    return SPEAKERS_DAY.search(time.text) is not None and _in_quotation(sentence, time)


def told_to_reader(sentence: Span, time: TimeValue) -> bool:
    """The expression is the page's words to its reader, not a day of anything told: a call ("Sign up for our best
    value today!", "Why don't you do it today!") or the reader's day on a line with neither verb nor harm ("Today",
    "TODAY'S TOP STORIES")."""
    root = _expression_root(sentence, time)
    if root is None:
        return False
    verb = next((t for t in (root, *root.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return SPEAKERS_DAY.search(time.text) is not None and not any(t.pos_ in ("VERB", "AUX") or _tells_harm(t) for t in sentence)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        return any(c.lower_ == "you" for c in subjects)
    return verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _tells_harm(token: Token) -> bool:
    """A word of violence or its toll: "shooting", "shot", "dead"."""
    lemma = token.lemma_.lower()
    return lemma in INCIDENT_NOUNS or lemma in HARM_LEMMAS or token.lower_ == "dead"


def _issues_a_statement(verb: Token) -> bool:
    """``verb`` puts out a statement: "a statement released this afternoon", "police issued a statement Tuesday"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    issued = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl":
        issued.append(verb.head)
    return any(n.lemma_.lower() in STATEMENT_NOUNS for n in issued)


def _verb_of_a_proceeding(verb: Token) -> bool:
    """The verb's object or place is a step of the case: "entered a plea", "held a vigil", "appeared in court"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return any(o.lemma_.lower() in PROCEEDING_LEMMAS for o in objects)


def states_event_day(sentence: Span, time: TimeValue) -> bool:
    """The expression is the day the story gives its incident outright: "the shooting happened Wednesday night",
    "it happened at 10:23 p.m. Sunday", "the shooting was reported at 7:15 p.m. Friday", "Sunday's shooting",
    "the Dec. 12 shooting". Not a speaker's day: "“… in light of tonight’s shootings, …”" is the statement's; nor
    another incident's: "charged with reckless driving stemming from an Aug. 27 incident"."""
    node = _expression_root(sentence, time)
    if node is None or _in_quotation(sentence, time):
        return False
    while node.dep_ in EVENT_DAY_DEPS and node.head.i != node.i and node.head.pos_ not in ("VERB", "AUX"):
        if node.head.pos_ == "NOUN" and node.head.lemma_.lower() in INCIDENT_NOUNS:
            # "an Aug. 27 incident" brings in another incident than the story's
            return not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in node.head.children)
        node = node.head
    head = node.head
    lemma = head.lemma_.lower()
    if not (lemma in HAPPEN_LEMMAS or (lemma == "report" and any(c.dep_ == "nsubjpass" for c in head.children))):
        return False
    return any(c.dep_ in SUBJECT_DEPS and (c.lemma_.lower() in INCIDENT_NOUNS or c.lower_ == "it") for c in head.children)


def _scope(trigger: Token, numbers: NumberWords) -> tuple[list[Token], int | None, timedelta | None]:
    """The trigger and the words above it whose date it shares; where a temporal relation cuts in, and its offset."""
    scope, node = [trigger], trigger
    shift_at: int | None = None
    shift: timedelta | None = None
    while node.head.i != node.i:
        is_verb = node.pos_ in ("VERB", "AUX")
        if node.dep_ not in (VERB_CLIMB_DEPS if is_verb else NOUN_CLIMB_DEPS):
            break
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_LEMMAS:
            break
        if node.head.lemma_.lower() in PROCEEDING_LEMMAS and node.lemma_.lower() not in PROCEEDING_LEMMAS:
            break
        relation = _temporal_relation(node)
        if relation is not None:
            if shift_at is not None:
                break
            word, measure = relation
            shift_at = len(scope)
            shift = _offset(measure, numbers, word)
        node = node.head
        scope.append(node)
    return scope, shift_at, shift


def _noun_years(scope: Sequence[Token], sentence: Span, times: Sequence[TimeValue]) -> list[TimeValue]:
    """The year an event noun of ``scope`` is told with ("in a 2014 shooting") where no expression covers it."""
    taken = [(sentence.start_char + t.start, sentence.start_char + t.end) for t in times]
    found = []
    for noun in scope:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        for child in noun.children:
            if child.dep_ in ("nummod", "compound") and YEAR.fullmatch(child.text) and not any(a <= child.idx < b for a, b in taken):
                start = child.idx - sentence.start_char
                found.append(TimeValue(child.text, date(int(child.text), 1, 1), "year", start, start + len(child.text)))
    return found


def _temporal_relation(node: Token) -> tuple[Token, Token | None] | None:
    """"after"/"before" introducing ``node``'s clause, with its measure ("two days") if any."""
    for child in node.children:
        if child.dep_ in ("mark", "prep", "advmod") and child.lower_ in BEFORE | AFTER and child.i < node.i:
            measure = next((c for c in child.children if c.dep_ == "npadvmod"), None)
            return child, measure
    return None


def _offset(measure: Token | None, numbers: NumberWords, word: Token) -> timedelta | None:
    if measure is None:
        return None
    unit = UNIT_DAYS.get(measure.lemma_.lower())
    count_tokens = [c for c in measure.children if c.dep_ == "nummod"]
    count = parse_number(count_tokens[0].text, numbers) if count_tokens else (1 if unit else None)
    if unit is None or count is None:
        return None
    days = timedelta(days=unit * count)
    # "two days after X" puts X two days before the anchor date.
    return -days if word.lower_ in AFTER else days


def _describe(shift: timedelta) -> str:
    direction = "before" if shift.days < 0 else "after"
    return f"{abs(shift.days)} day(s) {direction}"


def _in_quotation(sentence: Span, time: TimeValue) -> bool:
    """The expression stands inside quoted speech, which may open sentences before it in its paragraph."""
    text = doc_text(sentence.doc)
    at = sentence.start_char + time.start
    before = text[text.rfind("\n\n", 0, at) + 1 : at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _expression_root(sentence: Span, time: TimeValue) -> Token | None:
    """The word the expression's date hangs from the parse by: its own head word, or the word before it where the
    parser took the day for the subject of the verb after it ("the teenager killed near the school Thursday afternoon
    was identified as …": the day closes the killing's clause; no day is identified)."""
    start, end = sentence.start_char + time.start, sentence.start_char + time.end
    table = token_table(sentence.doc)
    tokens = [i for i in range(sentence.start, sentence.end) if start <= table.idx[i] < end]
    if not tokens:
        return None
    root = min(tokens, key=lambda i: len(table.ancestors(i)))
    before = tokens[0] - 1
    if table.dep[root] in SUBJECT_DEPS and table.pos[table.head[root]] in ("VERB", "AUX") and before >= sentence.start and table.pos[before] not in CLAUSE_BREAK_POS:
        return sentence.doc[before]
    return sentence.doc[root]


def _describes_trigger(verb: Token, levels: dict[int, int]) -> bool:
    """``verb`` heads a clause that tells of the trigger itself, an event noun: not a step of the case nor a report."""
    head = verb.head
    return (
        verb.dep_ in ("acl", "relcl") and levels.get(head.i) == 0 and head.pos_ == "NOUN"
        and verb.lemma_.lower() not in PROCEEDING_LEMMAS and verb.lemma_.lower() not in REPORTING_LEMMAS
    )  # fmt: skip


def _simultaneous(verb: Token) -> bool:
    """``verb`` heads a clause of the same time as the one it hangs from: "while visiting", "when he opened the door"."""
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEOUS and c.i < verb.i for c in verb.children)


def _attachment(root: Token, levels: dict[int, int]) -> int | None:
    """The scope level (by token index) the expression hangs from, when no other clause lies between."""
    node = root
    while True:
        if node.i in levels:
            return levels[node.i]
        if node.i != root.i and node.pos_ in ("VERB", "AUX"):
            if _describes_trigger(node, levels):
                return 0  # "gunshot wounds received late Friday", "a shooting that happened Sunday": the event noun's own day
            if _simultaneous(node) and node.head.i in levels:
                return levels[node.head.i]  # "shot while visiting the home last July": the same time
            return None  # the date of another clause
        if node.i != root.i and node.lemma_.lower() in PROCEEDING_LEMMAS:
            return None  # "Wednesday's hearing": the date of a step of the case
        if node.head.i == node.i:
            return None
        node = node.head


def just_happened(sentence: Span, times: Sequence[TimeValue], *, headline: bool = False) -> TimeValue | None:
    """The words of ``sentence``, outside its date expressions ``times``, that tell of an event as just happened, with
    no value: "police are investigating", "four people have been shot", "the boy is in critical condition", "shot
    overnight", "an early morning shooting". A story that names no day for such an event tells of its day of
    publication; that reading is the caller's.

    ``headline``: the sentence is the article's headline, whose "4 people shot", "gunman kills 1" is news of the day
    (headlines drop the "have been"), unless it tells a later step or a report ("teen killed in shooting identified",
    "boy wounded, police say")."""
    doc, table = sentence.doc, token_table(sentence.doc)
    tokens = range(sentence.start, sentence.end)
    news_headline = headline and not any(_follows_event(table, i) for i in tokens)
    for token in tokens:
        words = (token, token) if news_headline and _headline_harm(table, token) else _just_happened_words(doc, table, token)
        if words is None:
            continue
        first, last = words
        start, end = table.idx[first] - sentence.start_char, table.idx[last] + len(table.text[last]) - sentence.start_char
        if not any(t.start < end and start < t.end for t in times):
            return TimeValue(span_text(sentence)[start:end], None, None, start, end)
    return None


def _follows_event(table: TokenTable, token: int) -> bool:
    """A word of a step after the event or of a report of it: "identified", "arrested", "police say"."""
    lemma = table.lemma[token]
    return lemma in PROCEEDING_LEMMAS or lemma in REPORTING_LEMMAS


def _headline_harm(table: TokenTable, token: int) -> bool:
    """A harm verb as a headline tells news: "shot", "are shot", "kills", "2 dead in shooting"; not "was shot", "had
    killed"."""
    if table.lower[token] == "dead" and table.pos[token] == "ADJ":
        return True
    return (
        table.lemma[token] in HARM_LEMMAS and table.tag[token] in HEADLINE_HARM_TAGS
        and not any(table.dep[c] in ("aux", "auxpass") and table.tag[c] not in PRESENT_TAGS for c in table.children[token])
    )  # fmt: skip


def _just_happened_words(doc: Doc, table: TokenTable, token: int) -> tuple[int, int] | None:
    """The first and last word (indices) of a just-happened wording that ``token`` heads, if any (see ``just_happened``)."""
    lower, lemma, tag, dep, children = table.lower, table.lemma[token], table.tag, table.dep, table.children
    if lower[token] == "overnight":
        return token, token
    if lower[token] == "morning":
        before = [i for i in range(max(table.sent_start[token], token - 2), token) if table.text[i] != "-"]
        return (before[-1], token) if before and lower[before[-1]] == "early" else None
    if lemma == "condition":
        if not any(dep[c] == "amod" and lower[c] in CONDITION_WORDS for c in children[token]):
            return None
        verb = next((a for a in table.ancestors(token) if table.pos[a] in ("VERB", "AUX")), None)
        if verb is None or tag[verb] not in PRESENT_TAGS:
            return None
        return (verb, token) if verb < token else (token, verb)
    searching, harmed = tag[token] == "VBG" and lemma in SEARCH_LEMMAS, tag[token] == "VBN" and lemma in HARM_LEMMAS
    if not (searching or harmed):
        return None
    aux = [c for c in children[token] if dep[c] in ("aux", "auxpass")]
    present = [c for c in aux if tag[c] in PRESENT_TAGS]
    if not present:
        return None  # "were investigating", "had been shot": of any day
    if searching:
        # "Police are investigating", "deputies arrested a man and are looking for another"; not the reader's "if
        # you're looking for box scores"
        doer = table.head[token] if dep[token] == "conj" and not any(dep[c] == "nsubj" for c in children[token]) else token
        searcher = next((c for c in children[doer] if dep[c] == "nsubj"), None)
        return (present[0], token) if searcher is not None and lower[searcher] not in READER_PRONOUNS else None
    if any(doc[c].lemma_ == "have" for c in present) and any(lower[c] == "been" for c in aux):  # the lemma as the parser cased it
        return present[0], token  # "have been shot"
    return None
