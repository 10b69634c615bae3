"""TIMEX3 (TimeML) time expressions: where each is, its type and its ISO-8601 value.

Built on the event-date resolver (``crisislens.mentions.time``) and the TimeML-only
rules (``crisislens.mentions.timex_rules``): the resolver finds and dates calendar
expressions, ``timex_value`` writes its result the TimeML way, and the rules add
durations, sets, present/past/future references, fiscal quarters and clock times.

Values: ``2020-01-03``, ``2020-01``, ``2020``, ``2020-W01``, ``2020-Q3``, ``2020-H1``,
``1998-SU`` (season), ``2020-W01-WE`` (weekend), ``198`` (decade), ``2020-01-03T17:00``,
``2020-01-03TNI`` (night; TMO, TAF, TEV), ``P3D``, ``PT5H``, ``PXY``, ``XXXX-WXX-1``,
``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``. Modifiers: early/mid/late become the
TimeML ``mod`` START/MID/END.

Three conventions of TimeBank's news annotation apply here and not in event dating:

* a weekday, month-day or month in a clause that looks forward ("will meet on
  Tuesday", "is scheduled to close Monday") is the coming one;
* in earnings reports, "a year earlier", "the year-ago period", "the latest quarter"
  refer to the report's quarter: the first quarter the text names that has begun by
  the anchor day ("third-quarter net" 1989-Q3 makes "a year ago" 1988-Q3), until a
  longer period ("the first nine months") takes over; without one, "a year ago/earlier"
  is the previous year;
* a clock time on its own takes the day of a date right next to it, else the anchor day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from crisislens.mentions.time import FuturePredicate, clock_time, find_time_expressions, is_weekend
from crisislens.mentions.timex_rules import ANAPHORIC_KINDS, find_rule_hits
from crisislens.models import TimeValue

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
_QUALIFIER_MODS = {"early": "START", "mid": "MID", "late": "END"}
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PART_OF_DAY = re.compile(r"\b(?P<part>morning|afternoon|evening|night|overnight)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_FUTURE_CUE = re.compile(
    r"\b(?:will|'ll|shall|going\s+to|plans?|planned|planning|scheduled|set\s+to|expected\s+to|expects?\s+to|due"
    r"|(?:is|are|was|were)\s+to|supposed\s+to|to\s+be|as\s+(?:soon|early)\s+as|intends?\s+to|upcoming|effective"
    r"|would)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(?:by|until|through|till)\s+$", re.IGNORECASE)  # "talks to conclude by May"
_PAST_BREAK = re.compile(
    r"\b(?:said|says|told|announced|reported|added|predicted|warned|declared|ago|last)\b|[;!?]|''|\.\s", re.IGNORECASE
)
# a cue right after these is not about the future: "had been due to", "as previously planned"
_PAST_PERFECT = re.compile(r"\b(?:had(?:\s+been)?|previously|originally|as)\s+$", re.IGNORECASE)
_CONTEXT_KINDS = ANAPHORIC_KINDS | {"period"}  # rule hits that win over the resolver on the same span
_LOOKBACK = 100  # characters before an expression searched for a future cue
_CLOCK_NEIGHBOUR = re.compile(r"[\s,]*(?:\([^()]{0,20}\)[\s,]*|\(\s*)?(?:on\s+)?")


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: ``text == source[start:end]``; ``type`` DATE|TIME|DURATION|SET; ``value`` ISO-8601/TimeML."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None
    kind: str  # "date" (from the resolver), "plain", "quarter", "period", "clock" or an anaphoric kind
    day: date | None = None  # the day of a day-precision date, for clock times next to it
    year: int | None = None
    priority: int = 0  # among equal spans, lower wins


def looks_forward(text: str) -> FuturePredicate:
    """A predicate for ``find_time_expressions``: does the clause before ``offset`` carry a future cue?

    The cue ("will", "plans", "scheduled", "as early as", "until", …) must come in the
    same sentence within ``_LOOKBACK`` characters, with no reporting verb or sentence
    break between it and the expression ("said Monday it will" stays in the past).
    """

    def at(offset: int) -> bool:
        window = text[max(0, offset - _LOOKBACK) : offset]
        breaks = [m.end() for m in re.finditer(r"[.!?]['\"]*\s+(?=[A-Z`'\"])|\n", window)]
        clause = window[breaks[-1] :] if breaks else window
        deadline = _DEADLINE.search(clause)
        if deadline is not None and clause[: deadline.start()].strip():
            return True  # "until Tuesday", "by May" (not a sentence-initial "Until Thursday, ...")
        cues = [c for c in _FUTURE_CUE.finditer(clause) if not _PAST_PERFECT.search(clause[: c.start()])]
        return bool(cues) and not _PAST_BREAK.search(clause[cues[-1].end() :])

    return at


def timex_value(time: TimeValue) -> tuple[str, str, str | None] | None:
    """TIMEX3 (type, value, mod) of a date the resolver found, or None when it has no value.

    Day precision gives ``2020-01-03``, with a clock time ``2020-01-03T17:00`` (TIME) or a
    part of day ``2020-01-03TMO`` (TIME); week ``2020-W01`` (a weekend ``2020-W01-WE``);
    month ``2020-01`` (a season ``2020-SU``); year ``2020``.
    """
    if time.value is None or time.precision is None:
        return None
    mod = _QUALIFIER_MODS.get(time.qualifier or "")
    text = time.text
    if is_weekend(time):
        year, week, _ = time.value.isocalendar()
        return "DATE", f"{year}-W{week:02d}-WE", mod
    if time.precision == "day":
        day = time.value.isoformat()
        clock = clock_time(text)
        if clock is not None:
            return "TIME", f"{day}T{clock[0]:02d}:{clock[1]:02d}", mod
        part = _PART_OF_DAY.search(text)
        if part is not None:
            code = _PART_CODES[part.group("part").lower()]
            if code in ("EV", "AF") or not _WEEKDAY.search(text):  # TimeBank: "Friday night/morning" is the day
                return "TIME", f"{day}T{code}", mod
        return "DATE", day, mod
    if time.precision == "week":
        year, week, _ = time.value.isocalendar()
        return "DATE", f"{year}-W{week:02d}", mod
    if time.precision == "month":
        season = _SEASON_CODES.get(time.qualifier or "")
        if season:
            return "DATE", f"{time.value.year}-{season}", None
        return "DATE", time.value.isoformat()[:7], mod
    return "DATE", str(time.value.year), mod


def _from_resolver(text: str, anchor: date | None) -> list[_Candidate]:
    found = []
    for time in find_time_expressions(text, anchor, looks_forward(text)):
        typed = timex_value(time)
        if typed is None:
            continue
        kind = "quarter_prev" if re.fullmatch(r"(?i)an?\s+year\s+ago", time.text) else "date"
        day = time.value if time.precision == "day" else None
        found.append(_Candidate(time.start, time.end, *typed, kind=kind, day=day, priority=1))
    return found


def _from_rules(text: str, anchor: date | None) -> list[_Candidate]:
    return [
        _Candidate(h.start, h.end, h.type, h.value, h.mod, h.kind, year=h.year, priority=0 if h.kind in _CONTEXT_KINDS else 2)
        for h in find_rule_hits(text, anchor)
    ]


def _select(candidates: Sequence[_Candidate]) -> list[_Candidate]:
    """Leftmost-longest, non-overlapping, in text order; equal spans by priority."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), c.priority)):
        if not chosen or c.start >= chosen[-1].end:
            chosen.append(c)
    return chosen


