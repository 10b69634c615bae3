"""Date expressions in news sentences, resolved against the publication date.

Standard library only, rules over regular expressions. Conventions (news is
mostly about the recent past):

* a bare weekday ("Friday", "early Friday", "Friday night") is the most recent
  such day on or before publication; "last"/"past" Friday is strictly before it,
  "next" Friday strictly after, "this" Friday follows the bare rule, "this
  coming" Friday is on or after publication;
* "N days/weeks ago" is publication minus N units (weeks: not moved to a Monday);
  "N months/years/decades ago" is the first day of that month/year;
* "last/this/next week|month|year" start on Monday / the 1st / 1 January;
  "the weekend" is the most recent Saturday, at day precision (its period runs
  through Sunday: ``period``);
* a month-day without a year is the most recent one on or before publication,
  unless that lies more than 300 days back and the next one at most 62 days
  ahead; a month without a year is the most recent such month on or before the
  publication month ("this June" is in the publication year, "June last year"
  in the one before); a holiday ("Thanksgiving", "Election Day") follows the
  month-day rule; seasons need a year or last/this/next (northern hemisphere,
  "winter of Y" starts in December of Y);
* a slashed date needs its order unambiguous ("12/23/16"); a two-digit year is 1969-2068;
* a weekday that belies a full date's year but fits the same day of the publication's year, one year off, takes
  that year ("Wednesday, January 18th, 2016" in a report of 18 January 2017: the old year typed from habit);
* clock times are never dates on their own but are absorbed into the day they
  follow or precede ("Sunday at 5:00pm (1400 GMT)", "9 a.m. EST Tuesday" are one
  expression; ``clock_time`` reads the clock back); durations ("three
  days", "the past year", "in the last week") and unanchored phrases ("the day
  before", "during Ramadan", "recently") are not dates.

Relative expressions without a publication date are still returned, with value
and precision None. Absolute dates always resolve. A caller that knows the tense
of an expression's clause can pass ``future_at`` (see ``find_time_expressions``):
there a bare weekday, month-day or month is the coming one instead.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from crisislens.models import TimeValue

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_MONTHS = {name: i for i, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_FULL_MONTHS = frozenset("january february march april may june july august september october november december".split())
_WEEKDAYS = {name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_QUALIFIER_WORDS = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "morning": "morning", "evening": "evening", "night": "night",
    "overnight": "night", "tonight": "night",
}  # fmt: skip
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})  # also verbs: need a day, a year or a cue word
_CUE_WORDS = frozenset({"in", "since", "during", "until", "till", "by", "from", "of", "before", "after", "throughout"})
_UNGUARDED_CUES = frozenset({"in", "since", "during", "until", "till", "throughout"})
_COUNT_BEFORE = re.compile(r"\b(?:an?\s+[a-z]+|rose|fell|increased|decreased|grew|dropped|up|down)\s+$", re.IGNORECASE)
_WEEKEND = re.compile(r"\bweekend\b", re.IGNORECASE)
_MAX_BACK, _MAX_AHEAD = 300, 62  # days: when a yearless month-day flips to the coming year
_MAX_AHEAD_FORWARD, _MIN_BACK_FORWARD = 183, 30  # the same in a forward-looking clause
TWO_DIGIT_PIVOT = 69  # two-digit years from here on are of the 1900s

# --- regular expression pieces ---------------------------------------------
_YEAR = r"(?:19\d\d|20\d\d|2100)(?![\d.,]\d|\s*(?:gmt|utc|hrs\b|hours|local\s+time|%|percent))"
_MONTH = (
    r"(?P<mon>(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b(?:\.(?=\s*\d))?)"
)
_QUAL = (
    r"(?P<q>(?:very\s+)?early|late|mid|(?:the\s+)?(?:beginning|start|middle|end)\s+of"
    r"|in\s+the\s+(?:early|small|wee)\s+hours\s+of)"
)
_CUE = r"(?:\b(?P<cue>" + "|".join(sorted(_CUE_WORDS)) + r")\s+)?"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?"
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d(?!\d)|\d{4}\s*(?:gmt|utc|hrs|hours|local\s+time)\b"
    r"|\d{1,2}(?::\d\d)?\s*(?:gmt|utc)\b|noon|midday|midnight|dawn|dusk|sunrise|sunset|daybreak)"
)
_AT = (
    r"(?:,?\s+(?:at|around|about|(?:shortly|just|soon)\s+(?:before|after)|before|after|by)\s+(?:around\s+|about\s+)?"
    + _CLOCK
    + r")?(?:\s*\(\s*(?:around\s+|about\s+)?"
    + _CLOCK
    + r"\s*\))?"
)
_ZONE = r"(?:[ECMP][SD]T|GMT|UTC|local\s+time)\b"
_PRE_CLOCK = r"(?:(?:" + _CLOCK + r"|mid-?\s?(?:morning|afternoon))(?:\s+" + _ZONE + r")?,?\s+(?:on\s+)?)"  # "9 a.m. EST Tuesday"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)"
_ORDINALS = {
    word: i for i, word in enumerate((
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third "
        "twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first"
    ).split(), 1)
}  # fmt: skip
_DAY_OR_WORD = r"(?:" + _DAY + r"|(?P<dw>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")\b(?!-))"
_OPT_YEAR = r"(?:,?\s+(?P<y>" + _YEAR + r")\b)?"


@dataclass(frozen=True, slots=True)
class _Found:
    """One resolved match before selection; ``kind`` drives weekday-date merging."""

    start: int
    end: int
    value: date | None
    precision: str | None
    qualifier: str | None
    kind: str = "other"  # "weekday" | "date" | "other"


@dataclass(frozen=True, slots=True)
class _Context:
    """What a handler knows besides its match.

    The anchor day, whether the text is one expression the caller already judged to be
    a date, and whether the expression's clause looks forward in time (then a bare
    weekday, month-day or month means the coming one).
    """

    published: date | None
    whole: bool
    future: bool = False


_Resolved = tuple[date | None, str | None, str | None]  # value, precision, qualifier
_Handler = Callable[[re.Match[str], _Context], _Resolved | None]
FuturePredicate = Callable[[int], bool]  # character offset of an expression -> does its clause look forward?


# --- calendar helpers -------------------------------------------------------
def _qualifier(*phrases: str | None) -> str | None:
    """The qualifier named by the first phrase that names one ("afternoon" names none)."""
    for phrase in phrases:
        for word in re.findall(r"[a-z]+", (phrase or "").lower()):
            if word in _QUALIFIER_WORDS:
                return _QUALIFIER_WORDS[word]
    return None


def _day_qualifier(m: re.Match[str]) -> str | None:
    """Part of day wins over early/late ("late Friday night" -> night)."""
    part = m.group("part")
    if part:
        return _QUALIFIER_WORDS.get(part.lower())
    return _qualifier(m.groupdict().get("q"))


def _shift_month(day: date, months: int) -> date:
    """First day of the month ``months`` after (negative: before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _safe_date(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1] else None


def _month_number(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _year(m: re.Match[str]) -> int | None:
    return int(m.group("y")) if m.groupdict().get("y") else None


def _month_day_year(month: int, day: int, published: date, forward: bool = False) -> date | None:
    """The nearest plausible year for a yearless month-day (see module docstring).

    ``forward`` (a clause that looks ahead): the next one, when it is at most half a year
    away and the last one more than a month back ("will meet on Aug. 6" in February).
    """
    dates = [d for y in range(published.year - 8, published.year + 2) if (d := _safe_date(y, month, day))]
    return _nearest(dates, published, forward)


def _nearest(dates: list[date], published: date, forward: bool = False) -> date | None:
    """Among yearly recurrences (sorted), the one a yearless mention means (see ``_month_day_year``)."""
    past = [d for d in dates if d <= published]
    future = [d for d in dates if d > published]
    if forward and future and (future[0] - published).days <= _MAX_AHEAD_FORWARD:
        if not past or (published - past[-1]).days > _MIN_BACK_FORWARD:
            return future[0]
    if past and future and (published - past[-1]).days > _MAX_BACK and (future[0] - published).days <= _MAX_AHEAD:
        return future[0]
    return past[-1] if past else (future[0] if future else None)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# Holiday name -> its date in a given year (fixed days, or the n-th weekday of a month); the US calendar where it differs.
_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "independence day": lambda y: date(y, 7, 4),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}  # fmt: skip


def _weekday_date(published: date, weekday: int, rel: str) -> date:
    """Bare/"this": on or before; "last"/"past": strictly before; "next": strictly after; "coming": on or after."""
    if rel in ("coming", "this coming"):
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    if rel == "next":
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    if rel in ("last", "past", "this past"):
        return published - timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _weekend(published: date, rel: str) -> date:
    """Saturday of the weekend meant: the latest on or before publication ("last": before this one)."""
    if rel == "next":
        return published + timedelta(days=(5 - published.weekday() - 1) % 7 + 1)
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return saturday - timedelta(days=7) if rel == "last" and published.weekday() >= 5 else saturday


def _rel(m: re.Match[str]) -> str:
    return " ".join((m.groupdict().get("rel") or "").lower().split())


# --- handlers: match -> (value, precision, qualifier), or None to reject ----
def _iso(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    value = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    return (value, "day", None) if value else None


def _slash(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """d/m/y or m/d/y, only when unambiguous (one part above 12, or both equal); a two-digit year ("12/23/16") is
    1969-2068, as the C library reads it."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if year < 100:
        year += 1900 if year >= TWO_DIGIT_PIVOT else 2000
    if a > 12 >= b:
        value = _safe_date(year, b, a)
    elif b > 12 >= a or a == b:
        value = _safe_date(year, a, b)
    else:
        return None
    return (value, "day", None) if value else None


def _month_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    words = m.groupdict().get("dw")
    month, year = _month_number(m.group("mon")), _year(m)
    day = _ORDINALS[words.lower()] if words else int(m.group("d"))
    if words and not m.group("mon")[0].isupper():
        return None  # "may first", "march second": verbs and adverbs
    if not 1 <= day <= 31 or (year is None and not _safe_date(2000, month, day)):
        return None
    word = m.group("mon")
    if word.lower() in _AMBIGUOUS_MONTHS and word.islower() and not (year or ctx.whole):
        if words or m.start("d") < m.start("mon") or re.match(r"\s+[a-z]", m.string[m.end("d") :]):
            return None  # "the 3 may ...", "they march 3 miles"; "on may 5," is accepted
    if year is not None:
        value = _safe_date(year, month, day)
        return (value, "day", _day_qualifier(m)) if value else None
    published, rel = ctx.published, _rel(m)
    if published is None:
        return None, None, _day_qualifier(m)
    if rel in ("last", "next"):  # "last July 13": the latest one before publication; "next": the first after
        dates = [d for y in range(published.year - 1, published.year + 2) if (d := _safe_date(y, month, day))]
        chosen = [d for d in dates if d < published] if rel == "last" else [d for d in dates if d > published]
        return (chosen[-1] if rel == "last" else chosen[0]) if chosen else None, "day", _day_qualifier(m)
    return _month_day_year(month, day, published, ctx.future), "day", _day_qualifier(m)


def _month(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    word, year, rel, year_rel = m.group("mon"), _year(m), _rel(m), (m.group("ry") or "").lower()
    full = word.lower() in _FULL_MONTHS
    if not full and year is None:
        return None  # "Jan" alone is too weak; "Jan. 2020" is fine
    if word.lower() in _AMBIGUOUS_MONTHS and not (year or rel or year_rel or m.group("q") or m.group("cue") or ctx.whole):
        return None
    if word.lower() in _AMBIGUOUS_MONTHS and word.islower() and not (year or year_rel or m.group("cue") or ctx.whole):
        return None  # "this march", "the late march": the walk, not the month
    month, qualifier = _month_number(word), _qualifier(m.group("q"))
    if year is not None:
        return date(year, month, 1), "month", qualifier
    published = ctx.published
    if published is None:
        return None, None, qualifier
    if year_rel:  # "June last year"
        year = published.year + {"last": -1, "this": 0, "next": 1}[year_rel]
    elif rel == "this":
        year = published.year
    elif rel == "next" or (ctx.future and rel != "last"):
        later = month > published.month or (month == published.month and rel != "next")
        year = published.year if later else published.year + 1
    elif rel == "last":
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1), "month", qualifier


def _year_only(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A bare year needs a cue word, a qualifier ("mid-2019") or to be the whole expression."""
    cue = (m.group("cue") or "").lower()
    if not (cue or m.group("q") or ctx.whole):
        return None
    if cue and cue not in _UNGUARDED_CUES and not m.group("q") and _counted(m):
        return None  # "of 2000 people", "a crowd of 2000", "rose by 2000"
    return date(int(m.group("y")), 1, 1), "year", _qualifier(m.group("q"))


def _counted(m: re.Match[str]) -> bool:
    """Whether a cued 4-digit number reads as a count rather than a year."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    return bool(re.match(r"\s+(?!to\b|and\b)[a-z]", after) or _COUNT_BEFORE.search(before))


def _season(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    season, year, rel = m.group("s").lower(), _year(m), _rel(m)
    first = _SEASONS[season]
    if year is not None:
        return date(year, first, 1), "month", season
    if not rel:
        return None  # "in spring": no year, no anchor
    published = ctx.published
    if published is None:
        return None, None, season
    if rel == "next":
        year = published.year if date(published.year, first, 1) > published else published.year + 1
    elif rel == "this":
        year = published.year - 1 if first == 12 and published.month <= 2 else published.year
    else:  # last / past: the latest season that has already ended
        year = published.year
        while _shift_month(date(year, first, 1), 3) > published:
            year -= 1
    return date(year, first, 1), "month", season


def _weekday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    if ctx.published is None:
        return None, None, _day_qualifier(m)
    rel = _rel(m)
    if ctx.future and rel in ("", "this"):
        rel = "coming"
    return _weekday_date(ctx.published, _WEEKDAYS[m.group("wd").lower()], rel), "day", _day_qualifier(m)


def _holiday(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """A holiday: the nearest occurrence like a yearless month-day; "last" the latest before, "next" the first after."""
    rule, year, rel = _HOLIDAYS[" ".join(m.group("h").lower().replace("\u2019", "'").split())], _year(m), _rel(m)
    bare = not re.search(r"(?:day|eve)$", m.group("h"), re.IGNORECASE)  # "Thanksgiving Day" is never a modifier
    if bare and not (year or rel or m.group("cue") or ctx.whole) and _MODIFIER_AFTER.match(m.string, m.end("x")):
        return None  # "a Christmas party", "Halloween costumes": the holiday as a modifier
    if year is not None:
        return rule(year), "day", None
    published = ctx.published
    if published is None:
        return None, None, None
    dates = [rule(y) for y in range(published.year - 2, published.year + 2)]
    if rel == "last":
        return max(d for d in dates if d < published), "day", None
    if rel == "next":
        return min(d for d in dates if d > published), "day", None
    return _nearest(dates, published, ctx.future), "day", None


_REL_DAYS = {
    "the day before yesterday": (-2, None), "the day after tomorrow": (2, None), "yesterday": (-1, None),
    "today": (0, None), "earlier today": (0, None), "later today": (0, None), "tomorrow": (1, None),
    "tonight": (0, "night"), "last night": (-1, "night"), "this morning": (0, "morning"),
    "this afternoon": (0, None), "this evening": (0, "evening"),
}  # fmt: skip


def _relative_day(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    offset, own = _REL_DAYS[" ".join(m.group("w").lower().split())]
    qualifier = _day_qualifier(m) or own
    if ctx.published is None:
        return None, None, qualifier
    return ctx.published + timedelta(days=offset), "day", qualifier


def _ago(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    word, unit = m.group("n").lower(), m.group("u").lower()
    n = int(word) if word.isdigit() else _NUMBERS[word]
    published = ctx.published
    if published is None:
        return None, None, None
    if unit == "day":
        return published - timedelta(days=n), "day", None
    if unit == "week":
        return published - timedelta(weeks=n), "week", None
    if unit == "month":
        return _shift_month(published, -n), "month", None
    return date(published.year - n * (10 if unit == "decade" else 1), 1, 1), "year", None


def _relative_period(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    """last/this/next week|weekend|month|year, with earlier/later this and early/late prefixes."""
    if not m.group("q") and re.search(r"\bthe\s+$", m.string[: m.start("x")], re.IGNORECASE):
        return None  # "in the last week": a duration
    unit, qualifier = m.group("u").lower(), _qualifier(m.group("q"))
    published = ctx.published
    if published is None:
        return None, None, qualifier
    rel = _rel(m).split()[-1]
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "weekend":
        return _weekend(published, rel), "day", qualifier
    if unit == "week":
        return _monday(published) + timedelta(weeks=step), "week", qualifier
    if unit == "month":
        return _shift_month(published, step), "month", qualifier
    return date(published.year + step, 1, 1), "year", qualifier


def _the_weekend(m: re.Match[str], ctx: _Context) -> _Resolved | None:
    return (_weekend(ctx.published, ""), "day", None) if ctx.published else (None, None, None)


_MODIFIER_AFTER = re.compile(r"\s+(?!(?:eve|day|morning|night|afternoon|evening|weekend|and|or|to|when|while|as)\b)[a-z]")
_HOLIDAY_NAMES = "|".join(
    sorted((re.escape(name).replace("'", "['\u2019]").replace(r"\ ", r"\s+") for name in _HOLIDAYS), key=len, reverse=True)
)
_NUMBER_WORDS = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_PATTERNS: tuple[tuple[str, _Handler, str], ...] = (
    (rf"\b(?P<x>(?P<y>{_YEAR})-(?P<mo>\d\d)-(?P<d>\d\d))(?!\d)", _iso, "date"),
    (rf"\b(?P<x>(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR}|\d\d(?![/\d])))\b", _slash, "date"),
    (
        rf"\b(?P<x>(?:{_QUAL}\s+(?:on\s+)?)?{_PRE_CLOCK}?(?:(?P<rel>last|this|next)\s+)?"
        rf"{_MONTH}\s*{_DAY_OR_WORD}{_OPT_YEAR}{_PART}{_AT})",
        _month_day,
        "date",
    ),
    (rf"\b(?P<x>(?:{_QUAL}\s+(?:on\s+)?)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_OPT_YEAR}{_PART}{_AT})", _month_day, "date"),
    (
        rf"{_CUE}\b(?P<x>(?:{_QUAL}(?:-|\s+))?(?:(?P<rel>last|this|next)\s+)?{_MONTH}"
        rf"(?:\s+(?P<ry>last|this|next)\s+year\b|{_OPT_YEAR}))",
        _month,
        "other",
    ),
    (rf"{_CUE}\b(?P<x>(?:{_QUAL}(?:-|\s+))?(?P<y>{_YEAR}))\b", _year_only, "other"),
    (
        rf"\b(?P<x>(?:{_QUAL}(?:-|\s+))?(?:the\s+)?(?:(?P<rel>this\s+past|last|past|this|next)\s+)?"
        rf"(?P<s>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(?P<y>{_YEAR})\b)?)",
        _season,
        "other",
    ),
    (
        rf"\b(?P<x>(?:{_QUAL}\s+(?:on\s+)?)?{_PRE_CLOCK}?(?:(?P<rel>this\s+(?:past|coming)|coming|last|past|this|next)\s+)?"
        rf"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b{_PART}{_AT})",
        _weekday,
        "weekday",
    ),
    (
        rf"\b(?P<x>(?:{_QUAL}\s+)?{_PRE_CLOCK}?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
        rf"|tomorrow|tonight|last\s+night|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening))\b{_PART}{_AT})",
        _relative_day,
        "other",
    ),
    (rf"\b(?P<x>(?P<n>\d{{1,3}}|{_NUMBER_WORDS})\s+(?P<u>day|week|month|year|decade)s?\s+ago)\b", _ago, "other"),
    (
        rf"\b(?P<x>(?:{_QUAL}(?:-|\s+))?(?P<rel>(?:earlier|later)\s+this|last|this|next)\s+(?P<u>weekend|week|month|year)\b)",
        _relative_period,
        "other",
    ),
    (r"\b(?:over|at|during|on)\s+(?P<x>the\s+weekend)\b", _the_weekend, "other"),
    (
        rf"{_CUE}\b(?P<x>(?:(?P<rel>last|this|next)\s+)?(?P<h>{_HOLIDAY_NAMES})(?:\s*,?\s+(?P<y>{_YEAR}))?)\b(?!['\u2019]s\s+Day)",
        _holiday,
        "date",
    ),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), handler, kind) for p, handler, kind in _PATTERNS)
# A cheap test before each pattern: the words it cannot match without, by handler (keep in step with _PATTERNS; a
# handler not listed is always tried). Each is a whole run of letters wherever a pattern matches, so a sentence whose
# runs of letters hold none of them cannot match. Four non-ASCII letters match ASCII ones case-blind: no test there.
_MONTH_WORDS = _FULL_MONTHS | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"}
_NEEDED_WORDS: dict[_Handler, frozenset[str]] = {
    _month_day: _MONTH_WORDS,
    _month: _MONTH_WORDS,
    _season: frozenset(_SEASONS),
    _weekday: frozenset(_WEEKDAYS),
    _relative_day: frozenset({"yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening"}),
    _ago: frozenset({"ago"}),
    _relative_period: frozenset({"weekend", "week", "month", "year"}),
    _the_weekend: frozenset({"weekend"}),
    _holiday: frozenset(re.split(r"[^a-z]", name)[0] for name in _HOLIDAYS),
}
_LETTER_RUN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"19\d\d|20\d\d|2100")  # how ``_YEAR`` begins
# The digits a pattern cannot match without, by handler: a year for a date or a year written with one, any for a
# slashed date (its year may be two digits).
_NEEDED_DIGITS: dict[_Handler, re.Pattern[str]] = {_iso: _YEAR_DIGITS, _slash: _DIGIT, _year_only: _YEAR_DIGITS}
_CASELESS_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


# --- scanning ---------------------------------------------------------------
def _candidates(text: str, published: date | None, whole: bool, future_at: FuturePredicate | None) -> list[_Found]:
    """Every accepted match of every pattern (overlapping)."""
    found: list[_Found] = []
    plain = _Context(published, whole)
    words = None if _CASELESS_ASCII.search(text) else frozenset(_LETTER_RUN.findall(text.lower()))
    digits = {needed: needed.search(text) is not None for needed in (_DIGIT, _YEAR_DIGITS)}
    for pattern, handler, kind in _COMPILED:
        needed = _NEEDED_WORDS.get(handler)
        needed_digits = _NEEDED_DIGITS.get(handler)
        if words is not None and ((needed is not None and words.isdisjoint(needed)) or (needed_digits is not None and not digits[needed_digits])):
            continue
        for m in pattern.finditer(text):
            ctx = _Context(published, whole, True) if future_at is not None and future_at(m.start("x")) else plain
            resolved = handler(m, ctx)
            if resolved is not None:
                found.append(_Found(m.start("x"), m.end("x"), *resolved, kind=kind))
    return found


def _select(found: list[_Found]) -> list[_Found]:
    """Leftmost-longest, non-overlapping, in text order."""
    chosen: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not chosen or item.start >= chosen[-1].end:
            chosen.append(item)
    return chosen


def _merge_weekday_dates(text: str, chosen: list[_Found], published: date | None) -> list[_Found]:
    """A weekday directly followed by a date ("Friday, Jan. 3") is one expression valued by the date."""
    merged: list[_Found] = []
    for item in chosen:
        prev = merged[-1] if merged else None
        if prev and prev.kind == "weekday" and item.kind == "date" and re.fullmatch(r",?\s*", text[prev.end : item.start]):
            value = _year_the_weekday_fits(item.value, prev.value, published)
            merged[-1] = replace(item, start=prev.start, value=value, qualifier=item.qualifier or prev.qualifier)
        else:
            merged.append(item)
    return merged


def _year_the_weekday_fits(day: date | None, weekday_day: date | None, published: date | None) -> date | None:
    """The date of "Wednesday, January 18th, 2016" in a report of 2017: a weekday that belies the stated year but fits
    the same day of the publication's year, one year off, is that day (the old year typed from habit), not a day a
    year before the report."""
    if day is None or weekday_day is None or published is None or day.weekday() == weekday_day.weekday():
        return day
    fitting = _safe_date(published.year, day.month, day.day)
    if abs(published.year - day.year) != 1 or fitting is None or fitting.weekday() != weekday_day.weekday():
        return day
    return fitting


def _scan(text: str, published: date | None, whole: bool, future_at: FuturePredicate | None = None) -> list[TimeValue]:
    chosen = _merge_weekday_dates(text, _select(_candidates(text, published, whole, future_at)), published)
    return [TimeValue(text[f.start : f.end], f.value, f.precision, f.start, f.end, f.qualifier) for f in chosen]


def find_time_expressions(text: str, published: date | None, future_at: FuturePredicate | None = None) -> list[TimeValue]:
    """Every date expression in ``text`` (a sentence), left to right, resolved against the publication date.

    Offsets index into ``text`` (``text[t.start:t.end] == t.text``); leading prepositions
    ("on", "in") are not part of an expression. Relative expressions are returned with
    value and precision None when ``published`` is None. ``future_at`` (given an
    expression's offset: does its clause look forward, "will meet on Tuesday"?) turns
    a bare weekday, month-day or month into the coming one there; without it the news
    conventions of the module docstring hold everywhere.
    """
    return _scan(text, published, False, future_at)


# A clock time with the words that tie an event to it: "about 8:15 p.m.", "shortly after midnight".
_BARE_CLOCK = re.compile(
    r"(?:\b(?:(?:shortly|just|soon)\s+(?:before|after)|around|about|at|after|before)\s+)?"
    r"(?:\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:noon|midnight)\b)",
    re.IGNORECASE,
)


def bare_clock_time(text: str, times: Sequence[TimeValue]) -> TimeValue | None:
    """The first clock time of ``text`` that is part of none of its date expressions ``times`` ("about 8:15 p.m."),
    with no value: which day it is on is the caller's reading (local news names no day for the day it publishes)."""
    for m in _BARE_CLOCK.finditer(text):
        # "around 11 p.m. Saturday", "Saturday, about 9 p.m.": the clock of a day that is named
        if not any(t.start <= m.end() + 2 and m.start() <= t.end + 2 for t in times):
            return TimeValue(m.group(0), None, None, m.start(), m.end())
    return None


_CLOCK_VALUE = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>[ap])\.?m\b|(?P<h24>\d{1,2}):(?P<mi24>\d\d)(?!\d)"
    r"|(?P<hhmm>\d{4})\s*(?:gmt|utc|hrs|hours|local\s+time)\b|\b(?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)
CLOCK_WORDS = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}


def is_weekend(time: TimeValue) -> bool:
    """Whether ``time`` names a weekend ("over the weekend", "last weekend"): a Saturday at day precision that stands
    for Saturday and Sunday."""
    return time.precision == "day" and _WEEKEND.search(time.text) is not None


def period(time: TimeValue) -> tuple[date, date]:
    """The first and last day of the period ``time`` names (resolved): a day, a weekend's two days, a week, a month,
    a season's three months ("last fall"), a year."""
    start = time.value
    assert start is not None
    if is_weekend(time):
        return start, start + timedelta(days=1)
    if time.precision == "week":
        return start, start + timedelta(days=6)
    if time.precision == "month":
        months = 3 if time.qualifier in _SEASONS else 1
        return start, _shift_month(start, months) - timedelta(days=1)
    if time.precision == "year":
        return start, start.replace(month=12, day=31)
    return start, start


def clock_time(expression: str) -> tuple[int, int] | None:
    """The first clock time named in ``expression`` as (hour, minute): "9 a.m. EST Tuesday" -> (9, 0).

    Midnight is (24, 0), the end of the day it is attached to. None when there is no clock time.
    """
    m = _CLOCK_VALUE.search(expression)
    if m is None:
        return None
    if m.group("word"):
        return CLOCK_WORDS[m.group("word").lower()]
    if m.group("hhmm"):
        hour, minute = int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:])
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
    else:
        hour, minute = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0), int(m.group("mi") or 0)
    return (hour, minute) if hour <= 24 and minute < 60 else None


def resolve_time_expression(expression: str, published: date | None) -> TimeValue | None:
    """Resolve one expression (e.g. a spaCy DATE entity text like "early Friday").

    None if it holds no date (a duration such as "three days", "over the past year",
    "during Ramadan"). A bare year or a lone "May" counts here, since the caller
    already judged the text to be a date. The result's text and offsets are those of
    the date found inside ``expression`` (the first, if it names several).
    """
    found = _scan(expression, published, whole=True)
    return found[0] if found else None
