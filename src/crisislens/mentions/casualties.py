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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

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

class _Tok(NamedTuple):
    text: str
    low: str
    start: int


class _Find(NamedTuple):
    kind: str  # killed | injured | casualties
    value: int
    text: str
    pos: int


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019.,-][A-Za-z0-9]+)*|[^\w\s]")
_AUX = _words("was were is are been being be have has had got get will")
_ADVERBS = _words("also reportedly allegedly all both later subsequently fatally mortally critically "
                  "seriously badly slightly lightly gravely found confirmed reported then since each")
_NOT, _FATAL = _words("not never n't"), _words("fatally mortally")
# words -> (kind, form); verb: may be active ("killed two"), state: never is, noun: "17 deaths"
_TERMINALS = sorted(((tuple(w.split()), tuple(kf.split())) for w, kf in (
    ("shot and killed", "killed verb"), ("shot dead", "killed state"), ("shot and wounded", "injured verb"),
    ("shot and injured", "injured verb"), ("lost their lives", "killed state"), ("lost his life", "killed state"),
    ("lost her life", "killed state"), ("killed", "killed verb"), ("slain", "killed state"),
    ("massacred", "killed verb"), ("executed", "killed verb"), ("murdered", "killed verb"),
    ("died", "killed state"), ("dead", "killed state"), ("injured", "injured verb"), ("wounded", "injured verb"),
    ("hurt", "injured verb"), ("shot", "shot verb"), ("deaths", "killed noun"), ("fatalities", "killed noun"),
    ("casualties", "casualties noun"), ("injuries", "injured noun"))), key=lambda t: -len(t[0]))
_ACTIVE = {**dict.fromkeys(_words("killed killing kills kill massacred executed"), "killed"),
           **dict.fromkeys(_words("wounded wounding wounds wound injured injuring injures injure"), "injured")}
_BREAK = _words("when after before as while because but which who whom whose that where said says told "
                "according if though although than left leaving leaves hit struck exploded fired launched "
                "killing wounding injuring claimed bringing raising")
_PREPS = _words("of in on at from near with by for to into including among inside outside across around "
                "during along against through under over toward towards within without like and or")
_DETS = _words("the a an his her their its our this these those")
_PAREN = _words("who which including among most many mostly mainly all some")
_MEASURES = _words("year years month months week weeks day days hour hours minute minutes seconds percent "
                   "per % km kilometres kilometers miles meters metres feet dollars tons times ago o'clock "
                   "am pm a.m p.m rockets missiles shells rounds drones")
_ZERO_BLOCK = _words("word information details confirmation figures estimate comment")
_CALENDAR = _words("monday tuesday wednesday thursday friday saturday sunday january february march april "
                   "may june july august september october november december the a an i")
_NAME_FOLLOW = _words("and in at on near as when after before with while during last early earlier late this "
                      "who outside inside along together by from yesterday today overnight")
_LIVES_VERBS = _words("claimed claiming claim claims took taking cost costing costs")


