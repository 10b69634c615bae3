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
# The clauses of a report's own words ("prosecutors said Friday, confirming suspicions that the deaths were a
# murder-suicide"): what they tell does not take the report's date.
REPORTED_DEPS = frozenset({"ccomp", "advcl"})
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
# What makes an incident one of several the story tells: "another shooting", "a second shooting", "the latest homicide".
SERIES_WORDS = frozenset({
    "another", "other", "first", "second", "third", "fourth", "fifth", "latest", "recent", "earlier", "previous", "next",
})  # fmt: skip
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
# The words (lower-cased or lemmas) that can head a just-happened wording (``_just_happened_words``): no other is asked.
JUST_HAPPENED_HEADS = frozenset({"overnight", "morning", "condition", *SEARCH_LEMMAS, *HARM_LEMMAS})
HEADLINE_HARM_TAGS = frozenset({"VBN", "VBD", "VBZ"})  # a headline's "4 shot" parses as either participle or past
# The forms of harm a title-case headline ("15-Year-Old Boy Shot In Hermosa Neighborhood") tells news with, which its
# parse takes for names or nouns.
TITLE_CASE_HARM = frozenset({"shot", "shoots", "killed", "kills", "wounded", "injured", "hurt", "dead", "stabbed", "stabs"})
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
    table = token_table(sentence.doc)
    scope, shift_at, shift = _scope(table, trigger.i, numbers)
    levels = {token: level for level, token in enumerate(scope)}
    best: tuple[tuple[int, int], TimeValue] | None = None
    for time in [*times, *_noun_years(table, scope, sentence, times)]:
        root = _expression_root(sentence, time)
        if root is None or (YEAR.search(time.text) and page_stamp(sentence, (time,)) is not None) or dates_a_state(sentence, time):
            continue
        level = _attachment(table, root, levels)
        if level is None:
            continue
        if shift_at is not None and level >= shift_at:
            if shift is None or time.value is None or time.precision != "day":
                continue
            time = replace(time, value=time.value + shift, text=f"{_describe(shift)} {time.text}")
        rank = (level, abs(root - trigger.i))
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


def _is_incident_noun(table: TokenTable, token: int) -> bool:
    """``token`` is what a local report calls its incident: "shooting", "homicide"."""
    return table.pos[token] == "NOUN" and table.lemma[token] in INCIDENT_NOUNS


def _names_an_incident(table: TokenTable, token: int) -> bool:
    """The date expression starting at ``token`` modifies an incident noun ("charges will be filed in Tuesday's fatal
    shooting", "the Dec. 12 shooting"): it dates the incident, not the clause's act still to come."""
    node = token
    while table.dep[node] in INCIDENT_MODIFIER_DEPS and table.head[node] != node:
        node = table.head[node]
    return node != token and _is_incident_noun(table, node)


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
    table = token_table(sentence.doc)
    dep, lemma, pos, children = table.dep, table.lemma, table.pos, table.children
    node = root
    while dep[node] in ("pobj", "prep", "compound", "amod", "npadvmod") and table.head[node] != node and pos[table.head[node]] not in ("VERB", "AUX"):
        if _is_incident_noun(table, table.head[node]) and node in (root, table.head[root]):
            return False  # "faces charges after a shooting on Dec. 2": the incident's own day, not the step's
        node = table.head[node]
    head = table.head[node]  # a root is its own head
    if lemma[node] in PROCEEDING_LEMMAS or lemma[head] in PROCEEDING_LEMMAS or _verb_of_a_proceeding(table, head):
        return True  # "arraigned on Wednesday", "during Wednesday's hearing", "entered the plea Wednesday": a step of the case
    if _issues_a_statement(table, head):
        return True  # "in a statement released this afternoon": the report's time
    if lemma[head] == "report" and any(dep[c] == "nsubjpass" for c in children[head]):
        return False  # "the shooting was reported at 12:03 a.m. Tuesday": reported as it happened
    if pos[head] not in ("VERB", "AUX") or lemma[head] not in REPORTING_LEMMAS:
        return False
    # "…, police said" after the date closes a sentence whose date is the event's, whatever the parse; "On Monday,
    # police said the shooting …" opens with the report's day, but "On Monday, police say they were called" with the
    # day of what they tell.
    return head < root or (table.tag[head] == "VBD" and any(dep[c] == "ccomp" and c > head for c in children[head]))


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
    table = token_table(sentence.doc)
    pos, dep, children = table.pos, table.dep, table.children
    verb = next((t for t in (root, *table.ancestors(root)) if pos[t] in ("VERB", "AUX")), None)
    if verb is None:
        words = range(sentence.start, sentence.end)
        return SPEAKERS_DAY.search(time.text) is not None and not any(pos[t] in ("VERB", "AUX") or _tells_harm(table, t) for t in words)
    subjects = [c for c in children[verb] if dep[c] in SUBJECT_DEPS]
    if subjects:
        return any(table.lower[c] == "you" for c in subjects)
    return dep[verb] == "ROOT" and table.tag[verb] == "VB" and not any(dep[c] in ("aux", "auxpass") for c in children[verb])


