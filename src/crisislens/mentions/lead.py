"""The casualty figures of an article's lead event, read from every sentence that tells of it.

The lead event is the article's first mention of an event that can hurt people (CAMEO 18-20
but blockades and occupations, violent protest 145, seizing or destroying property 171:
"stormed the embassy") that is neither negated nor hypothetical nor told as background, and
whose sentence gives a count, at most ``COUNTED_LEAD_WINDOW`` sentences after the first such mention
(else that first mention). Sentences after the lead count while the story stays with it: a dated event
of another day moves it on ("In July 2015, another teen was shot"), a dated event of the lead's day brings it back. Such a mention is background,
another event, when it is what the lead avenges or follows ("in revenge for the killing of
Soleimani", "a day after a rocket attack killed two troops", "the break-in followed weekend
airstrikes") or happens again ("the base was hit again on Saturday"). A sentence tells of the lead when its violent mentions fit it (not background,
dates overlapping it — an undated mention's are its sentence's —, places within ``SAME_PLACE_KM``), or, with no violent mention, when its
dates fit and it names no accident or disaster. A sentence is read without the words that
belong to a mention that does not fit (each word belongs to its nearest governing trigger):
"Iran fired missiles in revenge for the killing of Soleimani" counts nobody. Hypothetical
mentions ("planned to kill hundreds") and counts over many incidents are never read.

The headline counts as one more sentence of the lead ("1 killed, 3 hurt in Plainfield shooting"),
read before the text. The lead mention and every other mention of the lead event then carry the
article's tally (``mentions.tally``) with the claims of each source, in place of figures of their
own: an event takes one count per article (``events.build_event``), so whichever of these mentions
end up in it, it never adds the same dead twice. Where a mention of the lead event gives no day or
no town, it takes the lead's, which come from the sentences around it and the headline when the
lead's own sentence does not say (``mentions.setting``), never from another story on the page (a listing of other
stories' teasers, a video strip, a block under "Related:": ``mentions.stories``). A day the story gives its incident outright
("the shooting happened Wednesday night", "Sunday's shooting") is the lead's day, and every one of its
mentions', whatever the day of the sentence that reads as the event (a day of the report or of what
followed: "officials identified the dead Wednesday").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from crisislens.actors import ActorMatch
from crisislens.mentions.attribution import attribution
from crisislens.mentions.casualties import CasualtyReader, may_count, written_name
from crisislens.mentions.setting import SentenceSetting, lead_date, lead_place, names_elsewhere, place_km, settle
from crisislens.mentions.stories import story_of, story_starts
from crisislens.mentions.tally import SentenceCount, tally
from crisislens.mentions.time import bare_clock_time, find_time_expressions, period
from crisislens.mentions.when import dates_a_state, is_report_date, just_happened, quoted_speakers_day, states_event_day, told_to_reader, yet_to_come
from crisislens.models import OUTLET_ORIGIN, VIOLENT_ROOTS, EventMention, Place, TimeValue
from crisislens.nlp.entities import sentence_entities
from crisislens.nlp.text import doc_text, span_text
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import clause_head

SAME_PLACE_KM = 100.0
DAY_SLACK = timedelta(days=0)
LEAD_DATE_WINDOW = 5  # sentences after the lead in which a date still dates the lead event
# Sentences after the first violent mention in which one that gives a count may still be the lead; a count further
# down tells more often of another incident ("On Saturday less than a half mile away, a man shot and killed his brother").
COUNTED_LEAD_WINDOW = 10
TITLE_INDEX = -1  # where the headline stands among the article's sentences
STAMP_INDEX = 1_000_000  # where the headline's outlet stamp stands: after every sentence, its town read last
HEADLINE_NEWS_INDEX = STAMP_INDEX + 1  # where the headline's news stands as a clue of its day: read after everything else
# Words that make the violent mention under them an earlier event the lead answers.
AVENGED = frozenset({"revenge", "retaliation", "response", "reprisal", "retribution", "avenge", "anniversary"})
TIME_UNITS = frozenset({"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years", "night", "nights"})
SPAN_ARTICLES = frozenset({"a", "an", "the"})  # "a day after", "the night after"
HARMFUL_CODES = ("145", "171")  # besides CAMEO 18-20: violent protest, seize or destroy property
BLOODLESS_CODES = ("191", "192")  # blockade, occupy territory: no casualties of their own
# Lemmas of a casualty statement, where attribution starts looking for its reporting verb.
CASUALTY_LEMMAS = frozenset({"kill", "die", "dead", "wound", "injure", "hurt", "harm", "shoot", "succumb", "injury", "casualty", "death"})


@dataclass(frozen=True, slots=True)
class ToldSentence:
    """One sentence of the article with what extraction found in it."""

    index: int
    sentence: Span
    matches: Sequence[ActorMatch]
    times: Sequence[TimeValue]
    mentions: Sequence[tuple[Token, EventMention]]
    accident: bool = False  # a violent trigger was dropped as an accident or disaster ("a stampede killed dozens")
    places: Sequence[Place] = ()  # the places the sentence names
    headline: bool = False  # the sentence is the article's headline, read as the story


def can_hurt(mention: EventMention) -> bool:
    """An event that can kill or injure people: CAMEO 18-20, violent protest, seizing or destroying property."""
    return (mention.cameo[:2] in VIOLENT_ROOTS and not mention.cameo.startswith(BLOODLESS_CODES)) or mention.cameo.startswith(HARMFUL_CODES)


def _times_fit(lead: TimeValue | None, other: TimeValue | None) -> bool:
    """Overlapping periods (``DAY_SLACK`` allows days that far apart)."""
    if lead is None or other is None or lead.value is None or other.value is None:
        return True
    (a0, a1), (b0, b1) = period(lead), period(other)
    return a0 - DAY_SLACK <= b1 and b0 - DAY_SLACK <= a1


def _before(time: TimeValue, lead: TimeValue | None) -> bool:
    """``time`` ends before the lead's period starts."""
    if lead is None or lead.value is None or time.value is None:
        return False
    return period(time)[1] < period(lead)[0]