class _Scanner:
    """One sentence's tokens with the matchers that read counts from them."""

    def __init__(self, sentence: str, words: NumberWords) -> None:
        self.s, self.words = sentence, words
        self.toks = [_Tok(m.group(), m.group().lower().replace("\u2019", "'"), m.start())
                     for m in _TOKEN.finditer(sentence)]
        self.n = len(self.toks)
        self._nums: dict[int, tuple[int, int] | None] = {}

    def low(self, k: int) -> str:
        return self.toks[k].low if 0 <= k < self.n else ""

    def span(self, i: int, j: int) -> str:
        """Sentence text of tokens i..j-1."""
        return self.s[self.toks[i].start:self.toks[j - 1].start + len(self.toks[j - 1].text)]

    def number(self, i: int) -> tuple[int, int] | None:
        """(value, end token) of the longest number phrase starting at token i."""
        if i not in self._nums:
            self._nums[i] = None
            for j in range(min(self.n, i + 8), i, -1):
                if all(t.text[0].isalnum() for t in self.toks[i:j]):
                    value = parse_number(self.span(i, j), self.words)
                    if value is not None:
                        self._nums[i] = (value, j)
                        break
        return self._nums[i]

    def head(self, i: int) -> tuple[int, int] | None:
        """A number phrase that can count people: not a year, an age or a measure."""
        num = self.number(i)
        if num is None or self.low(i - 1) in ("aged", "age"):
            return None
        nxt = self.low(num[1])
        if re.fullmatch(r"1[89]\d\d|20\d\d", self.low(i)) and num[1] == i + 1 and not (nxt.isalpha() and nxt not in _PREPS):
            return None
        if nxt in _MEASURES or (nxt in ("year", "years") and self.low(num[1] + 1) == "old"):
            return None
        return num

    def terminal(self, k: int) -> tuple[str, str, int] | None:
        for words, (kind, form) in _TERMINALS:
            if tuple(self.low(k + d) for d in range(len(words))) == words:
                return kind, form, k + len(words)
        return None

    def groups(self, i: int, subject: bool) -> tuple[int, int, int, list[str]] | None:
        """Coordinated victim groups from token i: (total, text end, stop token, gap words)."""
        head = self.head(i)
        if head is None:
            return None
        total, k = head
        pending, end, gap, including, since = 0, k, [], False, 0
        limit = 6 if head[1] == i + 1 and self.low(i) in ("a", "an") else 10
        while k < self.n and since <= limit:
            t, tok = self.low(k), self.toks[k]
            if t in _AUX or t in _ADVERBS or t in _NOT or self.terminal(k):
                break
            if t in (",", "and", "or"):
                num = None if including else self.head(k + 1)
                subset = num is not None and self.low(num[1]) == "of" and self.low(num[1] + 1) in ("them", "whom")
                if num and not subset and (t != "," or gap):
                    pending += num[0]
                    if t != ",":  # "A, B and C": comma items count once the list closes
                        total, pending, end = total + pending, 0, num[1]
                    k, since = num[1], 0
                    continue
                if t == "," and subject and (subset or self.low(k + 1) in _PAREN):
                    close = next((c for c in range(k + 2, min(self.n, k + 14)) if self.low(c) == ","), None)
                    if close is None:
                        return None
                    k = close + 1  # skip ", who had gathered there," / ", two of them children,"
                    continue
                if t == "," or not subject:
                    break
            elif not tok.text[0].isalnum() or t in _BREAK or (not subject and t in _PREPS and t != "of"):
                break
            elif tok.text.islower() and t not in _PREPS and self.low(k + 1) in _DETS:
                break  # a verb with its object: "rockets hit a family home"
            elif self.number(k) and not including and not (t in ("a", "an") and self.number(k)[1] == k + 1):
                num = self.number(k)
                if self.low(num[1]) not in ("year", "years") or self.low(num[1] + 1) != "old":
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
        return total, end, k, gap

    def subject(self, i: int) -> tuple[list[_Find], int] | None:
        """Victims before a passive or state verb or a casualty noun; also the stop token."""
        found = self.groups(i, subject=True)
        if found is None:
            return None
        total, end, m, gap = found
        has_aux = fatal = False
        while self.low(m) in _AUX or self.low(m) in _ADVERBS or self.low(m) in _NOT:
            if self.low(m) in _NOT:
                return None
            has_aux, fatal = has_aux or self.low(m) in _AUX, fatal or self.low(m) in _FATAL
            m += 1
        term = self.terminal(m)
        if term is None:
            return None
        kind, form, after = term
        nxt = self.toks[after] if after < self.n else None
        takes_object = nxt is not None and (self.head(after) is not None or nxt.low in _DETS
                                            or (nxt.text[0].isupper() and nxt.low not in _CALENDAR))
        if ((form == "noun" and (has_aux or len(gap) > 3)) or (form == "verb" and not has_aux and takes_object)
                or (total == 0 and _ZERO_BLOCK.intersection(gap))):
            return None
        text, pos = self.span(i, after if form == "noun" else end), self.toks[i].start
        if kind == "shot":
            kind = "killed" if fatal else "injured"
            part = self.number(after + 1) if self.low(after) == "," else None
            if part and not fatal:  # "Two men were shot, one (of them) fatally"
                tail = part[1] + (2 if self.low(part[1]) == "of" else 0)
                if self.low(tail) in _FATAL and part[0] <= total:
                    return [_Find("killed", part[0], self.span(after + 1, tail + 1), pos),
                            _Find("injured", total - part[0], text, pos)], tail + 1
        elif kind == "injured" and fatal:
            kind = "killed"
        return [_Find(kind, total, text, pos)], after

    def active(self, k: int, used: set[int]) -> _Find | None:
        """Victims after an active verb: 'killing 12 people', 'killed Soleimani'."""
        kind, b = _ACTIVE.get(self.low(k)), k - 1
        while self.low(b) in _ADVERBS or self.low(b) in ("shot", "and"):
            b -= 1
        if kind is None or k in used or self.low(b) in _AUX:
            return None
        return self.victims(k + 1, kind, used)

    def victims(self, j: int, kind: str, used: set[int]) -> _Find | None:
        """An object: counted groups, or one named person ('Soleimani')."""
        if j >= self.n or j in used:
            return None
        found = self.groups(j, subject=False)
        if found is not None:
            return _Find(kind, found[0], self.span(j, found[1]), self.toks[j].start)
        e = j
        while e < self.n and (self.toks[e].text[0].isupper() or self.low(e).startswith("al-")):
            e += 1
        nxt, last = self.low(e), self.low(e - 1)
        if e == j or self.low(j) in _CALENDAR or (nxt.isalpha() and nxt not in _NAME_FOLLOW):
            return None
        if e == j + 1 and last.endswith("s") and not last.endswith(("ss", "us", "as", "os")):
            return None  # "killed Iraqis": a plural, not a named person
        return _Find(kind, 1, self.span(j, e), self.toks[j].start)

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
                return _Find(kind, num[0], self.span(start, num[1]), self.toks[start].start)
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
                return _Find("killed", num[0], self.span(b, k + 1), self.toks[b].start)
        return None


