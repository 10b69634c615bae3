"""Read TABARI/PETRARCH actor and agent dictionaries as crisislens knowledge records.

Actor files hold ``PHRASE [CODE]`` entries with ``+SYNONYM`` lines and indented,
possibly date-restricted ``[CODE <YYMMDD]`` blocks: three-letter codes become
countries, longer ones group actors. Agent files hold ``PHRASE {PLURALS} [~CODE]``
entries and ``!MACRO! = A, B`` substitution sets, read into a phrase -> code map; a
code written ``[CODE~]`` is a prefix ("[NGO~]": an NGO of Arnor is NGOARN, not ARNNGO).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from crisislens.errors import KnowledgeError
from crisislens.knowledge.load import CodePeriod, Country, KnownActor

# Endings a TABARI stem (a final word without a trailing "_") is expanded with.
STEM_SUFFIXES = ("s", "es", "n", "ns", "an", "ans", "ian", "ians", "a", "ia", "e", "i", "ese")
NULL_CODES = frozenset({"---", "+++", "###"})

# "[###]" is a null code, not the start of a "#" comment.
_COMMENT_START = re.compile(r"\[\s*###\s*\]|#|<!\s*--")
_BLOCKS = re.compile(r"(?:\s*\[[^\[\]]*\])+")
_BLOCK = re.compile(r"\[([^\[\]]*)\]")
_CODE_BLOCK = re.compile(
    r"\s*(?P<code>---|\+\+\+|###|[A-Za-z][A-Za-z0-9]*(?:/[A-Za-z0-9]+)*)"
    r"(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+)|\s+\d+)?\s*"
)
_COUNTRY_CODE = re.compile(r"[A-Z]{3}")
_MACRO_DEFINITION = re.compile(r"(?P<name>![A-Za-z0-9_]+!)\s*=\s*(?P<values>.*)")
_MACRO = re.compile(r"![A-Za-z0-9_]+!")
# The closing "}" is tolerated because Phoenix.agents.txt has one "[~ENV}".
_AGENT = re.compile(
    r"(?P<phrase>[^\[\]{}]+?)\s*(?:\{(?P<plurals>[^{}]*)\})?\s*"
    r"\[\s*(?P<code>~?\s*[A-Za-z0-9]+\s*~?)\s*[\]}]\s*"
)


@dataclass(frozen=True, slots=True)
class TabariActors:
    countries: tuple[Country, ...]
    actors: tuple[KnownActor, ...]
    # Name (as matched, lowercase) -> the date-restricted codes of its own entry, in file order:
    # entries sharing a default code ("SAM_GAMGEE [HOB]", "HAMFAST_GAMGEE [HOB]") keep their own.
    periods: Mapping[str, tuple[CodePeriod, ...]]
    # Name (as matched, lowercase) -> the further actors a multi-code entry names ("THE_SHIRE [FRO/BIL/SAM]":
    # BIL and SAM; the name stands for all three, as a compound would).
    joint_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class _Entry:
    phrases: list[str]
    default: str | None = None
    periods: list[CodePeriod] = field(default_factory=list)
    joint: list[str] = field(default_factory=list)  # the default block's further codes ("[FRO/BIL/SAM]": BIL, SAM)

    def code(self) -> str | None:
        """The default code, else the last non-null dated code."""
        if self.default:
            return self.default
        dated = [period.code for period in self.periods if period.code]
        return dated[-1] if dated else None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines of ``path`` with ``#`` and ``<!-- -->`` comments removed."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise KnowledgeError(f"{path}:0: cannot read: {error}") from error
    opened_at = 0  # line of the open "<!--", 0 when outside a comment
    for number, line in enumerate(text.splitlines(), start=1):
        kept, pos = "", 0
        while pos < len(line):
            if opened_at:
                close = line.find("-->", pos)
                if close < 0:
                    break
                opened_at, pos = 0, close + 3
                continue
            found = _COMMENT_START.search(line, pos)
            if found is None:
                kept += line[pos:]
                break
            if found.group().startswith("["):
                kept += line[pos : found.end()]
                pos = found.end()
                continue
            kept += line[pos : found.start()]
            if found.group() == "#":
                break
            opened_at, pos = number, found.end()
        if kept.strip():
            yield number, kept.rstrip()
    if opened_at:
        raise KnowledgeError(f"{path}:{opened_at}: unclosed <!-- comment")


def _date(text: str) -> date | None:
    """A YYMMDD or YYYYMMDD date, None when it is not one."""
    if len(text) not in (6, 8):
        return None
    year = int(text[:-4])
    if len(text) == 6:
        year += 2000 if year < 30 else 1900
    try:
        return date(year, int(text[-4:-2]), int(text[-2:]))
    except ValueError:
        return None


def _joint_codes(block: str) -> list[str]:
    """The codes after the first in a multi-code block ("FRO/BIL/SAM" -> BIL, SAM)."""
    found = _CODE_BLOCK.fullmatch(block)
    codes = found["code"].upper().split("/")[1:] if found else []
    return [code for code in codes if code not in NULL_CODES]


def _code_period(block: str, where: str) -> CodePeriod | None:
    """One ``[...]`` block (an undated code has neither start nor end), None if a date is bad.

    PETRARCH skips blocks with impossible dates, and the Phoenix dictionaries have a
    few ("[ARMUNR 9008223-911221]"), so they are dropped rather than fatal.
    """
    found = _CODE_BLOCK.fullmatch(block)
    if found is None:
        raise KnowledgeError(f"{where}: cannot read code block [{block}]")
    code = found["code"].split("/")[0].upper()
    code = "" if code in NULL_CODES else code
    if found["op"] or found["start"]:
        texts = (found["date"], found["date"]) if found["op"] else (found["start"], found["end"])
        start, end = _date(texts[0]), _date(texts[1])
        if start is None or end is None:
            return None
        if found["op"] == "<":  # strictly before, as PETRARCH reads it
            start, end = None, end - timedelta(days=1)
        elif found["op"] == ">":
            end = None
        return CodePeriod(code, start, end)
    # A lone date ("[USAGOV 19820101]") has no direction; PETRARCH reads it as a default.
    return CodePeriod(code, None, None)


def _code_blocks(text: str, where: str) -> list[tuple[CodePeriod, list[str]]]:
    """Each readable ``[...]`` block's code period and further (multi-code) codes."""
    blocks = _BLOCKS.match(text)
    body = blocks.group() if blocks else ""
    # Like PETRARCH, ignore text after the blocks ("[MNCMED]\tNewspapers/Magazines").
    if "[" in text[len(body) :]:
        raise KnowledgeError(f"{where}: cannot read code blocks in {text.strip()!r}")
    periods = ((_code_period(block, where), _joint_codes(block)) for block in _BLOCK.findall(body))
    return [(period, joint) for period, joint in periods if period is not None]