def _background_root(table: TokenTable, i: int) -> bool:
    """'revenge', 'in retaliation', '… a day after [a rocket attack killed two]': what hangs below token ``i`` is an earlier event."""
    lemma, lower, dep, head, children = table.lemma, table.lower, table.dep, table.head, table.children
    if lemma[i] in AVENGED:
        return True
    if dep[i] == "prep" and i > 0 and lemma[i - 1] in AVENGED:
        return True  # "called revenge | for the killing of …", the preposition parsed off its noun
    if (dep[i] in ("dobj", "advcl", "ccomp", "attr") and lemma[head[i]] == "follow") or (dep[i] == "pobj" and lower[head[i]] == "following"):
        return True  # "the break-in followed [weekend airstrikes …]", "following [the killing of …]"
    marks = [c for c in children[i] if dep[c] in ("mark", "prep") and lower[c] in ("after", "before")]
    if lower[i] in ("after", "before"):
        marks.append(i)
    # "one day after [a rocket attack killed …]": the time unit hangs off the verb or off "after"
    return bool(marks) and any(dep[c] == "npadvmod" and _stretch_of_time(table, c) for m in marks for c in (*children[m], *children[i]))


def _stretch_of_time(table: TokenTable, unit: int) -> bool:
    """'a day', 'two days', 'hours': a stretch between two events; not a named time ("Saturday night", "last night"),
    which is when the sentence's own event happened ("called Saturday night after receiving reports that …")."""
    if table.lower[unit] not in TIME_UNITS:
        return False
    dep, lower = table.dep, table.lower
    return table.tag[unit] == "NNS" or any(dep[c] == "nummod" or (dep[c] == "det" and lower[c] in SPAN_ARTICLES) for c in table.children[unit])


