"""Time expressions that are not calendar dates, as TIMEX3 (TimeML) type and value.

The dates themselves ("last Friday", "Nov. 17", "in late September") come from
``crisislens.mentions.time``; this module adds what TimeML also marks up:

* durations: "three days" P3D, "the past two years" P2Y, "a 16-hour flight" PT16H,
  "5 1/2 hours" PT5H30M, "two decades" P20Y, "years" PXY, "centuries" PXC;
* sets: "daily" P1D, "every week" P1W, "each Thursday" XXXX-WXX-4, "Tuesday nights" XXXX-WXX-2TNI;
* references: "now" PRESENT_REF, "recently" PAST_REF, "the future" FUTURE_REF;
* fiscal periods: "the third quarter" 1989-Q3, "the first half of 1990" 1990-H1, and the
  anaphoric "the latest quarter", "a year earlier", "the year-ago period" (resolved by
  ``crisislens.mentions.timex`` against the report's quarter);
* clock times on their own ("10:35 a.m.", "midday", "4 in the morning"), decades
  ("the 1980s" 198), centuries ("the 20th century" 19) and spelled-out years
  ("nineteen ninety-six" 1996, "January nineteen ninety-seven" 1997-01).

Each rule is a regular expression whose group ``x`` is the TimeML extent (leading
prepositions left out) and a function from the match and the anchor day to a ``RuleHit``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from crisislens.mentions.casualties import NumberWords, parse_number

ANAPHORIC_KINDS = frozenset({"quarter_this", "quarter_prev"})


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One matched expression: extent, TIMEX3 type and value (None until context resolves it)."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    # "plain"; "quarter" (names a quarter: the context for anaphora); "clock" (a time of day
    # whose day comes from a neighbouring date); or one of ANAPHORIC_KINDS.
    kind: str = "plain"
    year: int | None = None  # the explicit year of an anaphoric period ("the 1988 period")


_Rule = Callable[[re.Match[str], date | None], RuleHit | None]

# --- vocabulary ---------------------------------------------------------------
_UNIT_CODES = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "L",
}  # fmt: skip
_UNIT = (
    r"(?P<u>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?"
    r"|century|centuries|millenni(?:um|a))"
)
_VAGUE = {"a few": "X", "few": "X", "several": "X", "many": "X", "some": "X", "a couple of": 2, "a couple": 2}
_NUM_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)"
)
_NUMBER = (
    r"(?P<n>\d+(?:\.\d+)?(?:\s+1/2)?|(?:an?\s+)?" + _NUM_WORD + r"(?:(?:[\s-]+|\s+and\s+)" + _NUM_WORD + r")*"
    r"|a\s+couple(?:\s+of)?|a\s+few|few|several|many|some|an?|a\s+half|half\s+an?)"
)
# TimeML mod of the bounds kept in a duration's extent ("about", "some" are left out of it)
_MODS = {
    "at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS",
}  # fmt: skip
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|thousand|hundred|times|once|twice)|[a-z]s)\s+$", re.IGNORECASE)
_MOD = r"(?:(?P<mod>at\s+least|no\s+more\s+than|more\s+than|less\s+than|up\s+to|over(?!\s+the\b)|nearly|almost|within)\s+)?"
_ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
_MONTH_NAMES = "january february march april may june july august september october november december".split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SPELLED_YEAR = (
    r"(?P<sy>nineteen[\s-]+(?:" + "|".join(_SPELLED_TENS) + r")(?:[\s-]+(?:" + "|".join(_SPELLED_UNITS) + r"))?"
    r"|two\s+thousand(?:\s+and\s+(?:" + "|".join(_SPELLED_UNITS) + r"))?)"
)


@lru_cache(maxsize=1)
def _number_words() -> NumberWords:
    return NumberWords.load()


def _amount(text: str) -> float | str | None:
    """The number of units in a duration: 3, 5.5, or "X" for a vague amount ("several")."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words in _VAGUE:
        return _VAGUE[words]
    if words in ("a", "an"):
        return 1
    if words in ("a half", "half a", "half an"):
        return 0.5
    if re.fullmatch(r"\d+\s+1/2", words):
        return int(words.split()[0]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) if "." in words else int(words)
    if words in ("hundred", "thousand", "dozen"):
        words = "a " + words  # "a hundred years" with the article taken as a determiner
    return parse_number(words, _number_words())


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") else word