def _tells_harm(table: TokenTable, token: int) -> bool:
    """A word of violence or its toll: "shooting", "shot", "dead"."""
    lemma = table.lemma[token]
    return lemma in INCIDENT_NOUNS or lemma in HARM_LEMMAS or table.lower[token] == "dead"


def _issues_a_statement(table: TokenTable, verb: int) -> bool:
    """``verb`` puts out a statement: "a statement released this afternoon", "police issued a statement Tuesday"."""
    if table.pos[verb] not in ("VERB", "AUX"):
        return False
    issued = [c for c in table.children[verb] if table.dep[c] in ("dobj", "nsubjpass")]
    if table.dep[verb] == "acl":
        issued.append(table.head[verb])
    return any(table.lemma[n] in STATEMENT_NOUNS for n in issued)


def _verb_of_a_proceeding(table: TokenTable, verb: int) -> bool:
    """The verb's object or place is a step of the case: "entered a plea", "held a vigil", "appeared in court"; or a
    verb joined to it is one: "officers found and arrested a suspect on Monday" (not "shot and arrested")."""
    dep, lemma, children = table.dep, table.lemma, table.children
    objects = [c for c in children[verb] if dep[c] == "dobj"]
    objects += [o for c in children[verb] if dep[c] == "prep" for o in children[c] if dep[o] == "pobj"]
    joined = [c for c in children[verb] if dep[c] == "conj" and table.pos[c] == "VERB"] if lemma[verb] not in HARM_LEMMAS else []
    return any(lemma[o] in PROCEEDING_LEMMAS for o in objects + joined)


def states_event_day(sentence: Span, time: TimeValue) -> bool:
    """The expression is the day the story gives its incident outright: "the shooting happened Wednesday night",
    "it happened at 10:23 p.m. Sunday", "the shooting was reported at 7:15 p.m. Friday", "Sunday's shooting",
    "the Dec. 12 shooting". Not a speaker's day: "“… in light of tonight’s shootings, …”" is the statement's; nor
    another incident's: "charged with reckless driving stemming from an Aug. 27 incident", nor one of several the story
    tells: "a second shooting was reported about 2 p.m. Friday", "the most recent shooting happened Saturday"."""
    node = _expression_root(sentence, time)
    if node is None or _in_quotation(sentence, time):
        return False
    table = token_table(sentence.doc)
    dep, lemma, pos, head, children = table.dep, table.lemma, table.pos, table.head, table.children
    while dep[node] in EVENT_DAY_DEPS and head[node] != node and pos[head[node]] not in ("VERB", "AUX"):
        if _is_incident_noun(table, head[node]):
            # "an Aug. 27 incident" brings in another incident than the story's
            incident = head[node]
            indefinite = any(dep[c] == "det" and table.lower[c] in ("a", "an") for c in children[incident])
            return not indefinite and not _one_of_several(table, incident)
        node = head[node]
    verb = head[node]
    if not (lemma[verb] in HAPPEN_LEMMAS or (lemma[verb] == "report" and any(dep[c] == "nsubjpass" for c in children[verb]))):
        return False
    subjects = [c for c in children[verb] if dep[c] in SUBJECT_DEPS]
    return any((lemma[c] in INCIDENT_NOUNS and not _one_of_several(table, c)) or table.lower[c] == "it" for c in subjects)


def _one_of_several(table: TokenTable, incident: int) -> bool:
    """The incident noun is told as one of a series: "another shooting", "the latest homicide", "a second shooting"."""
    return any(table.dep[c] in ("det", "amod") and table.lower[c] in SERIES_WORDS for c in table.children[incident])


def _scope(table: TokenTable, trigger: int, numbers: NumberWords) -> tuple[list[int], int | None, timedelta | None]:
    """The trigger and the words above it whose date it shares; where a temporal relation cuts in, and its offset."""
    dep, lemma, head = table.dep, table.lemma, table.head
    scope, node = [trigger], trigger
    shift_at: int | None = None
    shift: timedelta | None = None
    while head[node] != node:
        is_verb = table.pos[node] in ("VERB", "AUX")
        if dep[node] not in (VERB_CLIMB_DEPS if is_verb else NOUN_CLIMB_DEPS):
            break
        if dep[node] in REPORTED_DEPS and lemma[head[node]] in REPORTING_LEMMAS:
            break
        if lemma[head[node]] in PROCEEDING_LEMMAS and lemma[node] not in PROCEEDING_LEMMAS:
            break
        relation = _temporal_relation(table, node)
        if relation is not None:
            if shift_at is not None:
                break
            word, measure = relation
            shift_at = len(scope)
            shift = _offset(table, measure, numbers, word)
        node = head[node]
        scope.append(node)
    return scope, shift_at, shift


def _noun_years(table: TokenTable, scope: Sequence[int], sentence: Span, times: Sequence[TimeValue]) -> list[TimeValue]:
    """The year an event noun of ``scope`` is told with ("in a 2014 shooting") where no expression covers it."""
    taken = [(sentence.start_char + t.start, sentence.start_char + t.end) for t in times]
    found = []
    for noun in scope:
        if table.pos[noun] not in ("NOUN", "PROPN"):
            continue
        for child in table.children[noun]:
            text, at = table.text[child], table.idx[child]
            if table.dep[child] in ("nummod", "compound") and YEAR.fullmatch(text) and not any(a <= at < b for a, b in taken):
                start = at - sentence.start_char
                found.append(TimeValue(text, date(int(text), 1, 1), "year", start, start + len(text)))
    return found