def is_background(trigger: Token) -> bool:
    """The trigger tells of another event than the sentence's own: avenged, followed, or repeated."""
    table, i = token_table(trigger.doc), trigger.i
    if any(table.dep[c] == "advmod" and table.lower[c] == "again" for c in table.children[i]):
        return True
    if _background_root(table, i) and table.lemma[i] not in AVENGED:
        return True
    return any(_background_root(table, node) for node in table.ancestors(i))


def _kept_text(sentence: Span, fitting: set[int], other: set[int]) -> str:
    """The sentence without the words of an earlier event or of a trigger that does not fit the lead.

    Each word belongs to its nearest governing trigger; below a background root ("in revenge
    for …", "a day after …") every word is an earlier event's.
    """
    table = token_table(sentence.doc)
    parts: list[str] = []
    dropping = False
    governor: dict[int, int | None] = {}  # each word's nearest trigger or background root above it (None: none)

    def governing(token: int) -> int | None:
        path: list[int] = []  # the words walked up from ``token``: they all share its governor
        node = token
        while node not in governor:
            if node in fitting or node in other or _background_root(table, node):
                governor[node] = node
                break
            path.append(node)
            if table.head[node] == node:
                governor[node] = None
                break
            node = table.head[node]
        for i in path:
            governor[i] = governor[node]
        return governor[node]

    for token in range(sentence.start, sentence.end):
        found = governing(token)  # dropped below another trigger, or below a background root that is no fitting trigger
        if found is not None and (found in other or found not in fitting):
            if not dropping:
                parts.append(" ; ")
            dropping = True
            continue
        dropping = False
        parts.append(table.text_with_ws[token])
    return "".join(parts)


def _moved_on(told: ToldSentence, lead_time: TimeValue | None, away: bool) -> bool:
    """Whether the story has moved on from the lead event: a dated event of another day takes the
    narrative elsewhere ("In July 2015, another teen was shot …"), one of the lead's day brings it
    back; sentences with no dated event leave it where it is."""
    times = [m.time for _, m in told.mentions if can_hurt(m) and m.time is not None and m.time.value is not None]
    if lead_time is None or not times:
        return away
    return not any(_times_fit(lead_time, time) for time in times)


def _drop_root(trigger: Token, fitting: set[int]) -> int:
    """Where a trigger that does not fit starts owning words: its clause's verb ("a rocket strike … killed a
    contractor"), unless that verb also governs a fitting trigger; then the trigger itself."""
    head = clause_head(trigger).i
    if head == trigger.i or head in fitting or any(i in fitting for i in token_table(trigger.doc).subtree(head)):
        return trigger.i
    return head


def _anchor(sentence: Span) -> Token:
    """Where attribution starts in a sentence with no violent trigger: its casualty word, else its root."""
    lemma = token_table(sentence.doc).lemma
    return next((sentence.doc[i] for i in range(sentence.start, sentence.end) if lemma[i] in CASUALTY_LEMMAS), sentence.root)


def _event_days(told: ToldSentence, published: date | None) -> list[TimeValue]:
    """The days ``told`` gives events: not those of their reports ("police said Sunday") nor any after publication
    ("Posted: Tuesday, December 30, 2014 … Updated: Tuesday, January 27, 2015") or yet to come ("a vigil will be held
    tonight"), nor a speaker's "today" in a quote, nor a day things stood so ("in stable condition late Thursday"), nor
    the page's words to its reader ("Sign up today!")."""

    def after_publication(time: TimeValue) -> bool:
        return published is not None and time.value is not None and time.value > published

    def excluded(time: TimeValue) -> bool:
        sentence = told.sentence
        told_elsewhen = yet_to_come(sentence, time) or quoted_speakers_day(sentence, time) or dates_a_state(sentence, time)
        return after_publication(time) or told_elsewhen or is_report_date(sentence, time) or told_to_reader(sentence, time)

    return [t for t in told.times if not excluded(t)]


def _reports_the_day_before(told: ToldSentence, published: date | None) -> bool:
    """``told`` dates a report or a step of the case the day before ``published``: "police said Monday", "was arrested
    Monday night", "WJCL reported Wednesday afternoon"."""
    if published is None:
        return False
    eve = published - timedelta(days=1)
    return any(t.value == eve and t.precision == "day" and is_report_date(told.sentence, t) for t in told.times)


