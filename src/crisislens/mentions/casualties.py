"""Killed and injured counts read from one sentence, counted conservatively.

Rules over tokens, no parser. A count is a number phrase attached to victims:
the subject of a passive or state verb ("three children and two women were
killed", "17 dead", "no one was hurt"), the object of an active verb ("killing
12 people", "killed Soleimani"), a toll ("the death toll rose to 17") or a
"lives" phrase ("claimed the lives of 9"). Coordinated victim groups are summed;
other numbers (rockets, troops, years, ages, distances) are ignored. Vague words,
bounds and ranges are valued as numbers.yaml documents (ranges: the low end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple, Sequence

import yaml

from crisislens.errors import KnowledgeError
from crisislens.models import Casualties

_SECTIONS = ("units", "tens", "scales", "vague")
_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"


@dataclass(frozen=True, slots=True)
class NumberWords:
    """Number vocabulary (word -> value): units, tens, scales and vague words."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[str, int]
    # Every word a number phrase can begin with (see may_start_number).
    starters: frozenset[str] = field(init=False, repr=False, compare=False)
    # Every word without a digit a number phrase can hold (see may_be_in_number).
    vocabulary: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        vague_firsts = {form.split()[0] for key in self.vague for form in (key, key.replace("-", " ")) if form.split()}
        firsts = {*(q.split()[0] for q in _QUALIFIERS), "between", "from", *vague_firsts, *self.units, *self.tens}
        object.__setattr__(self, "starters", frozenset(firsts))
        phrases = (*_QUALIFIERS, *self.vague, *_RANGE_AND_SUFFIX_WORDS)
        vocabulary = {word for phrase in phrases for word in phrase.replace("-", " ").split()}
        object.__setattr__(self, "vocabulary", frozenset(vocabulary | {*self.units, *self.tens, *self.scales}))

    def may_start_number(self, token: str) -> bool:
        """False when no number phrase parse_number reads can begin with ``token`` (lowercased).

        A phrase begins with a digit, a qualifier ('at least'), 'between'/'from', a vague
        word or a number word; anything else is rejected before trying every phrase length.
        """
        if any(map(str.isdigit, token)) or token in self.starters:
            return True
        parts = token.replace("-", " ").split()
        return bool(parts) and parts[0] in self.starters

    def may_be_in_number(self, token: str) -> bool:
        """False when no number phrase parse_number reads can hold the word ``token`` (lowercased): each of its parts
        is a number, vague, qualifier or range word, or holds a digit."""
        return all(part in self.vocabulary or any(map(str.isdigit, part)) for part in token.replace("-", " ").split())

    @classmethod
    def load(cls, path: Path | None = None) -> NumberWords:
        """Read ``path`` (default: the packaged numbers.yaml); KnowledgeError names file:line."""
        name = str(path) if path is not None else "numbers.yaml"
        try:
            if path is None:
                text = (resources.files("crisislens.knowledge") / "data" / "numbers.yaml").read_text("utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            root = yaml.compose(text)
        except OSError as exc:
            raise KnowledgeError(f"{name}: cannot read: {exc}") from exc
        except yaml.MarkedYAMLError as exc:
            raise KnowledgeError(f"{name}:{exc.problem_mark.line + 1 if exc.problem_mark else 1}: {exc.problem}") from exc

        def check(ok: bool, node: yaml.Node | None, message: str) -> None:
            if not ok:
                raise KnowledgeError(f"{name}:{node.start_mark.line + 1 if node else 1}: {message}")

        check(isinstance(root, yaml.MappingNode), root, f"expected a mapping with sections {', '.join(_SECTIONS)}")
        sections: dict[str, dict[str, int]] = {}
        for key, value in root.value:
            check(key.value in _SECTIONS, key, f"unknown section {key.value!r}")
            check(isinstance(value, yaml.MappingNode), value, f"section {key.value!r} must map words to integers")
            table = sections.setdefault(key.value, {})
            for word, number in value.value:
                check(word.tag == _STR, word, f"key {word.value!r} is not a string (quote it)")
                check(number.tag == _INT, number, f"value of {word.value!r} must be an integer")
                table[" ".join(word.value.lower().split())] = int(number.value.replace("_", ""))
        missing = [s for s in _SECTIONS if s not in sections]
        check(not missing, None, f"missing section(s) {', '.join(missing)}")
        return cls(**{s: MappingProxyType(sections[s]) for s in _SECTIONS})


# --- number phrases -------------------------------------------------------

_QUALIFIERS = sorted("""no fewer than|no less than|not less than|not more than|more than|fewer than|less than|
    at least|at most|up to|as many as|as few as|upwards of|in excess of|close to|a total of|a further|an estimated|
    a reported|an additional|another|estimated|nearly|almost|about|around|approximately|roughly|some|over|under|
    just|only|exactly""".replace("\n    ", "").split("|"), key=len, reverse=True)
# The words ranges ("between 10 and 15", "from 10 to 15", "two or three") and _SUFFIX add to a number.
_RANGE_AND_SUFFIX_WORDS = ("between", "and", "from", "to", "or", "so", "more", "plus", "odd")
_PREFIX = re.compile(rf"^(?:(?:{'|'.join(_QUALIFIERS)}) )+(?=.)")
_SUFFIX = re.compile(r"(?<=.)(?: or so| or more| and more| plus|[- ]odd|\+)$")
_RANGES = (re.compile(r"^between (.+?) and (.+)$"), re.compile(r"^from (.+?) to (.+)$"),
           re.compile(r"^(\d[\d,.]*) ?- ?(\d[\d,.]*)$"), re.compile(r"^(.+?) (?:to|or) (.+)$"))
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


def _parse_plain(s: str, words: NumberWords) -> int | None:
    """Digits, digits x scale, vague x scale, or a spelled-out number."""
    parts = s.replace("-", " ").split()
    for lead in (1, 2):  # "1.5 million", "several hundred", "a few thousand"
        head, rest = " ".join(parts[:lead]), parts[lead:]
        if all(p in words.scales for p in rest):
            factor = 1
            for p in rest:
                factor *= words.scales[p]
            if _DIGITS.fullmatch(head) and (rest or "." not in head):
                return int(round(float(head.replace(",", "")) * factor))
            if head in words.vague and rest:
                return words.vague[head] * factor
    total = current = 0
    last = ""
    for i, p in enumerate(parts):
        if p == "and" and last == "scale" and i + 1 < len(parts):
            continue
        if p in words.units and (i == 0 or p not in ("a", "an")):
            if last == "unit" or (last == "ten" and not 0 < words.units[p] < 10):
                return None
            current, last = current + words.units[p], "unit"
        elif p in words.tens and last not in ("unit", "ten"):
            current, last = current + words.tens[p], "ten"
        elif p in words.scales and last:
            scale = words.scales[p]
            if scale < 1000:
                current = max(current, 1) * scale
            else:
                total, current = total + max(current, 1) * scale, 0
            last = "scale"
        else:
            return None
    return total + current if last else None


def parse_number(text: str, words: NumberWords) -> int | None:
    """The conservative value of a number phrase, or None if ``text`` is not one.

    '5' '1,000' 'five' 'twenty-three' 'a hundred' 'three hundred and twelve' 'two dozen'
    '1.5 million'; vague words from numbers.yaml ('dozens' 12); bounds give the stated
    figure ('at least 5' 5, 'more than 20' 20, 'nearly 40' 40, 'up to 20' 20); ranges give
    the low end ('12 to 15', '12-15', 'between 10 and 15', 'two or three').
    """
    s = " ".join(text.lower().replace("\u2019", "'").replace("\u2013", "-").strip(" .,;:").split())
    s = _SUFFIX.sub("", _PREFIX.sub("", s)).strip()
    if not s:
        return None
    for pattern in _RANGES:
        m = pattern.match(s)
        if m:
            low, high = parse_number(m.group(1), words), parse_number(m.group(2), words)
            if low is not None and high is not None:
                return min(low, high)
    for candidate in (s, s[:-3] if s.endswith(" of") else ""):
        if candidate in words.vague:
            return words.vague[candidate]
    return _parse_plain(s, words)


# --- sentence scanning ----------------------------------------------------

class _Find(NamedTuple):
    kind: str  # killed | injured | hit (shot, fate not told) | casualties
    value: int
    text: str
    pos: int
    ident: str | None = None  # one named victim's name, lower-cased; "self" for the attacker's own death
    others: bool = False  # "two others were shot": victims beyond the killed ones
    single: str = ""  # one person: "a" ("a man"), "name" ("Burton"), "the" ("the victim", "he"); "" a group


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+(?:['\u2019.,-][A-Za-z0-9]+)*|[^\w\s]")
_AUX = _words("was were is are been being be have has had got get will")
_ADVERBS = _words("also reportedly allegedly all both later subsequently fatally mortally critically "
                  "seriously badly slightly lightly gravely found confirmed reported then since each pronounced "
                  "accidentally apparently ultimately eventually now")
_NOT, _FATAL = _words("not never n't"), _words("fatally mortally")
# words -> (kind, form); verb: may be active ("killed two"), state: never is, noun: "17 deaths"
_TERMINALS = sorted(((tuple(w.split()), tuple(kf.split())) for w, kf in (
    ("shot and killed", "killed verb"), ("shot dead", "killed state"), ("shot to death", "killed state"),
    ("shot and wounded", "injured verb"), ("shot and injured", "injured verb"), ("lost their lives", "killed state"),
    ("lost his life", "killed state"), ("lost her life", "killed state"), ("killed", "killed verb"),
    ("slain", "killed state"), ("gunned down", "killed verb"), ("succumbed", "killed state"),
    ("massacred", "killed verb"), ("executed", "killed verb"), ("murdered", "killed verb"),
    ("died", "killed state"), ("dies", "killed state"), ("passed away", "killed state"), ("dead", "killed state"),
    ("injured", "injured verb"), ("wounded", "injured verb"),
    ("hurt", "injured verb"), ("grazed", "injured verb"), ("harmed", "casualties verb"), ("shot", "hit verb"), ("hit", "hit verb"),
    ("struck", "hit verb"), ("deaths", "killed noun"), ("fatalities", "killed noun"),
    ("casualties", "casualties noun"), ("injuries", "injured noun"), ("fighting for his life", "injured state"),
    ("fighting for her life", "injured state"), ("fighting for their lives", "injured state"),
    ("clinging to life", "injured state"))), key=lambda t: -len(t[0]))
# The same terminals by first word, each list in _TERMINALS order (longest first).
_TERMINALS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _terminal in _TERMINALS:
    _TERMINALS_BY_FIRST.setdefault(_terminal[0][0], []).append(_terminal)
_ACTIVE = {**dict.fromkeys(_words("killed killing kills massacred executed"), "killed"),
           **dict.fromkeys(_words("wounded wounding wounds injured injuring injures"), "injured"),
           **dict.fromkeys(_words("shot shooting shoots"), "hit")}
_BREAK = _words("when after before as while because but which who whom whose that where said says told "
                "according if though although than left leaving leaves hit struck exploded fired launched "
                "killing wounding injuring claimed bringing raising")
_PREPS = _words("of in on at from near with by for to into including among inside outside across around "
                "during along against through under over toward towards within without like and or")
_DETS = _words("the a an his her their its our this these those")
_PAREN = _words("who which including among most many mostly mainly all some")
_MEASURES = _words("year years month months week weeks day days hour hours minute minutes seconds percent "
                   "per % km kilometres kilometers miles meters metres feet dollars tons times ago o'clock "
                   "am pm a.m p.m a.m. p.m. rockets missiles shells rounds drones shots bullets block blocks")
# Animals a count may number ("108,780 deer had been killed this weekend", "two dogs were shot"): no casualties.
_ANIMALS = _words("animal animals deer elk moose bear bears dog dogs puppy puppies cat cats kitten kittens horse horses "
                  "cow cows cattle calf calves bull bulls pig pigs hog hogs sheep lamb lambs goat goats chicken chickens "
                  "bird birds duck ducks geese goose coyote coyotes wolf wolves fox foxes livestock")
_CAPTIONS = _words("image photo slide")  # "Image 6 of 8": a gallery's numbering
_STREETS = _words("road rd street st avenue ave drive dr lane ln court ct boulevard blvd way place pl circle highway "
                  "hwy parkway pkwy terrace trail route pike")
_ZERO_BLOCK = _words("word information details confirmation figures estimate comment")
_CALENDAR = _words("monday tuesday wednesday thursday friday saturday sunday january february march april "
                   "may june july august september october november december the a an i")
_MONTHS = _words("january february march april may june july august september october november december "
                 "jan feb mar apr jun jul aug sep sept oct nov dec")
_NAME_FOLLOW = _words("and in at on near as when after before with while during last early earlier late this "
                      "who outside inside along together by from yesterday today overnight")
_LIVES_VERBS = _words("claimed claiming claim claims took taking cost costing costs")
# One person, named by what they are: "the victim was shot", "killing his wife".
_PERSON_NOUNS = _words("man woman boy girl child kid teen teenager toddler infant baby son daughter stepson "
                       "stepdaughter father mother dad mom stepfather stepmother wife ex-wife husband ex-husband "
                       "brother sister cousin uncle aunt nephew niece grandson granddaughter grandmother "
                       "grandfather boyfriend ex-boyfriend girlfriend ex-girlfriend fiance fiancee partner "
                       "neighbor neighbour friend roommate classmate student victim suspect gunman shooter "
                       "attacker assailant robber intruder officer deputy trooper soldier guard driver passenger "
                       "clerk cashier owner employee worker resident person adult male female chief commander "
                       "leader contractor bystander customer")
_PARENTS = _words("father mother dad mom parent")
_POSSESSIVE = _words("the his her their its")
# Capitalised words that open a sentence or a clause without naming a person.
_NOT_NAMES = _CALENDAR | _MONTHS | _DETS | _PERSON_NOUNS | _words(
    "he she they it we you this that there police officers authorities officials investigators detectives "
    "deputies troopers witnesses residents neighbors neighbours family friends relatives no one two three "
    "four five six seven eight nine ten several many some all both another other others nobody none each "
    "sheriff chief officer mr mrs ms dr lt sgt capt det officials coroner medical county city state "
    "hospital news update updated posted video photo image related story more")
_SELF = _words("himself herself")
_QUANTIFIERS = _words("any some many several few all no most other more both each every")
_QUOTES = frozenset('"\'\u201c\u201d\u2018\u2019')
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z]*")
_SUICIDE = (("turned", "the", "gun", "on"), ("turning", "the", "gun", "on"), ("turns", "the", "gun", "on"),
            ("took", "his", "own", "life"), ("took", "her", "own", "life"), ("taking", "his", "own", "life"),
            ("taking", "her", "own", "life"), ("committed", "suicide"), ("committing", "suicide"))
_SUICIDE_STARTS = frozenset(phrase[0] for phrase in _SUICIDE)
_SELF_INCLUDED = re.compile(r"\bincluding (?:the |a |an )?(?:\w+ )?(?:gunman|shooter|suspect|attacker|assailant|bomber)\b", re.I)
_ACCIDENTAL = re.compile(r"\baccident(?:al|ally)?\b", re.I)
_HIT_FOLLOW = _words("in by once twice multiple several three four five six")
_VEHICLES = _words("car vehicle truck train bus van suv motorist driver")
_MULTIPLE_SHOOTING = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_ORDINAL_COUNT = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_ORDINAL_DIGITS = re.compile(r"([1-9]\d?)(?:st|nd|rd|th)")
_AGE_WORDS = _words("aged age ages")
_YEAR_WORDS = _words("year years yr yrs")
_HARM_STATES = _words("suffered sustained diagnosed treated hospitalized suffering")
# "were taken to a local hospital", "sent four people to the hospital": people hit, their fate not told.
_TO_HOSPITAL = _words("taken rushed transported transferred brought sent airlifted flown driven")
_HOSPITALS = _words("hospital hospitals")
_TO_HOSPITAL_ACTIVE = _words("sent sending sends rushed rushing took taking drove driving transported airlifted flew")
_HARM_NOUNS = _words("injuries injury wounds wound")
# "are listed in stable condition", "remains in critical condition": people hurt and alive when told.
_IN_CONDITION = _words("in listed remains remained remain")
_CONDITIONS = _words("stable critical serious good fair grave satisfactory")
_HIT_STATES = _words("with suffering suffered sustained")  # wounds suffered tell of people hit: some may have died
_FATAL_HARM = _words("fatal mortal")
# Death and harm nouns followed by their victims: "the fatal shootings of four people", "the murder of his wife".
_NOUN_OF = {**dict.fromkeys(_words("death deaths killing killings murder murders slaying slayings"), "killed"),
            **dict.fromkeys(_words("wounding woundings"), "injured"), **dict.fromkeys(_words("shooting shootings"), "hit")}
# A count among many incidents ("so far this year", "in separate shootings") is not this event's toll.
_AGGREGATE = re.compile(
    r"\bso far\b|\b(?:this|last|per|each|every) year\b|\bannually\b"
    r"|\bsince (?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:19|20)\d\d|last|the (?:start|beginning))"
    r"|\bshootings\b(?! of)|\bhomicides\b|\bseparate (?:incidents|attacks)\b|\bin incidents\b|\b(?:citywide|nationwide|statewide)\b"
    r"|\bsince (?:about |around )?\d{1,2}(?::\d\d)? ?[ap]\.?m\b|\bin another (?:[\w-]+ ){0,2}(?:shooting|incident|attack)\b"
    r"|\bacross the (?:city|county|state|country|nation|region)\b|\bthroughout the (?:day|weekend|year|month)\b",
    re.I,
)
# What follows is not known: "police were not able to say if the man had died".
_UNKNOWN = re.compile(r"\b(?:not|n't|unclear|unknown|uncertain)\b[^.;]{0,60}?\b(?:if|whether|how)\b", re.I)
# The figure replaces earlier ones: "the toll rose to 7", "have now been diagnosed", "put the total at 109".
_UPDATE = re.compile(
    r"\b(?:rose|risen|rises|climbed|increased|jumped|grown|grew) to\b|\bput the (?:total|toll|number|count) at\b"
    r"|\b(?:has|have) now\b|\bnow (?:stands|stood)\b|\bbringing the (?:death )?(?:toll|total|number)\b",
    re.I,
)
# A toll raised by what the sentence tells ("…, bringing the death toll to three"). A fresh killing that raises it
# counts the killings before it, other incidents' too ("3-year-old shot to death, pushing death toll to 49", "a soldier
# was killed, bringing the number of troops killed to 4,000"); a victim's later death raises the event's own
# ("a woman wounded Sunday has died, bringing the death toll to three").
_RAISED_TOLL = re.compile(
    r"\b(?:push(?:es|ed|ing)?|bring(?:s|ing)?|brought|rais(?:es|ed|ing)|tak(?:es|ing)|took)\s+"
    r"(?:the\s+)?(?:[\w'-]+\s+){0,3}(?:toll|number|count|total)\b[^.;]{0,40}?\bto\b",
    re.I,
)
_LATER_DEATH = re.compile(r"\b(?:died|dies|succumbed|passed away)\b", re.I)

# Every word a count is read from: a terminal's first word ("killed", "shot dead"), an active verb, "toll",
# "lives", a death or harm noun, a suicide phrase's first word, "himself", a hospital verb, "found" (with
# wounds), "condition" ("in stable condition"). A finder reading from another word must add it here, or sentences
# without these are never scanned.
_COUNT_WORDS = tuple(sorted({*_TERMINALS_BY_FIRST, *_ACTIVE, *_TO_HOSPITAL, *_TO_HOSPITAL_ACTIVE, *_HARM_STATES, *_NOUN_OF,
                             *_SELF, *_SUICIDE_STARTS, "toll", "lives", "found", "condition"}))


def _starts_of(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern found wherever one of ``words`` starts, its words sharing the branches of their common beginnings: a
    plain alternation tries every word at every character of a text, this one branch per letter."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict[str, dict]) -> str:
        options = [re.escape(char) + branches(child) for char, child in sorted(node.items()) if char]
        if not options:
            return ""
        if "" in node:
            return f"(?:{'|'.join(options)})?"
        return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"

    return re.compile(branches(trie))


_COUNT_WORD = _starts_of(_COUNT_WORDS)
# The words the finders after the subjects (``active``, ``lives``, ``noun``, ``suicide``, ``sent``) start from: the
# scan skips every other token without asking each finder.
_FINDER_STARTS = frozenset({*_ACTIVE, "lives", *_MULTIPLE_SHOOTING, "murder-suicide", "murder-suicides", *_NOUN_OF,
                            *_SELF, *_SUICIDE_STARTS, *_TO_HOSPITAL_ACTIVE})


def _written(word: str) -> str:
    """A word as readings compare it: lower-cased, a typographic apostrophe written plain."""
    return word.lower().replace("\u2019", "'")


def written_name(text: str) -> str:
    """A person's name as readings write a victim's: its words lower-cased, one space apart ("Darren Burton")."""
    return " ".join(_written(m.group()) for m in _TOKEN.finditer(text))


def may_count(text: str) -> bool:
    """False when no word a count is read from (``_COUNT_WORDS``) occurs in ``text``, even inside a longer word: then
    neither ``text`` nor any text made of pieces of it counts anyone (``read_casualties`` reads nothing). Most
    sentences of a story are such."""
    return _COUNT_WORD.search(text.lower()) is not None


def _ordinal(word: str) -> int | None:
    """The number an ordinal word stands for ("third", "8th"), else None."""
    digits = _ORDINAL_DIGITS.fullmatch(word)
    return int(digits.group(1)) if digits else _ORDINAL_COUNT.get(word)


class _Scanner:
    """One sentence's tokens with the matchers that read counts from them."""

    def __init__(self, sentence: str, words: NumberWords) -> None:
        self.s, self.words = sentence, words
        found = list(_TOKEN.finditer(sentence))
        # Each token's text, its written form and its offset, by index.
        self.texts = [m.group() for m in found]
        self.starts = [m.start() for m in found]
        # Written in one call: a token holds no line break, and no character of one is written by its neighbours.
        self.lows = _written("\n".join(self.texts)).split("\n") if found else []  # read a million times
        self.n = len(self.texts)
        self._nums: dict[int, tuple[int, int] | None] = {}

    def low(self, k: int) -> str:
        return self.lows[k] if 0 <= k < self.n else ""

    def upper(self, k: int) -> bool:
        return 0 <= k < self.n and self.texts[k][0].isupper()

    def span(self, i: int, j: int) -> str:
        """Sentence text of tokens i..j-1."""
        return self.s[self.starts[i]:self.starts[j - 1] + len(self.texts[j - 1])]

    def number(self, i: int) -> tuple[int, int] | None:
        """(value, end token) of the longest number phrase starting at token i."""
        if i not in self._nums:
            self._nums[i] = None
            if 0 <= i < self.n and not self.words.may_start_number(self.lows[i]):
                return None
            words_end = i  # a number phrase is made of number words: it ends before the first other token
            while (words_end < min(self.n, i + 8) and self.texts[words_end][0].isalnum()
                   and self.words.may_be_in_number(self.lows[words_end])):
                words_end += 1
            for j in range(words_end, i, -1):
                value = parse_number(self.span(i, j), self.words)
                if value is not None:
                    self._nums[i] = (value, j)
                    break
        return self._nums[i]

    def head(self, i: int) -> tuple[int, int] | None:
        """A number phrase that can count people: not a year, an age, a date, a time or a measure."""
        num = self.number(i)
        if num is None or self.low(i - 1) in _AGE_WORDS or (self.low(i - 1) == "of" and self.low(i - 2) in _PARENTS):
            return None  # "aged 17", "a father of 3": no victims
        nxt, prev = self.low(num[1]), self.low(i - 1)
        if re.fullmatch(r"1[89]\d\d|20\d\d", self.low(i)) and num[1] == i + 1 and (
            not (nxt.isalpha() and nxt not in _PREPS) or self.upper(num[1]) or prev in _MONTHS or prev == ","
            or (prev == "of" and (nxt in _AUX or nxt.endswith("ed")))
        ):
            return None  # "in 2019", "January 9, 2017 Man dead", "the first murder of 2015 happened"
        if nxt in _MEASURES or (nxt in _YEAR_WORDS and self.low(num[1] + 1) == "old") or re.fullmatch(r"years?-old", nxt):
            return None  # "20 rockets", "a 17 year old", "26 yr old man", "17 year-old girl"
        if any(self.low(k) in _ANIMALS and not self.upper(k) for k in (num[1], num[1] + 1)):
            return None  # "108,780 deer", "two stray dogs"; not "two Bears fans"
        if self.upper(num[1]) and any(self.low(k) in _STREETS for k in range(num[1] + 1, num[1] + 4)):
            return None  # "4077 Union Hill Road": an address
        if self.low(i)[0].isdigit():
            clock = (nxt == ":" and self.low(num[1] + 1)[:1].isdigit()) or (prev == ":" and self.low(i - 2)[:1].isdigit())
            caption = prev in _CAPTIONS or (prev == "of" and self.low(i - 3) in _CAPTIONS)  # "Image 6 of 8"
            if clock or caption or prev in ("'", "#", "no") or self.low(i) == "911":
                return None  # "0:50", "'90", "#3", "called 911"; not a headline's "Police: 5 dead"
            if prev in _MONTHS or (prev == "." and self.low(i - 2) in _MONTHS):
                return None  # "Feb. 19 deaths"
            if prev == "," and (nxt in (",", "and", ")", ".", "") or nxt in _AUX) and self.upper(i - 2):
                return None  # "Darren Burton, 17, was shot", "Dennie Reeves, 66 and Ginger Reeves, 64": ages
        return num

    def terminal(self, k: int) -> tuple[str, str, int] | None:
        word = self.low(k)
        for words, (kind, form) in _TERMINALS_BY_FIRST.get(word, ()):
            if tuple(self.lows[k : k + len(words)]) == words:
                if words[0] in ("hit", "struck") and (self.low(k + 1) not in _HIT_FOLLOW or self.low(k + 3) in _VEHICLES
                                                      or self.low(k + 2) in _VEHICLES):
                    return None  # "was hit in the chest", "struck by gunfire"; not "hit by a car"
                return kind, form, k + len(words)
        if word in _TO_HOSPITAL:
            end = self.to_hospital(k + 1)
            return ("hit", "state", end) if end else None
        if word in _IN_CONDITION:
            end = self.in_condition(k)
            return ("injured", "state", end) if end else None
        if word in _HARM_STATES or (word == "with" and self.low(k - 1) == "found"):
            for j in range(k + 1, min(self.n, k + 7)):
                if self.low(j) in _HARM_NOUNS:
                    return self._harm_kind(k, j), "state", j + 1
                if not self.texts[j][0].isalnum():
                    break
        return None

    def _harm_kind(self, verb: int, noun: int) -> str:
        """What "<verb> … <noun>" tells of its victims: "suffered fatal wounds" killed them; "diagnosed with brain
        injuries", "treated for wounds" left them hurt; "suffered gunshot wounds", "found with (suffering from)
        gunshot wounds" hit them, and they may yet have died."""
        if any(self.low(j) in _FATAL_HARM for j in range(verb + 1, noun)):
            return "killed"
        if self.low(verb) in _HIT_STATES and (self.low(verb) in ("with", "suffering") or self.low(noun) in ("wound", "wounds")):
            return "hit"
        return "injured"

    def in_condition(self, k: int) -> int | None:
        """The token after "(listed | remains) in stable (but critical) condition" starting at k, else None."""
        j = k + 1 if self.low(k) != "in" else k
        if self.low(j) != "in" or self.low(j + 1) not in _CONDITIONS:
            return None
        for end in range(j + 2, min(self.n, j + 6)):
            if self.low(end) == "condition":
                return end + 1
            if self.low(end) not in _CONDITIONS and self.low(end) not in ("but", "and", "very", "extremely"):
                return None
        return None

    def to_hospital(self, k: int) -> int | None:
        """The token after "to (the|a local|Rhode Island) hospital" or "to … Medical Center" starting at k, else None."""
        if self.low(k) != "to":
            return None
        for j in range(k + 1, min(self.n, k + 6)):
            if self.low(j) in _HOSPITALS or (self.low(j) == "center" and self.low(j - 1) in ("medical", "trauma")):
                return j + 1
            if not self.texts[j][0].isalnum():
                return None
        return None

    def groups(self, i: int, subject: bool) -> tuple[int, int, int, list[str]] | None:
        """Coordinated victim groups from token i: (total, text end, stop token, gap words)."""
        head = self.head(i)
        if head is None:
            return None
        total, k = head
        pending, end, gap, including, since = 0, k, [], False, 0
        pending_end = k
        first_sep = ""
        limit = 6 if head[1] == i + 1 and self.low(i) in ("a", "an") else 10
        while k < self.n and since <= limit:
            t, text = self.low(k), self.texts[k]
            if t in _AUX or t in _ADVERBS or t in _NOT or self.terminal(k):
                break
            if text in _QUOTES:
                k += 1  # 'claiming that 80 "American terrorists" were killed'
                continue
            if t in (",", "and", "or"):
                first_sep = first_sep or t
                num = None if including or (t == "," and self.fatal_share(k + 1)) else self.head(k + 1)  # not "four, one fatally,"
                subset = num is not None and self.low(num[1]) == "of" and self.low(num[1] + 1) in ("them", "whom")
                if num and not subset and (t != "," or gap):
                    pending, pending_end = pending + num[0], num[1]
                    if t != ",":  # "A, B and C": comma items count once the list closes
                        total, pending, end = total + pending, 0, num[1]
                    k, since = num[1], 0
                    continue
                if t == "and" and not including and self._second_of_a_pair(i, gap, k + 1):
                    total, end, k, since = total + 1, k + 2, k + 2, 0  # "a man and woman"
                    continue
                one = self.person(k + 1) if t == "and" and subject and not including and self.low(k + 1) in _POSSESSIVE else None
                if one is not None:
                    total, end, k, since = total + 1, one[0], one[0], 0  # "a woman and her granddaughter"
                    continue
                if t == "," and subject and (subset or self.low(k + 1) in _PAREN):
                    close = next((c for c in range(k + 2, min(self.n, k + 14)) if self.low(c) == ","), None)
                    if close is None:
                        return None
                    k = close + 1  # skip ", who had gathered there," / ", two of them children,"
                    continue
                if t == "," or not subject:
                    break
            elif not text[0].isalnum() or t in _BREAK or (not subject and t in _PREPS and t != "of"):
                break
            elif text.islower() and t not in _PREPS and self.low(k + 1) in _DETS:
                break  # a verb with its object: "rockets hit a family home"
            elif t in _AGE_WORDS and self.number(k + 1):  # "3 adults and 2 juveniles ages 14 and 15": ages, not people
                k += 1
                while self.number(k) or (self.low(k) in (",", "and", "to") and self.number(k + 1)):
                    k = self.number(k)[1] if self.number(k) else k + 1
                continue
            elif (self.number(k) and not including and not (t in ("a", "an") and self.number(k)[1] == k + 1) and self.low(k - 1) != "of"
                  and not (self.low(k - 1) == "the" and self.low(k - 2) == "of")):  # "four (out) of the 75 inside": a part of them
                num = self.number(k)
                if re.fullmatch(r"years?-old", self.low(num[1])):
                    k = num[1] + 1  # "a 17 year-old girl"
                    continue
                if self.low(num[1]) not in _YEAR_WORDS or self.low(num[1] + 1) != "old":
                    break
                k = num[1] + 2  # "a 17 year old boy"
                continue
            including = including or t in ("including", "among")
            gap.append(t)
            k, since = k + 1, since + 1
            if not pending and not including:
                end = k
        if gap and gap[0] in _MEASURES:
            return None
        if pending and subject and (self.terminal(k) or self.low(k) in _AUX):
            total, end = total + pending, pending_end  # a headline's list without "and": "2 Girls, 2 Men Shot"
        if (first_sep == "," and subject and total == 2 * head[0] and self.low(k) == ","
                and (self.low(k + 1) in _AUX or self.terminal(k + 1))):
            total, k = head[0], k + 1  # "Five members of one family, two women and three children, were killed"
        return total, end, k, gap

    def _second_of_a_pair(self, i: int, gap: Sequence[str], k: int) -> bool:
        """Token k, after "a <person> and", is a second person of one article: "a man and woman", "a husband and wife"."""
        return (self.low(i) in ("a", "an") and len(gap) == 1 and gap[0] in _PERSON_NOUNS and self.low(k) in _PERSON_NOUNS
                and self.texts[k].islower() and self.low(k + 1) not in ("'s", "'"))

    def name(self, j: int) -> tuple[int, str] | None:
        """A person's name from token j (1-4 capitalised words): (end token, the name lower-cased)."""
        e = j
        while (e < self.n and e - j < 4 and _NAME_WORD.fullmatch(self.texts[e]) and self.low(e) not in _NOT_NAMES
               and not self.low(e).endswith("-old")):  # "Four-year-old fatally shot": an age, not a name
            e += 1
        if e == j or self.low(e) in ("'s", "'") or (e < self.n and self.texts[e] in ("'s", "’s")):
            return None
        if self.low(j - 1) in _QUANTIFIERS or (e == j + 1 and self.low(j).endswith(("ans", "ese", "qis", "lis", "nis"))):
            return None  # "any Americans", "Iraqis": people of a nation, not a name
        return e, self.full_name(j, e)

    def full_name(self, j: int, e: int) -> str:
        """Tokens j..e-1 lower-cased, one space apart: "darren burton"."""
        return " ".join(self.lows[j:e])

    def person(self, j: int) -> tuple[int, str | None] | None:
        """One person from token j: "the victim", "his 7-year-old daughter", "he", or a name (end, name)."""
        if self.low(j) in ("he", "she"):
            return j + 1, None
        if ((self.low(j) in _PERSON_NOUNS and self.upper(j)) or (self.low(j).endswith("-old") and not self.texts[j][0].islower())) and (
                j == 0 or not self.texts[j - 1][0].isalnum()):
            # a headline's "Teen dead after double shooting", "Four-year-old fatally shot", "7-year-old boy hit by bullet",
            # "12-Year-Old Iowa Girl Killed"
            noun = next((k for k in range(j + 1, min(self.n, j + 4)) if self.low(k) in _PERSON_NOUNS or not self.upper(k)), j)
            end = noun + 1 if self.low(j).endswith("-old") and self.low(noun) in _PERSON_NOUNS else j + 1
            age = self.number(end + 1) if self.low(end) == "," else None
            return (age[1] + 1 if age is not None and self.low(age[1]) == "," else end), None  # "Boy, 3, wounded in …"
        if self.low(j) in _POSSESSIVE:
            for k in range(j + 1, min(self.n, j + 5)):
                t = self.low(k)
                if t in _PERSON_NOUNS:
                    if self.low(k + 1) in ("'s", "'") or (self.low(k + 1).endswith("s") and self.low(k + 1) in _PERSON_NOUNS):
                        return None
                    return k + 1, None
                if re.fullmatch(r"\d+-year-old", t) and (self.low(k + 1) in _AUX or self.low(k + 1) in _HARM_STATES
                                                               or self.terminal(k + 1)):
                    return k + 1, None  # "the 8-year-old was shot", "the 17-year-old died", "found the 8-year-old suffering"
                if not (self.texts[k].islower() or re.fullmatch(r"\d+(?:-year-old)?|year-old|-", t)) or t in _BREAK or t in _PREPS:
                    return None
            return None
        if re.fullmatch(r"\d+-year-old", self.low(j)) and self.upper(j + 1):
            j += 1  # "13-year-old Eddie Holmes"
        found = self.name(j)
        if found is None:
            return None
        end, name = found
        age = self.number(end + 1) if self.low(end) == "," and self.head(end + 1) is None else None
        if age is not None and self.low(age[1]) == ",":
            end = age[1] + 1  # "Darren Burton, 17, was shot"
        elif age is not None and (self.low(age[1]) in _AUX or self.low(age[1]) in ("and", "were", "was")):
            end = age[1]  # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead"
        elif self.low(end) == "," and (self.low(end + 1) in _AUX or self.low(end + 1) in _ADVERBS):
            end += 1  # "… cousin, Jay Latham, was shot"
        return end, name

    def subject(self, i: int) -> tuple[list[_Find], int] | None:
        """Victims before a passive or state verb or a casualty noun; also the stop token."""
        found = self.groups(i, subject=True)
        ident: str | None = None
        if found is None and self.low(i) == "both" and (self.low(i + 1) in _AUX or self.terminal(i + 1)) and not self.upper(i - 1):
            found = (2, i + 1, i + 1, [])  # "both were taken to the hospital"
        if found is None:
            one = None if self.low(i - 1) in _POSSESSIVE or self.low(i - 1) in _PREPS or self.upper(i - 1) else self.person(i)
            if one is None:
                return None
            found, ident = (1, one[0], one[0], []), one[1]
            more = self.person(one[0] + 1) if self.low(one[0]) == "and" and one[1] else None
            rest = self.groups(one[0] + 1, subject=True) if self.low(one[0]) == "and" and more is None else None
            if more is not None and more[1]:  # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead"
                found, ident = (2, more[0], more[0], []), None
            elif rest is not None:  # "he and three others were shot": the others are his companions
                found, ident = (1 + rest[0], rest[1], rest[2], []), None
        total, end, m, gap = found
        ordinal = _ordinal(self.low(i + 1)) if ident is None and self.low(i) in ("a", "an") else None
        if ordinal is not None:
            total = ordinal  # "a second teen has died": two dead now; "an 8th teen was injured"
        single = "name" if ident else "the" if total == 1 and ident is None and gap == [] else ""
        if total == 1 and self.low(i) in ("a", "an"):
            single = "a"
        has_aux = fatal = False
        share = self.fatal_share(m + 1) if self.low(m) == "," else None
        if share is not None and self.low(share[1]) == ",":
            m = share[1] + 1  # "four teens, one fatally, were shot"
        if self.low(m) in ("who", "that") and self.low(m + 1) in _AUX and total > 0 and not _PREPS.intersection(gap):
            m += 1  # "three victims who were suffering from gunshot wounds"
        while self.low(m) in _AUX or self.low(m) in _ADVERBS or self.low(m) in _NOT:
            if self.low(m) in _NOT:
                return None
            has_aux, fatal = has_aux or self.low(m) in _AUX, fatal or self.low(m) in _FATAL
            m += 1
        term = self.terminal(m)
        if term is None:
            return None
        if m > i + 1 and self.low(m - 1) in ("a", "an"):
            return self.subject(m - 1)  # "a report of a discharged handgun and a wounded child": the child alone
        kind, form, after = term
        if ident is not None and form == "noun":
            return None
        if self.low(m) in _TO_HOSPITAL:
            ident = None  # "Sienna was taken to the hospital": a victim told of before, perhaps by her surname
        nxt = self.low(after)
        takes_object = after < self.n and (self.head(after) is not None or nxt in _DETS or nxt in _SELF or nxt in ("him", "them")
                                           or (self.texts[after][0].isupper() and nxt not in _CALENDAR and nxt not in _PREPS))
        if ((form == "noun" and (has_aux or len(gap) > 3 or (gap and gap[-1] in _POSSESSIVE)))  # "died of her injuries"
                or (form == "verb" and not has_aux and takes_object)
                or (total == 0 and _ZERO_BLOCK.intersection(gap))):
            return None
        text, pos = self.span(i, after if form == "noun" else end), self.starts[i]
        others = (bool({"other", "others", "more", "additional"} & set(gap)) or self.low(i) == "another"
                  or self.low(m - 1) == "also" or self.low(m - 2) == "also")
        if kind == "hit":
            kind = "killed" if fatal or self.died_later(after) else "hit"
            if share is None and self.low(after) == ",":
                share = self.fatal_share(after + 1)  # "Two men were shot, one (of them) fatally"
            if share is not None and not fatal and share[0] <= total:
                return [_Find("killed", share[0], share[2], pos), _Find("hit", total, text, pos, others=others)], max(after, share[1])
        elif kind == "injured" and (fatal or self.died_later(after)):
            kind = "killed"  # "was seriously wounded … and died after being taken to hospital"
        return [_Find(kind, total, text, pos, ident, others, single)], after

    def fatal_share(self, k: int) -> tuple[int, int, str] | None:
        """"one fatally", "two of them mortally" from token k: (count, the token after it, its text)."""
        part = self.number(k)
        if part is None:
            return None
        tail = part[1] + (2 if self.low(part[1]) == "of" else 0)
        return (part[0], tail + 1, self.span(k, tail + 1)) if self.low(tail) in _FATAL else None

    def died_later(self, k: int) -> bool:
        """'was shot in the chest and (was pronounced) dead', '… and died at the scene', 'the boy who was shot was
        pronounced dead': the hit person died."""
        for j in range(k, min(self.n, k + 15)):
            t = self.low(j)
            if t in (".", ";", ":") or t in ("when", "while", "but", "who", "which", "where", "as"):
                return False
            if t == "and" or (j == k and t in _AUX):
                m = j + (t == "and")
                while self.low(m) in _AUX or self.low(m) in _ADVERBS:
                    m += 1
                term = self.terminal(m)
                if term is not None and term[0] == "killed" and term[1] == "state":
                    return True
        return False

    def active(self, k: int, used: set[int]) -> _Find | None:
        """Victims after an active verb: 'killing 12 people', 'killed Soleimani', 'fatally shooting his wife'."""
        kind, b = _ACTIVE.get(self.low(k)), k - 1
        if kind is None:
            return None
        fatal = False
        while self.low(b) in _ADVERBS or self.low(b) in ("shot", "and"):
            fatal = fatal or self.low(b) in _FATAL
            b -= 1
        if k in used or self.low(b) in _AUX or self.low(b) in ("the", "a", "an", "to"):
            return None
        found = self.victims(k + 1, "killed" if fatal else kind, used)
        if found is not None and found.kind == "hit" and self.died_later(k + 1):
            found = found._replace(kind="killed")
        return found

    def victims(self, j: int, kind: str, used: set[int]) -> _Find | None:
        """An object: counted groups, one named or described person ('Soleimani', 'his wife'), or himself."""
        if j >= self.n or j in used:
            return None
        found = self.groups(j, subject=False)
        if found is not None:
            return _Find(kind, found[0], self.span(j, found[1]), self.starts[j])
        if self.low(j) in _SELF:
            return _Find(kind, 1, self.texts[j], self.starts[j], "self", single="the")
        if self.low(j) == "her" and self.head(j + 1) is not None:  # "killing her 5 children"
            found = self.groups(j + 1, subject=False)
            if found is not None:
                return _Find(kind, found[0], self.span(j, found[1]), self.starts[j])
        if self.low(j) in ("him", "her") and (self.low(j) == "him" or self.low(j + 1) not in _PERSON_NOUNS):
            return self._and_more(j, j + 1, kind, None)
        one = self.person(j) if self.low(j) in _POSSESSIVE or re.fullmatch(r"\d+-year-old", self.low(j)) else None
        if one is not None:
            return self._and_more(j, one[0], kind, one[1])
        if self.low(j) in _PREPS:
            return None  # a headline's "Man Shot & Killed In N. Mpls.": no name
        e = j
        while e < self.n and (self.texts[e][0].isupper() or self.low(e).startswith("al-")):
            e += 1
        nxt, last = self.low(e), self.low(e - 1)
        if e == j or self.low(j) in _CALENDAR or (nxt.isalpha() and nxt not in _NAME_FOLLOW):
            return None
        if e == j + 1 and last.endswith("s") and not last.endswith(("ss", "us", "as", "os")):
            return None  # "killed Iraqis": a plural, not a named person
        return self._and_more(j, e, kind, self.full_name(j, e))

    def _and_more(self, j: int, end: int, kind: str, ident: str | None) -> _Find:
        """One person from j to end, plus "and three other people" or "and himself" after them."""
        if self.low(end) == "and":
            more = self.groups(end + 1, subject=False)
            if more is not None:
                return _Find(kind, 1 + more[0], self.span(j, more[1]), self.starts[j])
            other = self.name(end + 1) if self.low(end + 1) not in _SELF else None
            if other is not None and ident is not None:  # "Soleimani and al-Muhandis": two named people
                return _Find(kind, 2, self.span(j, other[0]), self.starts[j])
            kin = self.person(end + 1) if self.low(end + 1) in _POSSESSIVE else None
            if kin is not None:  # "killed his girlfriend and her daughter"
                return _Find(kind, 2, self.span(j, kin[0]), self.starts[j])
        return _Find(kind, 1, self.span(j, end), self.starts[j], ident, single="name" if ident else "the")

    def sent(self, k: int, used: set[int]) -> _Find | None:
        """'sent four people to the hospital', 'rushed him to the hospital': people hit, their fate not told."""
        if self.low(k) not in _TO_HOSPITAL_ACTIVE or self.low(k - 1) in _AUX or k + 1 in used:
            return None
        found = self.victims(k + 1, "hit", used)
        if found is None or found.ident == "self":
            return None
        end = next((j for j in range(k + 1, min(self.n, k + 8)) if self.low(j) == "to"), None)
        # a victim told of before, perhaps by another name: not one more named victim
        return found._replace(ident=None) if end is not None and self.to_hospital(end) is not None else None

    def toll(self, k: int) -> _Find | None:
        """'the death toll rose to 17', 'a death toll of 17', 'the toll stood at 17'."""
        if self.low(k) != "toll" or self.low(k - 1) == "injury":
            return None
        kind = "casualties" if self.low(k - 1) == "casualty" else "killed"
        start = k - 1 if self.low(k - 1) in ("death", "casualty") else k
        for j in range(k + 1, min(self.n, k + 12)):
            if self.low(j) in (".", ";", "(", ")"):
                break
            num = self.head(j + 1) if self.low(j) in _words("to at of reached hit is was stands stood now :") else None
            if num:
                return _Find(kind, num[0], self.span(start, num[1]), self.starts[start])
        return None

    def lives(self, k: int, used: set[int]) -> _Find | None:
        """'claimed the lives of 9 people', 'cost 9 lives'."""
        if self.low(k) != "lives":
            return None
        if self.low(k + 1) == "of" and self.low(k - 1) == "the" and self.low(k - 2) in _LIVES_VERBS:
            return self.victims(k + 2, "killed", used)
        for b in range(k - 1, max(-1, k - 5), -1):
            num = self.head(b)
            if num and num[1] <= k and self.low(b - 1) in _LIVES_VERBS:
                return _Find("killed", num[0], self.span(b, k + 1), self.starts[b])
        return None

    def noun(self, k: int, used: set[int]) -> _Find | None:
        """'a double shooting', 'the fatal shootings of four people', 'the murder of his wife', 'a murder-suicide'."""
        t = self.low(k)
        if t in _MULTIPLE_SHOOTING and self.low(k + 1) == "shooting":
            return _Find("hit", _MULTIPLE_SHOOTING[t], self.span(k, k + 2), self.starts[k])
        if t in ("murder-suicide", "murder-suicides") or (t == "murder" and self.low(k + 1) == "-" and self.low(k + 2) == "suicide"):
            if self.low(k - 1) != "attempted":
                return _Find("killed", 2, self.texts[k], self.starts[k])
        kind = _NOUN_OF.get(t)
        if kind is None or self.low(k + 1) != "of" or self.low(k - 1) in ("attempted", "attempt"):
            return None
        if self.low(k - 1) == "fatal" or (self.low(k - 1) == "shooting" and t.startswith("death")):
            kind = "killed"
        found = self.victims(k + 2, kind, used)
        return found if found is None or found.ident != "self" else None

    def suicide(self, k: int) -> _Find | None:
        """'before turning the gun on himself', 'took his own life', 'committed suicide', 'killed his wife and
        then himself': the attacker's own death."""
        if self.low(k) in _SELF and self.low(k - 1) in ("and", "then") and any(
            self.low(j) in ("killed", "killing", "kills") for j in range(max(0, k - 12), k)
        ):
            return _Find("killed", 1, self.texts[k], self.starts[k], "self")
        if self.low(k) not in _SUICIDE_STARTS:
            return None
        for phrase in _SUICIDE:
            if tuple(self.low(k + d) for d in range(len(phrase))) == phrase:
                end = k + len(phrase)
                if phrase[-1] == "on" and self.low(end) not in _SELF:
                    return None
                return _Find("killed", 1, self.span(k, end + (phrase[-1] == "on")), self.starts[k], "self")
        return None


@dataclass(frozen=True, slots=True)
class CasualtyReading:
    """What one sentence says about the victims of the event it reports (None: not said).

    ``killed`` leaves out an attacker who killed himself (``self_killed``: GVA and ACLED count
    him too, once per event, however many sentences say so). ``injured`` is what the sentence
    calls wounded or hurt; ``victims`` everyone it says was hit, killed or not, where it gives a
    total ("six people were shot, one fatally": victims 6, killed 1). ``named_killed`` and
    ``named_hurt`` are the names of single named victims as written, lower-cased ("darren burton",
    "burton"), so that several sentences about the same person count them once (``mentions.tally``).
    ``update`` marks a figure that replaces earlier ones ("the toll rose to 7"); ``aggregate`` a
    count over many incidents ("so far this year"), never an event's.
    """

    killed: int | None = None
    injured: int | None = None
    victims: int | None = None
    self_killed: bool = False
    named_killed: frozenset[str] = frozenset()
    named_hurt: frozenset[str] = frozenset()
    update: bool = False
    aggregate: bool = False
    others_hurt: bool = False  # the hurt are told as more than the dead: "a woman was also shot", "two others were hurt"
    killed_text: str | None = None
    injured_text: str | None = None

    @property
    def total_killed(self) -> int | None:
        if self.killed is None and not self.self_killed:
            return None
        return (self.killed or 0) + self.self_killed

    @property
    def total_injured(self) -> int | None:
        """The injured said outright, else the victims hit who are not said to have died."""
        if self.injured is not None:
            return self.injured
        if self.victims is None:
            return None
        return max(self.victims - (self.killed or 0), 0) if self.victims > (self.killed or 0) else None

    @property
    def empty(self) -> bool:
        return self.total_killed is None and self.injured is None and self.victims is None

    @property
    def casualties(self) -> Casualties:
        """The killed and injured counts the sentence reports (None where not reported): the killed include an attacker
        who killed himself; the injured are those said to be wounded, else the people shot who are not said to have
        died."""
        injured = self.total_injured
        return Casualties(killed=self.total_killed, injured=injured, killed_text=self.killed_text,
                          injured_text=self.injured_text if injured is not None else None)


def _running_toll(sentence: str, finds: Sequence[_Find]) -> bool:
    """Whether the toll the sentence raises is a count over many incidents: a killing it tells raises it, not a later
    death (``_RAISED_TOLL``)."""
    raised = _RAISED_TOLL.search(sentence) is not None
    return raised and not _LATER_DEATH.search(sentence) and any(f.kind == "killed" for f in finds)


def _first_or_singles(kind: str, tolls: list[_Find], finds: list[_Find]) -> _Find | None:
    """A kind's count: a toll, else the sum of several distinct single victims, else the first count."""
    toll = next((f for f in tolls if f.kind == kind), None)
    if toll is not None or not finds:
        return toll
    singles = [f for f in finds if f.single in ("a", "name")]
    names = {f.ident for f in singles if f.ident}
    if len(singles) > 1 and len(singles) == len([f for f in finds if f.value > 0]) and len(names) == len([f for f in singles if f.ident]):
        return finds[0]._replace(value=len(singles), text=", ".join(f.text for f in singles), single="")
    return finds[0]


def read_casualties(sentence: str, words: NumberWords) -> CasualtyReading:
    """Everything one sentence says about killed and injured people (see ``CasualtyReading``).

    Coordinated victim groups are summed ("three children and two women were killed" -> 5); a
    named single victim, "a/an" + noun, "the victim", "his wife" or "he" counts 1; "no one", "no
    casualties" count 0. When a kind is counted more than once, a death toll wins, otherwise the
    first count in the sentence. "casualties" counts as injured only when no killed or injured
    count is found ("no casualties" sets both to 0). People shot with no word on their fate are
    victims: the injured are the victims not said to have died ("seven people were shot, with six
    confirmed dead": 6 killed, 1 injured); so are people taken to hospital ("two others were taken to
    County Medical Center", "sent four people to the hospital") or found with wounds. "Another" is one
    more victim ("one was killed and another wounded"). A count among many incidents reads as nothing; a toll a
    killing the sentence tells raises is one, and only the killing counts ("3-year-old shot to death, pushing death
    toll to 49": 1).
    """
    if _AGGREGATE.search(sentence):
        return CasualtyReading(aggregate=True)
    if not may_count(sentence):
        return CasualtyReading(update=bool(_UPDATE.search(sentence)))
    sc = _Scanner(sentence, words)
    finds: list[_Find] = []
    used: set[int] = set()
    # A subject's count ends in a terminal ("were killed") after it: no subject starts at or after the last one.
    last_terminal = next((k for k in reversed(range(sc.n)) if sc.terminal(k)), -1)
    i = 0
    while i < last_terminal:
        hit = sc.subject(i)
        if hit:
            finds.extend(hit[0])
            used.update(range(i, hit[1]))
        i = hit[1] if hit else i + 1
    finds.extend(f for k, word in enumerate(sc.lows) if word in _FINDER_STARTS
                 and (f := sc.active(k, used) or sc.lives(k, used) or sc.noun(k, used) or sc.suicide(k) or sc.sent(k, used)))
    running_toll = _running_toll(sentence, finds)
    tolls = [] if running_toll else [t for k, word in enumerate(sc.lows) if word == "toll" and (t := sc.toll(k))]
    finds.sort(key=lambda f: f.pos)
    unknown = _UNKNOWN.search(sentence)
    if unknown is not None:
        close = min((at for at in (sentence.find(".", unknown.end()), sentence.find(";", unknown.end())) if at >= 0), default=len(sentence))
        finds = [f for f in finds if not unknown.start() < f.pos < close]
    accidental = bool(_ACCIDENTAL.search(sentence))
    own = [f for f in finds if f.ident == "self"]
    finds = [f for f in finds if f.ident != "self"]
    best = {kind: _first_or_singles(kind, tolls, [f for f in finds if f.kind == kind]) for kind in ("killed", "injured", "hit", "casualties")}
    killed, injured, hit, cas = best["killed"], best["injured"], best["hit"], best["casualties"]
    if cas is not None and cas.value == 0:
        killed, injured = killed or cas, injured or cas
    elif cas is not None and killed is None and injured is None:
        injured = cas
    killed_value = killed.value if killed else None
    self_killed = any(f.kind == "killed" for f in own)
    if own and (accidental or not (killed or hit or injured or any(f.single == "" for f in own))):
        # "a boy accidentally shot himself", "he (fatally) shot himself": the shooter is the victim, not one more.
        # "He then turned the gun on himself" stays the attacker's own death, which the article's tally
        # adds to the victims other sentences count (GVA counts the shooter too).
        if self_killed:
            killed_value, self_killed = max(killed_value or 0, 1), False
            killed = killed or own[0]
        elif hit is None:
            hit = own[0]
    elif killed is not None and killed.value > 0 and _SELF_INCLUDED.search(sentence):
        killed_value, self_killed = killed.value - 1, True  # "five dead, including the gunman"
    victims = None
    if hit is not None:
        victims = hit.value + (killed_value or 0) if hit.others else max(hit.value, killed_value or 0)
    elif killed_value is not None or injured is not None:
        victims = (killed_value or 0) + (injured.value if injured else 0)
    single = [f for f in finds if f.ident and f.value == 1]
    return CasualtyReading(
        killed=killed_value,
        # "two others were also shot": hurt, besides the dead the story counts
        injured=injured.value if injured else (hit.value if hit is not None and hit.others and killed_value is None else None),
        victims=victims,
        self_killed=self_killed,
        named_killed=frozenset(f.ident for f in single if f.kind == "killed"),
        named_hurt=frozenset(f.ident for f in single if f.kind in ("hit", "injured", "killed")),
        update=not running_toll and (bool(tolls) or bool(_UPDATE.search(sentence))),
        others_hurt=any(f.others for f in (injured, hit) if f is not None),
        killed_text=killed.text if killed else (own[0].text if self_killed else None),
        injured_text=injured.text if injured else (hit.text if hit else None),
    )


class CasualtyReader:
    """``read_casualties`` for one article, each distinct text read once: a trigger's clause is often its whole
    sentence, and the lead's sentences are read again for its count. Made per article, so that no reading outlives it."""

    def __init__(self, words: NumberWords) -> None:
        self._words = words
        self._readings: dict[str, CasualtyReading] = {}

    def read(self, sentence: str) -> CasualtyReading:
        reading = self._readings.get(sentence)
        if reading is None:
            reading = self._readings[sentence] = read_casualties(sentence, self._words)
        return reading