def _normal(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").lower().split())


def _aliases(phrase: str) -> list[str]:
    """The lowercase forms a phrase matches: a final word without "_" is a stem."""
    whole = phrase.strip().endswith("_")
    base = _normal(phrase)
    if not base:
        return []
    if whole or not base[-1].isalpha():
        return [base]
    return [base] + [base + suffix for suffix in STEM_SUFFIXES]


def _display_name(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").split()).title()


def _read_entries(path: Path) -> list[_Entry]:
    entries: list[_Entry] = []
    for number, line in _lines(path):
        where = f"{path}:{number}"
        if "---STOP---" in line:
            break
        phrase, bracket, codes = line.partition("[")
        codes = bracket + codes
        if line[0] == "+":
            phrase = phrase[1:]
        elif line[0] in " \t[":
            # Indented text before a code block is read as a synonym
            # (Phoenix.International.actors.txt has one, "\tJOHN_MCCLOY_\t[...]").
            phrase = phrase.strip().lstrip("+")
        else:
            entries.append(_Entry(phrases=[]))
        if not entries:
            raise KnowledgeError(f"{where}: synonym or code block before the first entry")
        entry = entries[-1]
        if phrase.strip():
            entry.phrases.append(phrase)
        for period, joint in _code_blocks(codes, where):
            if period.start is None and period.end is None:
                if not entry.default and period.code:
                    entry.default, entry.joint = period.code, joint
            else:
                entry.periods.append(period)
    return entries


def read_tabari_actors(path: str | Path) -> TabariActors:
    """Countries, group actors and date-restricted codes of a TABARI actor dictionary."""
    path = Path(path)
    countries: dict[str, tuple[str, list[str]]] = {}
    actors: dict[str, tuple[str, list[str]]] = {}
    periods: dict[str, tuple[CodePeriod, ...]] = {}
    joint_codes: dict[str, tuple[str, ...]] = {}
    for entry in _read_entries(path):
        code = entry.code()
        if code is None or not entry.phrases:
            continue
        target = countries if _COUNTRY_CODE.fullmatch(code) else actors
        _, aliases = target.setdefault(code, (_display_name(entry.phrases[0]), []))
        names = [alias for phrase in entry.phrases for alias in _aliases(phrase)]
        aliases.extend(names)
        if entry.periods:
            periods.update((name, tuple(dict.fromkeys(entry.periods))) for name in names)
        if entry.joint and entry.default:
            joint_codes.update((name, tuple(dict.fromkeys(entry.joint))) for name in names)
    return TabariActors(
        countries=tuple(
            Country(
                iso3=code,
                name=name,
                aliases=tuple(dict.fromkeys(aliases)),
                demonyms=(),
                capital="",
                capital_aliases=(),
                lat=None,
                lon=None,
                capital_lat=None,
                capital_lon=None,
            )
            for code, (name, aliases) in countries.items()
        ),
        actors=tuple(
            KnownActor(
                actor_id=code,
                name=name,
                type="group",
                country=code[:3] if code[:3] in countries else None,
                role=None,
                aliases=tuple(dict.fromkeys(aliases)),
                short=(),
            )
            for code, (name, aliases) in actors.items()
        ),
        periods=periods,
        joint_codes=joint_codes,
    )


def _plural(phrase: str) -> str:
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "x", "ch", "sh")):
        return phrase + "es"
    return phrase + "s"