def _stated_days(told: ToldSentence, times: Sequence[TimeValue], published: date | None) -> list[TimeValue]:
    """The days ``told`` gives an incident outright ("the shooting happened Sunday"), none after publication."""
    return [
        t for t in times
        if t.value is not None and t.precision == "day" and (published is None or t.value <= published) and states_event_day(told.sentence, t)
    ]  # fmt: skip


def _stamp_in(told: ToldSentence, stamp: TimeValue | None) -> TimeValue | None:
    """The page's stamp (offsets in the article's text) where ``told`` holds it, with offsets in the sentence."""
    if stamp is None or told.index == TITLE_INDEX:  # a headline parsed on its own is not in the article's text
        return None
    sentence = told.sentence
    if not sentence.start_char <= stamp.start < sentence.end_char:
        return None
    return replace(stamp, start=stamp.start - sentence.start_char, end=stamp.end - sentence.start_char)


def _headline_news(headline: Span | None, published: date | None) -> TimeValue | None:
    """The words by which ``headline`` tells its casualties as news ("Man accidentally shoots himself"), if it does."""
    if headline is None:
        return None
    return just_happened(headline, find_time_expressions(span_text(headline), published), headline=True)


def _reading_rank(index: int, lead_index: int) -> tuple[int, int]:
    """The order sentences are read in for the lead's setting: its own and ``LEAD_DATE_WINDOW`` after, those before
    (nearest first), the rest."""
    if lead_index <= index <= lead_index + LEAD_DATE_WINDOW:
        return 0, index - lead_index
    return (1, lead_index - index) if index < lead_index else (2, index - lead_index)


def _stories(told: Sequence[ToldSentence]) -> dict[int, int]:
    """The story of the page each sentence belongs to (``mentions.stories``); a headline parsed on its own heads the
    story the page opens with."""
    text = next((doc_text(s.sentence.doc) for s in told if s.index != TITLE_INDEX), "")
    starts = story_starts(text)
    return {s.index: 0 if s.index == TITLE_INDEX else story_of(starts, s.sentence.start_char) for s in told}