def _quarter_of(value: str | None) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _resolve_context(text: str, chosen: list[_Candidate], anchor: date | None) -> list[_Candidate]:
    """Value anaphoric periods from the report's quarter and clock times from the day next to them; drop the unvalued."""
    resolved: list[_Candidate] = []
    context: tuple[int, int] | None = None
    for i, c in enumerate(chosen):
        if c.kind == "quarter":
            named = _quarter_of(c.value)
            begun = named is not None and anchor is not None and date(named[0], named[1] * 3 - 2, 1) <= anchor
            if context is None and begun:
                context = named  # the report's quarter: the first one named that has begun
        elif c.kind == "period":
            context = None
        elif c.kind == "quarter_this":
            if context is not None:
                c = _with_value(c, f"{c.year or context[0]}-Q{context[1]}")
            elif c.year is not None:
                c = _with_value(c, str(c.year))
        elif c.kind == "quarter_prev":
            if context is not None:
                c = _with_value(c, f"{context[0] - 1}-Q{context[1]}")
            elif c.value is None and anchor is not None:
                c = _with_value(c, str(anchor.year - 1))
        elif c.kind == "clock":
            c = _clock_value(text, c, chosen[i - 1] if i else None, chosen[i + 1] if i + 1 < len(chosen) else None, anchor)
        if c.value is not None:
            resolved.append(c)
    return resolved


def _with_value(c: _Candidate, value: str) -> _Candidate:
    return _Candidate(c.start, c.end, c.type, value, c.mod, c.kind, c.day, c.year, c.priority)


def _clock_value(text: str, c: _Candidate, before: _Candidate | None, after: _Candidate | None, anchor: date | None) -> _Candidate:
    clock = clock_time(text[c.start : c.end])
    if clock is None:
        m = re.match(r"(\d{1,2})\s+in\s+the\s+(morning|afternoon|evening)", text[c.start : c.end], re.IGNORECASE)
        if m is None:
            return c
        hour = int(m.group(1)) % 12 + (0 if m.group(2).lower() == "morning" else 12)
        clock = (hour, 0)
    day = anchor
    if after is not None and after.day is not None and _CLOCK_NEIGHBOUR.fullmatch(text[c.end : after.start]):
        day = after.day
    elif before is not None and before.day is not None and re.fullmatch(r",?\s*(?:at\s+)?", text[before.end : c.start]):
        day = before.day
    if day is None:
        return c
    return _with_value(c, f"{day.isoformat()}T{clock[0]:02d}:{clock[1]:02d}")


def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    """Every TIMEX3 in ``text``, left to right, valued against ``anchor`` (the document creation day).

    Relative expressions need the anchor; without one only absolute dates, durations,
    sets and references are returned. Offsets index into ``text``.
    """
    chosen = _select(_from_resolver(text, anchor) + _from_rules(text, anchor))
    return [Timex(text[c.start : c.end], c.start, c.end, c.type, c.value or "", c.mod) for c in _resolve_context(text, chosen, anchor)]