def extract_casualties(sentence: str, words: NumberWords) -> Casualties:
    """Killed and injured counts reported in one sentence (None where not reported).

    Coordinated victim groups are summed ("three children and two women were killed"
    -> 5); a named single victim or "a/an" + noun counts 1; "no one", "no casualties"
    count 0. "casualties" counts as injured only when no killed or injured count is
    found ("no casualties" sets both to 0). When a kind is counted more than once, a
    death toll wins, otherwise the first count in the sentence.
    """
    sc = _Scanner(sentence, words)
    finds: list[_Find] = []
    used: set[int] = set()
    i = 0
    while i < sc.n:
        hit = sc.subject(i)
        if hit:
            finds.extend(hit[0])
            used.update(range(i, hit[1]))
        i = hit[1] if hit else i + 1
    tolls = [t for t in map(sc.toll, range(sc.n)) if t]
    finds.extend(f for k in range(sc.n) if (f := sc.active(k, used) or sc.lives(k, used)))
    finds.sort(key=lambda f: f.pos)
    best = {kind: next((f for f in tolls + finds if f.kind == kind), None) for kind in ("killed", "injured", "casualties")}
    killed, injured, cas = best["killed"], best["injured"], best["casualties"]
    if cas is not None and cas.value == 0:
        killed, injured = killed or cas, injured or cas
    elif cas is not None and killed is None and injured is None:
        injured = cas
    return Casualties(killed=killed.value if killed else None, injured=injured.value if injured else None,
                      killed_text=killed.text if killed else None, injured_text=injured.text if injured else None)