def _places_fit(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
        return True
    return place_km(a, b) <= SAME_PLACE_KM


def _full_names(told: Sequence[ToldSentence]) -> frozenset[str]:
    """The full names (two words or more) the article gives persons anywhere, written as casualty readings write names."""
    names = (written_name(ent.text) for s in told for ent in sentence_entities(s.sentence) if ent.label_ == "PERSON")
    return frozenset(name for name in names if " " in name)


class LeadCounter:
    """Reads the lead event's figures from an article's sentences (see the module doc)."""

    def __init__(self, clause_text: Callable[[Token], str]) -> None:
        self._clause_text = clause_text

    def count(self, article_id: str, told: Sequence[ToldSentence], readings: CasualtyReader, title: str | None = None, above: Sequence[Place] = (),
              stamps: Sequence[Place] = (), publication_stamp: TimeValue | None = None,
              parse_title: Callable[[], Span | None] | None = None) -> dict[str, EventMention]:  # fmt: skip
        """The mentions to replace, by id: the lead and its fellow mentions with the article's tally, date and place, and
        every other violent mention that names no place, in a sentence that names nowhere else, with the lead's place.

        ``readings``: the article's casualty reader. ``above``: the places the headline and the dateline name, read as the headline's sentence; ``stamps``: the
        towns of the headline's outlet stamp ("- WAFF-TV … Huntsville, AL") and the outlet's home town, read only when nothing else places
        the event, and marked as the outlet's (``Place.origin``). ``publication_stamp``: the page's stamp of the day it
        went up, offsets in the article's text (``when.stamped_publication``): the day of publication, which the given
        date may follow (the day the page was found). ``parse_title``: parses the headline, whose telling of casualties as
        news ("4 people shot in southeast Atlanta", "Man accidentally shoots himself") is the last clue of the day of
        publication, for a story that names no day and gives no other clue of it.
        """
        violent = [(s, t, m) for s in told for t, m in s.mentions if can_hurt(m) and not m.hypothetical]
        violent = [(s, t, m) for s, t, m in violent if not is_background(t)]
        leads = [(s, t, m) for s, t, m in violent if not m.negated]
        if not leads:
            return {}
        first = leads[0][0].index
        lead = next(((s, t, m) for s, t, m in leads if s.index <= first + COUNTED_LEAD_WINDOW and self._counts_in(s, t, readings)), leads[0])
        lead_sentence, _, lead_mention = lead
        stories = _stories(told)
        lead_story = stories[lead_sentence.index]
        lead_time = lead_mention.time if lead_mention.time is not None and lead_mention.time.value is not None else next(
            (m.time for s, _, m in violent if not m.negated and m.time is not None and m.time.value is not None
             and s.index <= lead_sentence.index + LEAD_DATE_WINDOW and stories[s.index] == lead_story), None)  # fmt: skip
        published = publication_stamp.value if publication_stamp is not None else lead_mention.published
        event_times = {s.index: _event_days(s, published) for s in told}
        if lead_time is None:  # a day told near the lead still tells which sentences are of another time
            nearby = [SentenceSetting(s.index, event_times[s.index], s.places, s.accident or stories[s.index] != lead_story) for s in told]
            lead_time = lead_date(None, None, nearby, lead_sentence.index, published)

        def fits(told: ToldSentence, trigger: Token, mention: EventMention) -> bool:
            if mention.mention_id == lead_mention.mention_id:
                return True  # whatever other day its sentence names: "a boy was in critical condition Tuesday after he was shot"
            if mention.time is not None and mention.time.value is not None:
                dated = _times_fit(lead_time, mention.time)
            else:  # its sentence's event dates: "500 people died in 2013" is not the lead's; a later day is of what
                # followed: "two men were hurt in the shooting and were released from the hospital Saturday"
                dated = not any(_before(time, lead_time) for time in event_times[told.index])
            return dated and _places_fit(lead_mention.place, mention.place) and not is_background(trigger)

        counts: list[SentenceCount] = []
        fellows: list[EventMention] = []
        settings: list[SentenceSetting] = []
        if title:  # the headline sums the story up: "1 killed, 3 hurt in Plainfield shooting"
            headline = readings.read(title)
            if not headline.empty and not headline.aggregate:
                counts.append(SentenceCount(TITLE_INDEX, headline))
        if title or above:
            times = find_time_expressions(title, lead_mention.published) if title else []
            settings.append(SentenceSetting(TITLE_INDEX, times, above))
        away = False
        stated: list[tuple[int, TimeValue]] = []  # days the story gives its incident outright, by sentence
        eve_reports = False  # the story dates a report or a step of its incident the day before publication
        for sentence in told:
            if sentence.index > lead_sentence.index:
                away = _moved_on(sentence, lead_time, away)
            hurting = [(t, m) for t, m in sentence.mentions if can_hurt(m) and not m.hypothetical]
            same_story = stories[sentence.index] == lead_story
            if same_story and not away and not any(is_background(t) for t, _ in hurting):
                stated.extend((sentence.index, t) for t in _stated_days(sentence, event_times[sentence.index], published))
            # another story on the page gives the lead neither its day nor its town
            other = not same_story or away or sentence.accident or (bool(hurting) and not any(fits(sentence, t, m) for t, m in hurting))
            clue = (
                bare_clock_time(span_text(sentence.sentence), sentence.times)
                or just_happened(sentence.sentence, sentence.times, headline=sentence.headline)
                or _stamp_in(sentence, publication_stamp)
            )
            settings.append(SentenceSetting(sentence.index, event_times[sentence.index], sentence.places, other, clue))
            eve_reports = eve_reports or (not other and _reports_the_day_before(sentence, published))
            if away:
                continue
            found = self._sentence_count(sentence, event_times[sentence.index], lead_time, fits, fellows, readings)
            if found is not None:
                counts.append(found)
        if stamps:
            settings.append(SentenceSetting(STAMP_INDEX, (), [replace(place, origin=OUTLET_ORIGIN) for place in stamps]))
        # Where the lead's own sentence does not date or place it, the sentences around it do.
        told_day = min(stated, key=lambda found: _reading_rank(found[0], lead_sentence.index))[1] if stated else None
        # A story that dates its reports the day before publication ("police said Monday", "was arrested Monday night")
        # was written that day: its news, told with no day of its own, is of that day.
        news_day = published - timedelta(days=1) if eve_reports and published is not None else published

        def setting_date() -> TimeValue | None:
            return lead_date(lead_mention.time, lead_time, settings, lead_sentence.index, news_day, further=True, eve=eve_reports)

        time = told_day or setting_date()
        if (time is None or time.value is None) and parse_title is not None:
            # the headline's news is read after everything else, so it is parsed only when nothing else dated the lead
            settings.append(SentenceSetting(HEADLINE_NEWS_INDEX, (), (), publication_day_clue=_headline_news(parse_title(), lead_mention.published)))
            time = setting_date()
        place = lead_place(lead_mention.place, settings, lead_sentence.index)
        result = tally(article_id, counts, _full_names(told))
        counted = result.killed is not None or result.injured is not None
        replaced: dict[str, EventMention] = {}
        for mention in (lead_mention, *fellows):
            settled = settle(mention, time, place, firm=told_day is not None)
            if counted:
                settled = replace(settled, fatalities=result.killed, injured=result.injured, claims=result.claims, count_rule=result.rule)
            replaced[mention.mention_id] = settled
        if place is not None:  # a local story happens in one town: a violent mention that names no place is there
            for sentence in told:
                if names_elsewhere(sentence.places, place):
                    continue
                for _, mention in sentence.mentions:
                    if mention.place is None and can_hurt(mention) and mention.mention_id not in replaced:
                        replaced[mention.mention_id] = replace(mention, place=place)
        return replaced

    def _counts_in(self, told: ToldSentence, trigger: Token, readings: CasualtyReader) -> bool:
        """The sentence of ``trigger`` counts someone killed or hurt (earlier events told in it aside)."""
        if not may_count(span_text(told.sentence)):
            return False
        reading = readings.read(_kept_text(told.sentence, {trigger.i}, set()))
        return not reading.empty and not reading.aggregate

    def _sentence_count(
        self,
        told: ToldSentence,
        event_times: Sequence[TimeValue],
        lead_time: TimeValue | None,
        fits: Callable[[ToldSentence, Token, EventMention], bool],
        fellows: list[EventMention],
        readings: CasualtyReader,
    ) -> SentenceCount | None:
        """What ``told`` says of the lead's victims; ``event_times``: its dates that are not of a report."""
        violent = [(t, m) for t, m in told.mentions if can_hurt(m)]
        if any(m.hypothetical for _, m in violent):
            violent = [(t, m) for t, m in violent if not m.hypothetical]
            if not violent:
                return None
        if not violent:
            if told.accident or not all(_times_fit(lead_time, time) for time in event_times) or not may_count(span_text(told.sentence)):
                return None
            reading = readings.read(_kept_text(told.sentence, set(), set()))
            anchor = _anchor(told.sentence)
        else:
            fitting = [(t, m) for t, m in violent if fits(told, t, m)]
            if not fitting:
                return None
            fellows.extend(m for _, m in fitting)
            others = [t for t, m in violent if (t, m) not in fitting]
            kept = {t.i for t, _ in fitting}
            reading = readings.read(_kept_text(told.sentence, kept, {_drop_root(t, kept) for t in others}))
            anchor = fitting[0][0]
        if reading.empty or reading.aggregate:
            return None
        source = attribution(anchor, told.sentence, told.matches)
        return SentenceCount(told.index, reading, source.source if source else None, source.claimed if source else False)
