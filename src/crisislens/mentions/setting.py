"""When and where an article's lead event happened, when the sentence that reads as the event does not say.

Local news names the day and the town once, often away from the sentence that reads as the event
("Police were called to Smiley Court in Montgomery on Sunday. … The victim was shot in the chest").
The lead mention (``mentions.lead``) keeps its own day-precision date and its own town; otherwise (a weekend, two days,
is not its own day: "shot over the weekend … police were called shortly before 8:30 p.m. Sunday" gives Sunday):

* date: the day of another report of the lead event close after it (``lead_time``), else the first
  day-precision date in the lead's sentence, then in the sentence right before it (where a story often opens the
  event with its day), then in the ``WINDOW`` sentences after it, then in the
  sentences before it, that is not after publication and the story has not moved away from.
  Dates of sentences that tell of another event (a violent mention that does not fit the lead, or an accident: a
  page's other story "struck by a minivan on Thursday") are not taken, nor a day outside the week, month or year
  the lead gives itself ("pleaded guilty Monday in a 2014 shooting": 2014). With no day there, a clock time in those sentences ("shot about 8:15 p.m.") is the
  day of publication: local news names no day for the day it publishes (so 46 of 54 such GVA dev
  articles; the day before in 5); so are words that tell of the event as just happened ("police are
  investigating", "have been shot", "is in critical condition", "overnight": 14 of 15 such GVA dev articles
  with no day at all), a headline read as the story's only report that tells its casualties as news ("4 people
  shot in southeast Atlanta": 7 of 9 such GVA dev articles), and the page's stamp ("Posted: Tuesday, May 2, 2015");
  the headline of a story with a text of its own tells its news last ("Man accidentally shoots himself in leg"), after
  every day and clue of the text (``mentions.lead``).
  The day of publication is the caller's: the day the page stamps itself with, else the given date (the day before, where
  the story dates its reports then: ``mentions.lead``). With neither, the first such day further on (a story
  names its incident's day once, anywhere: "… Around 4 p.m. Monday, officials say they were called"), else the
  first such clue further on.
* place: the first town or landmark named in the lead's sentence, then after it within ``WINDOW``,
  then before it (the headline and the dateline town last), then further on (a local story names its town once, anywhere) — within the lead's own country or region where the sentence named only that
  ("4 shot at New Jersey community center … in Elizabeth"), not in a sentence about another event.

The filled date and place keep the words they came from, so ``crisislens show`` tells why.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from crisislens.mentions.time import is_weekend, period
from crisislens.models import EventMention, Place, TimeValue

WINDOW = 5  # sentences after the lead that still tell of it
FINE_PLACES = frozenset({"city", "landmark"})
REGION_KM = 600.0  # a town this close to a named state or region's centre counts as inside it


@dataclass(frozen=True, slots=True)
class SentenceSetting:
    """What one sentence offers: its dates and places, and whether it tells of another event."""

    index: int
    times: Sequence[TimeValue]
    places: Sequence[Place]
    other_event: bool = False
    # A clock time outside every date expression ("about 8:15 p.m."), or words that tell of the event as just happened
    # ("police are investigating"), or the page's stamp ("Posted: Tuesday"): the day of publication, where the story
    # names no day.
    publication_day_clue: TimeValue | None = None


def _reading_order(sentences: Sequence[SentenceSetting], lead_index: int, *, rest: bool = False) -> Iterator[SentenceSetting]:
    """The lead's sentence, the ones after it within ``WINDOW``, the ones before it (nearest first), then with
    ``rest`` the ones after the window."""
    ordered = sorted(sentences, key=lambda s: s.index)
    yield from (s for s in ordered if lead_index <= s.index <= lead_index + WINDOW)
    yield from (s for s in reversed(ordered) if s.index < lead_index)
    if rest:
        yield from (s for s in ordered if s.index > lead_index + WINDOW)


def lead_date(own: TimeValue | None, nearby: TimeValue | None, sentences: Sequence[SentenceSetting], lead_index: int,
              published: date | None, *, further: bool = False, eve: bool = False) -> TimeValue | None:  # fmt: skip
    """The lead event's date (see the module doc); ``own`` when it is a day or nothing finer is found (a weekend is two
    days: a day of it the story names is finer).

    ``further``: with no day nor clue of the day of publication near the lead, the first day further on (a story
    names its incident's day once, anywhere), else the first clue further on. ``eve``: ``published`` is the day
    before publication, the day the story was written (``mentions.lead``); a clue's date says so.
    """
    if own is not None and _one_day(own) is not None:
        return own
    if nearby is not None and (nearby_day := _one_day(nearby)) is not None and _within(nearby_day, own):
        return nearby
    if own is None and nearby is not None and is_weekend(nearby):
        own = nearby  # the weekend of another report of the lead bounds its day as its own would
    near = sorted(_reading_order(sentences, lead_index), key=lambda s: _date_rank(s.index, lead_index))
    found = _first_day(near, own, published)
    if found is not None and is_weekend(found):  # the day of that weekend the story names, else the weekend
        named = _first_day(near, found, published)
        if named is None and further:
            named = _first_day(_beyond(sentences, lead_index), found, published)
        return named or found
    day = found or _publication_day(near, own, published, eve)
    if day is not None or not further:
        return day or own
    beyond = _beyond(sentences, lead_index)
    return _first_day(beyond, own, published) or _publication_day(beyond, own, published, eve) or own


def _date_rank(index: int, lead_index: int) -> int:
    """Where a sentence comes among those near the lead when reading for its date: the lead's own, then the sentence
    right before it, where a story often opens the event with its day ("Paramedics rushed the boy to a hospital Tuesday
    around 7:30 p.m. The boy was struck in the back."), before what followed it ("They received good news Wednesday")."""
    return 0 if index == lead_index else 1 if 0 <= index == lead_index - 1 else 2


def _beyond(sentences: Sequence[SentenceSetting], lead_index: int) -> list[SentenceSetting]:
    """The sentences after the lead's ``WINDOW``, in text order."""
    return sorted((s for s in sentences if s.index > lead_index + WINDOW), key=lambda s: s.index)


def _publication_day(sentences: Iterable[SentenceSetting], own: TimeValue | None, published: date | None, eve: bool) -> TimeValue | None:
    """The day of publication (``eve``: the day before), from the first clue of it in a sentence of the lead event, when
    the lead has no date."""
    if published is None or (own is not None and own.value is not None):
        return None
    said = "day before publication" if eve else "day of publication"
    for sentence in sentences:
        clue = sentence.publication_day_clue
        if not sentence.other_event and clue is not None:
            return replace(clue, text=f"{clue.text} ({said})", value=published, precision="day")
    return None


def _first_day(sentences: Iterable[SentenceSetting], own: TimeValue | None, published: date | None) -> TimeValue | None:
    """The first day (or weekend) of ``sentences`` that is not after publication, within ``own``, in a sentence of the
    lead event."""
    for sentence in sentences:
        if sentence.other_event:
            continue
        for time in sentence.times:
            if time.value is None or time.precision != "day" or (own is not None and is_weekend(own) and is_weekend(time)):
                continue  # a weekend is no finer than the weekend it would refine
            if (published is None or time.value <= published) and _within(time.value, own):
                return time
    return None


def _one_day(time: TimeValue) -> date | None:
    """The day ``time`` names; None for an unresolved expression or a longer period (a weekend is two days)."""
    return time.value if time.precision == "day" and not is_weekend(time) else None


def _within(day: date, period_of: TimeValue | None) -> bool:
    """Whether ``day`` may be the day of ``period_of`` (the week, month, season or year the lead gives itself; a day it
    gives itself is the caller's to keep)."""
    if period_of is None or period_of.value is None or _one_day(period_of) is not None:
        return True
    first, last = period(period_of)
    return first <= day <= last


def place_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places with coordinates (haversine, mean Earth radius 6371 km)."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _inside(town: Place, broad: Place | None) -> bool:
    """Whether a town may lie in the broad place the lead named (its country; near a region's centre)."""
    if broad is None:
        return True
    if broad.country is not None and town.country != broad.country:
        return False
    if broad.precision == "region" and None not in (town.lat, town.lon, broad.lat, broad.lon):
        return place_km(town, broad) <= REGION_KM
    return True


def names_elsewhere(places: Sequence[Place], town: Place) -> bool:
    """Whether a sentence naming ``places`` tells of somewhere other than ``town``: another town, or a region or
    country the town is not in ("… the drone strike in Baghdad that killed Soleimani" in a story from Absard)."""
    return any(place.name != town.name and (place.precision in FINE_PLACES or not _inside(town, place)) for place in places)


def lead_place(own: Place | None, sentences: Sequence[SentenceSetting], lead_index: int) -> Place | None:
    """The lead event's place (see the module doc); ``own`` when it is a town or landmark or nothing finer is found."""
    if own is not None and own.precision in FINE_PLACES:
        return own
    for sentence in _reading_order(sentences, lead_index, rest=True):
        if sentence.other_event:
            continue
        for place in sentence.places:
            if place.precision in FINE_PLACES and place.lat is not None and _inside(place, own):
                return place
    return own


def settle(mention: EventMention, time: TimeValue | None, place: Place | None, *, firm: bool = False) -> EventMention:
    """A report of the lead event, with the lead's date and place where it has no day or no town of its own.

    ``firm``: the story states the lead's day outright ("the shooting happened Sunday"); it replaces the mention's own.
    A day outside the week, month or year the mention gives itself ("shot last July") is another event's.
    """
    own_day = not firm and mention.time is not None and _one_day(mention.time) is not None
    outside_own = time is not None and time.value is not None and not _within(time.value, mention.time)
    own_town = mention.place is not None and mention.place.precision in FINE_PLACES
    keep_time = own_day or time is None or outside_own
    return replace(mention, time=mention.time if keep_time else time, place=mention.place if own_town or place is None else place)