def duration_value(amount: float | str, unit: str) -> str:
    """The ISO-8601 duration of ``amount`` units: (3, "day") P3D, (5.5, "hour") PT5H30M, ("X", "year") PXY.

    Decades and centuries with a number count years (two decades P20Y), as TimeBank writes them.
    """
    code = _UNIT_CODES[unit]
    if amount == "X":
        vague = {"decade": "Y", "century": "C", "millennium": "L", "weekend": "D"}.get(unit, code)
        return f"PTX{vague[1]}" if vague.startswith("T") else f"PX{vague}"
    number = float(amount)
    if unit in ("decade", "century", "millennium"):
        years = number * {"decade": 10, "century": 100, "millennium": 1000}[unit]
        return f"P{int(years)}Y" if years == int(years) else f"P{years:g}Y"
    if unit == "weekend":
        return f"P{int(number * 2)}D"
    if number == int(number):
        whole = int(number)
        return f"PT{whole}{code[1]}" if code.startswith("T") else f"P{whole}{code}"
    whole, half = int(number), number - int(number)
    smaller = {"TH": ("TM", 60), "TM": ("TS", 60), "D": ("TH", 24), "Y": ("M", 12), "M": ("D", 30), "W": ("D", 7)}
    if code not in smaller:
        return f"P{number:g}{code}"
    small_code, factor = smaller[code]
    parts = f"{whole}{code[-1]}" if whole else ""
    rest = f"{int(round(half * factor))}{small_code[-1]}"
    time_part = code.startswith("T") or small_code.startswith("T")
    if code.startswith("T"):
        return f"PT{parts}{rest}"
    return f"P{parts}T{rest}" if time_part else f"P{parts}{rest}"


def _mod(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("mod")
    return _MODS.get(" ".join(word.lower().split())) if word else None


# --- rules ----------------------------------------------------------------------
def _duration(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    after = m.string[m.end("x") :]
    if re.match(r"[\s-]*(?:ago|old\b|-old)", after, re.IGNORECASE):
        return None  # dates ("two years ago") and ages ("52 years old")
    if re.match(r"\s+of\s+(?:the\s+year|this\s+year|fiscal|\d{4})", after, re.IGNORECASE) and m.group("rel"):
        return None  # "the first two quarters of 1990": a half year, not a duration
    amount = _amount(m.group("n"))
    if amount is None:
        return None
    unit = _unit(m.group("u"))
    if m.group("u")[0].isupper() and not m.group("x")[0].isupper():
        return None  # "60 Minutes", "Three Days of the Condor": titles
    single = re.fullmatch(r"an?", m.group("n"), re.IGNORECASE) and m.start("x") == m.start("n")
    if single and (unit == "second" or _RATE_BEFORE.search(m.string[: m.start("x")])):
        return None  # "$1.76 a year", "24 hours a day" are rates; "a second" is an ordinal
    if unit == "quarter" and amount != "X":
        unit, amount = "month", float(amount) * 3
    if m.group("half"):
        amount = "X" if amount == "X" else float(amount) + 0.5
    return RuleHit(m.start("x"), m.end("x"), "DURATION", duration_value(amount, unit), _mod(m))


def _adjective_duration(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"a 16-hour flight", "the two-year term", "decades-long" (not ages: "52-year-old")."""
    unit = m.group("u") or m.group("u2")
    amount = _amount(m.group("n")) if m.group("n") else ("X" if unit.endswith("s") or unit.startswith("decade") else 1)
    if amount is None:
        return None
    return RuleHit(m.start("x"), m.end("x"), "DURATION", duration_value(amount, _unit(unit)))


def _vague_duration(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"for years", "the coming weeks", "recent months": an unknown number of units."""
    unit = _unit(m.group("u"))
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "recent" and unit in ("year", "day", "week"):
        return RuleHit(m.start("x"), m.end("x"), "DATE", "PAST_REF")
    if rel == "coming" and unit in ("quarter", "month"):
        return RuleHit(m.start("x"), m.end("x"), "DATE", "FUTURE_REF")
    if unit == "quarter":
        unit = "month"
    return RuleHit(m.start("x"), m.end("x"), "DURATION", duration_value("X", unit))


_REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "some day": "FUTURE_REF", "someday": "FUTURE_REF", "one day": "FUTURE_REF",
}  # fmt: skip
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|to|i|we|you|he|she|they|it)\s+$", re.IGNORECASE)
_REFERENCE_ALT = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _REFERENCES), key=len, reverse=True))