def _temporal_relation(table: TokenTable, node: int) -> tuple[int, int | None] | None:
    """"after"/"before" introducing ``node``'s clause, with its measure ("two days") if any."""
    for child in table.children[node]:
        if table.dep[child] in ("mark", "prep", "advmod") and table.lower[child] in BEFORE | AFTER and child < node:
            measure = next((c for c in table.children[child] if table.dep[c] == "npadvmod"), None)
            return child, measure
    return None


def _offset(table: TokenTable, measure: int | None, numbers: NumberWords, word: int) -> timedelta | None:
    if measure is None:
        return None
    unit = UNIT_DAYS.get(table.lemma[measure])
    count_tokens = [c for c in table.children[measure] if table.dep[c] == "nummod"]
    count = parse_number(table.text[count_tokens[0]], numbers) if count_tokens else (1 if unit else None)
    if unit is None or count is None:
        return None
    days = timedelta(days=unit * count)
    # "two days after X" puts X two days before the anchor date.
    return -days if table.lower[word] in AFTER else days


def _describe(shift: timedelta) -> str:
    direction = "before" if shift.days < 0 else "after"
    return f"{abs(shift.days)} day(s) {direction}"


def _in_quotation(sentence: Span, time: TimeValue) -> bool:
    """The expression stands inside quoted speech, which may open sentences before it in its paragraph."""
    text = doc_text(sentence.doc)
    at = sentence.start_char + time.start
    before = text[text.rfind("\n\n", 0, at) + 1 : at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _expression_root(sentence: Span, time: TimeValue) -> int | None:
    """The word (index) the expression's date hangs from the parse by: its own head word, or the word before it where the
    parser took the day for the subject of the verb after it ("the teenager killed near the school Thursday afternoon
    was identified as …": the day closes the killing's clause; no day is identified)."""
    start, end = sentence.start_char + time.start, sentence.start_char + time.end
    table = token_table(sentence.doc)
    tokens = [i for i in range(sentence.start, sentence.end) if start <= table.idx[i] < end]
    if not tokens:
        return None
    root = min(tokens, key=lambda i: len(table.ancestors(i)))
    before = tokens[0] - 1
    pos = table.pos
    if table.dep[root] in SUBJECT_DEPS and pos[table.head[root]] in ("VERB", "AUX") and before >= sentence.start and pos[before] not in CLAUSE_BREAK_POS:
        return before
    return root


def _describes_trigger(table: TokenTable, verb: int, levels: dict[int, int]) -> bool:
    """``verb`` heads a clause that tells of the trigger itself, an event noun: not a step of the case nor a report."""
    head, lemma = table.head[verb], table.lemma[verb]
    return (
        table.dep[verb] in ("acl", "relcl") and levels.get(head) == 0 and table.pos[head] == "NOUN"
        and lemma not in PROCEEDING_LEMMAS and lemma not in REPORTING_LEMMAS
    )  # fmt: skip


def _simultaneous(table: TokenTable, verb: int) -> bool:
    """``verb`` heads a clause of the same time as the one it hangs from: "while visiting", "when he opened the door"."""
    dep = table.dep
    return dep[verb] == "advcl" and any(dep[c] in ("mark", "advmod") and table.lower[c] in SIMULTANEOUS and c < verb for c in table.children[verb])


def _attachment(table: TokenTable, root: int, levels: dict[int, int]) -> int | None:
    """The scope level (by token index) the expression hangs from, when no other clause lies between."""
    node = root
    while True:
        if node in levels:
            return levels[node]
        if node != root and table.pos[node] in ("VERB", "AUX"):
            if _describes_trigger(table, node, levels):
                return 0  # "gunshot wounds received late Friday", "a shooting that happened Sunday": the event noun's own day
            if _simultaneous(table, node) and table.head[node] in levels:
                return levels[table.head[node]]  # "shot while visiting the home last July": the same time
            return None  # the date of another clause
        if node != root and table.lemma[node] in PROCEEDING_LEMMAS:
            return None  # "Wednesday's hearing": the date of a step of the case
        if table.head[node] == node:
            return None
        node = table.head[node]


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
    heads = tokens if news_headline else [i for i in tokens if table.lemma[i] in JUST_HAPPENED_HEADS or table.lower[i] in JUST_HAPPENED_HEADS]
    for token in heads:
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
    """A harm verb as a headline tells news: "shot", "are shot", "kills", "2 dead in shooting", "Boy Shot In
    Hermosa"; not "was shot", "had killed"."""
    if table.lower[token] == "dead" and table.pos[token] == "ADJ":
        return True
    if table.pos[token] in ("PROPN", "NOUN") and table.text[token][:1].isupper() and table.lower[token] in TITLE_CASE_HARM:
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