def _substitute(phrase: str, macros: Mapping[str, list[str]], where: str) -> list[str]:
    names = _MACRO.findall(phrase)
    for name in names:
        if name not in macros:
            raise KnowledgeError(f"{where}: substitution set {name} is not defined")
    pieces = _MACRO.split(phrase)
    return [
        pieces[0] + "".join(value + piece for value, piece in zip(values, pieces[1:]))
        for values in itertools.product(*(macros[name] for name in names))
    ]


@dataclass(frozen=True, slots=True)
class TabariAgents:
    codes: Mapping[str, str]  # lowercase phrase -> agent code (without "~")
    prefix_codes: frozenset[str]  # the codes written before their owner's ("[NGO~]"), not after ("[~GOV]")


def read_tabari_agents(path: str | Path) -> TabariAgents:
    """The phrases, codes and prefix codes of a PETRARCH agent dictionary.

    As in PETRARCH, a phrase without braces also matches its regular plural, ``{}``
    means no plural and ``{A, B}`` lists the plurals; phrases built from a ``!SET!``
    get no regular plural. Lines without a ``[CODE]`` are skipped.
    """
    path = Path(path)
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    prefix_codes: set[str] = set()
    for number, line in _lines(path):
        where = f"{path}:{number}"
        definition = _MACRO_DEFINITION.fullmatch(line.strip())
        if definition:
            values = definition["values"].split(",")
            macros[definition["name"]] = [value.strip() for value in values if value.strip()]
            continue
        if "[" not in line:
            continue
        entry = _AGENT.fullmatch(line.strip())
        if entry is None:
            raise KnowledgeError(f"{where}: cannot read agent entry {line.strip()!r}")
        code = entry["code"].replace("~", "").strip().upper()
        if entry["code"].strip().endswith("~"):
            prefix_codes.add(code)
        phrases = _substitute(entry["phrase"], macros, where)
        if entry["plurals"] is not None:
            plurals = [p for p in entry["plurals"].split(",") if p.strip()]
            phrases += [form for p in plurals for form in _substitute(p, macros, where)]
        elif not _MACRO.search(entry["phrase"]):
            phrases.append(_plural(_normal(entry["phrase"])))
        for phrase in phrases:
            if _normal(phrase):
                agents[_normal(phrase)] = code
    return TabariAgents(agents, frozenset(prefix_codes))