def _reference(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    word = " ".join(m.group("x").lower().split())
    before, after = m.string[: m.start("x")], m.string[m.end("x") :]
    if word == "current" and re.match(r"\s+(?:account|events)\b", after, re.IGNORECASE):
        return None  # "current account", "current events"
    if word == "the future" and re.match(r"\s+of\b", after, re.IGNORECASE):
        return None  # "the future of our peoples"
    if word == "the past" and re.match(r"\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|year|"
                                        r"month|week|day|decade|quarter)", after, re.IGNORECASE):
        return None  # "the past two years": a duration
    if word == "now" and re.match(r"[\s-]+(?:defunct|closed|retired|famous|former|dead|deceased)\b", after, re.IGNORECASE):
        return None
    if word == "soon" and re.match(r"\s+(?:after|as)\b", after, re.IGNORECASE):
        return None
    if word == "one day" and not _MODAL_BEFORE.search(before):
        return None  # "one day" is FUTURE_REF only as "will one day", "he one day"; otherwise a duration
    return RuleHit(m.start("x"), m.end("x"), "DATE", _REFERENCES[word])


def _vague_ago(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"several years ago", "a few weeks ago": in the past, how far unknown."""
    return RuleHit(m.start("x"), m.end("x"), "DATE", "PAST_REF")


_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
              "biweekly": "P2W"}  # fmt: skip


def _set_word(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    return RuleHit(m.start("x"), m.end("x"), "SET", _SET_WORDS[m.group("x").lower()])


def _every(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"every day" P1D, "every two weeks" P2W, "each Thursday" XXXX-WXX-4, "each July" XXXX-07."""
    what = m.group("what").lower()
    if what in _WEEKDAYS:
        return RuleHit(m.start("x"), m.end("x"), "SET", f"XXXX-WXX-{_WEEKDAYS.index(what) + 1}")
    if what in _MONTH_NAMES:
        return RuleHit(m.start("x"), m.end("x"), "SET", f"XXXX-{_MONTH_NAMES.index(what) + 1:02d}")
    count = m.group("n")
    amount = _amount(count) if count else 1
    if amount is None or amount == "X":
        return None
    unit = _unit(what)
    if unit == "quarter":
        return RuleHit(m.start("x"), m.end("x"), "SET", f"P{amount}Q")
    return RuleHit(m.start("x"), m.end("x"), "SET", duration_value(amount, unit))


def _weekday_set(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"Tuesday nights" XXXX-WXX-2TNI, "on Mondays" XXXX-WXX-1."""
    day = _WEEKDAYS.index(m.group("wd").lower()) + 1
    part = _PART_CODES.get((m.group("part") or m.group("part2") or "").lower().rstrip("s"))
    return RuleHit(m.start("x"), m.end("x"), "SET", f"XXXX-WXX-{day}" + (f"T{part}" if part else ""))


def _year_shift(m: re.Match[str], anchor: date | None) -> int | None:
    """The year a quarter or half belongs to: explicit, "last/next year's", else the anchor's."""
    for group in ("y1", "y2", "y3"):
        if m.groupdict().get(group):
            return int(m.group(group))
    rel = (m.groupdict().get("rel") or "").lower()
    if anchor is None:
        return None
    return anchor.year + {"last": -1, "next": 1, "previous": -1}.get(rel, 0) - (1 if m.groupdict().get("ago") else 0)


def _quarter(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the third quarter" of the anchor's year, or of the year before when it has not begun yet."""
    quarter = _ORDINAL_Q[m.group("ord").lower()]
    year = _year_shift(m, anchor)
    if year is None:
        return None
    explicit = any(m.groupdict().get(g) for g in ("y1", "y2", "y3", "rel", "ago"))
    if not explicit and anchor is not None and date(year, quarter * 3 - 2, 1) > anchor:
        year -= 1
    if m.group("plural"):
        return RuleHit(m.start("x"), m.end("x"), "SET", f"XXXX-Q{quarter}")
    return RuleHit(m.start("x"), m.end("x"), "DATE", f"{year}-Q{quarter}", kind="quarter")


def _half(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the first half of 1990" 1990-H1, "the last half of 1989" 1989-H2, "the first two quarters of 1990" 1990-H1."""
    year = _year_shift(m, anchor)
    if year is None:
        return None
    half = 1 if m.group("ord").lower() == "first" else 2
    return RuleHit(m.start("x"), m.end("x"), "DATE", f"{year}-H{half}")


def _nine_months(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the first nine months", "the six months": a duration that also ends any quarter context."""
    amount = _amount(m.group("n"))
    if amount is None or amount == "X":
        return None
    return RuleHit(m.start("x"), m.end("x"), "DURATION", f"P{amount}M", kind="period")


def _quarter_anaphor(kind: str) -> _Rule:
    def rule(m: re.Match[str], anchor: date | None) -> RuleHit | None:
        text = m.group("x").lower()
        explicit = int(m.group("y1")) if m.groupdict().get("y1") else None
        if "current" in text and anchor is not None:
            return RuleHit(m.start("x"), m.end("x"), "DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}", kind="quarter")
        return RuleHit(m.start("x"), m.end("x"), "DATE", None, kind=kind, year=explicit)

    return rule


def _current_year(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the current (fiscal) year", "for the year", "the full year" are the anchor's year."""
    return RuleHit(m.start("x"), m.end("x"), "DATE", str(anchor.year)) if anchor else None


def _year_ended(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the (fiscal) year ended Sept. 30": a year-long period (the end date is its own expression)."""
    return RuleHit(m.start("x"), m.end("x"), "DURATION", "P1Y")


def _clock(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """A clock time on its own: valued on the day of a neighbouring date (``timex`` fills it), else the anchor."""
    if re.search(r"\bhigh\s+$", m.string[: m.start("x")], re.IGNORECASE):
        return None  # "High Noon"
    return RuleHit(m.start("x"), m.end("x"), "TIME", None, kind="clock")


def _decade(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"the 1980s" 198 (TimeML's decade value); "the late 1970s" 197 with mod END."""
    decade = m.group("dec") or "19" + (m.group("d2") or str(_DECADE_WORDS.index(m.group("dw").lower()) + 2)) + "0"
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((m.group("q") or "").lower())
    return RuleHit(m.start("x"), m.end("x"), "DATE", decade[:3], mod)


def _century(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    n = int(m.group("c"))
    return RuleHit(m.start("x"), m.end("x"), "DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


def spelled_year(words: str) -> int | None:
    """"nineteen ninety-six" 1996, "two thousand" 2000."""
    parts = words.lower().replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        return 2000 + (_SPELLED_UNITS.get(parts[-1], 0) if len(parts) > 2 else 0)
    if parts[0] != "nineteen" or len(parts) < 2 or parts[1] not in _SPELLED_TENS:
        return None
    return 1900 + _SPELLED_TENS[parts[1]] + (_SPELLED_UNITS.get(parts[2], 0) if len(parts) > 2 else 0)


def _spelled_year(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    year = spelled_year(m.group("sy"))
    if year is None:
        return None
    month, season = (m.group("mon") or "").lower(), (m.group("s") or "").lower()
    if month:
        return RuleHit(m.start("x"), m.end("x"), "DATE", f"{year}-{_MONTH_NAMES.index(month) + 1:02d}")
    if season:
        return RuleHit(m.start("x"), m.end("x"), "DATE", f"{year}-{_SEASON_CODES[season]}")
    return RuleHit(m.start("x"), m.end("x"), "DATE", str(year))


def _bare_year(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """A four-digit year not read as a count, an amount or part of a longer number."""
    before, after = m.string[max(0, m.start("x") - 12) : m.start("x")], m.string[m.end("x") :]
    if re.search(r"(?:[$#£€\d.,/:-]|\bNo\.\s*|\bnumber\s+|\bflight\s+|\broute\s+|\bpage\s+)$", before, re.IGNORECASE):
        return None
    if re.match(r"(?:[.,]\d|\s*%|\s*-\s*\d|/\d|\s+(?:percent|people|persons|men|women|troops|soldiers|shares|tons|"
                r"feet|miles|meters|metres|kilometers|yards|points|yen|dollars|marks|francs|pounds|acres|members|"
                r"workers|employees|jobs|cars|units|barrels|residents|children|students|hours|votes|seats|times|"
                r"words|pages|copies|delegates|police|officers|refugees|prisoners|rooms|beds|homes|houses)\b)",
                after, re.IGNORECASE):  # fmt: skip
        return None
    prefix = m.group("pre") or ""
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(prefix.lower().rstrip("- "))
    return RuleHit(m.start("x"), m.end("x"), "DATE", m.group("y"), mod)


def _part_of_day(m: re.Match[str], anchor: date | None) -> RuleHit | None:
    """"4 in the morning" T04:00 (a clock) and "mid afternoon" TAF on the anchor day."""
    if m.groupdict().get("h"):
        return RuleHit(m.start("x"), m.end("x"), "TIME", None, kind="clock")
    if anchor is None:
        return None
    part = _PART_CODES[m.group("part").lower()]
    mod = "MID" if (m.group("mid") or "") else None
    return RuleHit(m.start("x"), m.end("x"), "TIME", f"{anchor.isoformat()}T{part}", mod)


_RULES: tuple[tuple[str, _Rule], ...] = (
    (rf"\b(?P<x>{_REFERENCE_ALT})\b", _reference),
    (
        rf"\b(?P<x>{_MOD}(?:(?:the|its|their|his|her|a|an)\s+)?(?:(?P<rel>past|last|next|first|final|coming|previous|"
        rf"following|initial|remaining|same|full|entire|whole)\s+)?{_NUMBER}\s+(?:(?:more|additional|full|straight|"
        rf"consecutive|long|short)\s+)?{_UNIT}(?P<half>\s+and\s+a\s+half)?)\b",
        _duration,
    ),
    (
        rf"\b(?P<x>(?P<n>\d+|{_NUM_WORD}(?:-{_NUM_WORD})?)[-\s](?P<u>second|minute|hour|day|week|month|year|decade|century)"
        rf"(?:-long)?|(?P<u2>day|week|month|year|decade|centur(?:y|ie))s?-long)\b(?!-old|-olds|\s+old)",
        _adjective_duration,
    ),
    (
        r"\b(?P<x>(?:the\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following|ensuing)\s+(?:few\s+|several\s+)?)"
        r"(?P<u>years|months|weeks|days|hours|decades|quarters|centuries))\b",
        _vague_duration,
    ),
    (
        r"(?:\b(?:for|in|over|within|after|took|take|takes|taking|last|lasted|spent|spend|spends)\s+)(?P<x>(?P<u>years|months|weeks"
        r"|decades|centuries))\b(?!\s+(?:ago|old|of\s+(?:age|experience)))",
        _vague_duration,
    ),
    (rf"\b(?P<x>(?:a\s+few|several|many|some)\s+{_UNIT}\s+ago)\b", _vague_ago),
    (r"\b(?P<x>daily|weekly|monthly|yearly|hourly|nightly|biweekly)\b", _set_word),
    (
        rf"\b(?P<x>(?:every|each|per)\s+(?:(?P<n>other|\d+|{_NUM_WORD})\s+)?(?P<what>(?:second|minute|hour|day|night|week"
        rf"|month|quarter|year)s?|{'|'.join(_WEEKDAYS)}|{'|'.join(_MONTH_NAMES)}))\b",
        _every,
    ),
    (
        rf"\b(?P<x>(?P<wd>{'|'.join(_WEEKDAYS)})(?:s(?:\s+and\s+\w+days)?(?:\s+(?P<part>nights|mornings|evenings|afternoons))?"
        rf"|\s+(?P<part2>nights|mornings|evenings|afternoons)))\b",
        _weekday_set,
    ),
    (
        rf"\b(?P<x>(?:(?:the|its|their|this|that)\s+)?(?:(?P<rel>this|last|next|previous)\s+year's\s+"
        rf"|(?P<ago>year[\s-]+(?:ago|earlier))\s+)?(?:(?P<y1>{_YEAR})\s+)?(?:fiscal[\s-]+)?(?:(?P<y2>{_YEAR})\s+)?"
        rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?"
        rf"quarter(?P<plural>s)?(?:\s+of\s+(?:fiscal\s+)?(?P<y3>{_YEAR}))?)\b",
        _quarter,
    ),
    (
        rf"\b(?P<x>(?:the\s+)?(?:(?P<rel>this|last|next)\s+year's\s+)?(?P<ord>first|second|last|latter)\s+(?:half|two\s+quarters)"
        rf"(?:\s+of\s+(?:(?:the|this)\s+year|(?:fiscal\s+)?(?P<y1>{_YEAR})))?)\b",
        _half,
    ),
    (r"\b(?P<x>the\s+(?:first\s+)?(?P<n>three|six|nine|3|6|9)\s+months)\b", _nine_months),
    (
        r"\b(?P<x>(?:the|this|that)\s+(?:(?:latest|current|most\s+recent|just[\s-]ended|same|recent|past|"
        rf"(?P<y1>{_YEAR}))\s+)?(?:quarter|period)(?:\s+just\s+ended)?)\b(?!\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))",
        _quarter_anaphor("quarter_this"),
    ),
    (
        r"\b(?P<x>(?:(?:the|a|its|their)\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year)"
        r"(?:\s+(?:quarter|period|three\s+months))?|(?:the|its)\s+(?:comparable|corresponding|same)\s+(?:quarter|period)"
        r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))|last\s+year's\s+(?:quarter|period)"
        r"|the\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|a\s+year\s+(?:earlier|ago|before))\b",
        _quarter_anaphor("quarter_prev"),
    ),
    (
        r"\b(?P<x>(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        r"(?:\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\b\.?|\d{1,2}:\d\d(?!\d)|noon|midday|midnight)"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time)\b)?)",
        _clock,
    ),
    (r"\b(?P<x>the\s+current\s+(?:fiscal\s+|calendar\s+)?year|the\s+full\s+year)\b", _current_year),
    (r"\b(?:for|of|during|throughout)\s+(?P<x>the\s+year)\b(?=\s*[,.;]|\s+(?:to\s+date|so\s+far)\b)", _current_year),
    (r"\b(?P<x>the\s+(?:fiscal\s+)?year)\s+(?:ended|ending|that\s+ended|which\s+ended)\b", _year_ended),
    (
        r"\b(?P<x>(?P<h>\d{1,2})\s+in\s+the\s+(?:morning|afternoon|evening)|(?P<mid>mid-?\s?)(?P<part>morning|afternoon))\b",
        _part_of_day,
    ),
    (
        rf"(?P<x>\b(?P<the>the\s+)?(?:(?P<q>early|mid|late)[\s-]+)?(?:(?P<dec>1[0-9]\d0|20[0-4]0)'?s\b"
        rf"|['\u2019](?P<d2>[2-9])0s\b|(?(the)(?P<dw>{'|'.join(_DECADE_WORDS)})\b|(?!))))",
        _decade,
    ),
    (r"\b(?P<x>(?:the\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)\s+century)\b", _century),
    (
        rf"\b(?P<x>(?:(?P<mon>{'|'.join(_MONTH_NAMES)})\s+|(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+of\s+|the\s+year\s+)?"
        rf"{_SPELLED_YEAR})\b",
        _spelled_year,
    ),
    (
        rf"\b(?P<x>(?:(?P<pre>early|mid|late|post|pre)-?\s?)?(?:fiscal\s+)?(?P<y>{_YEAR}))\b(?!-\d|\.\d|,\d|s\b|'s?\s+levels?)",
        _bare_year,
    ),
)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), rule) for pattern, rule in _RULES)


def find_rule_hits(text: str, anchor: date | None) -> list[RuleHit]:
    """Every accepted match of every rule (overlapping; ``timex`` chooses among them)."""
    hits: list[RuleHit] = []
    for pattern, rule in _COMPILED:
        for m in pattern.finditer(text):
            hit = rule(m, anchor)
            if hit is not None:
                hits.append(hit)
    return hits
