"""TempEval-3 style scores of crisislens's TIMEX3 expressions against TimeML files.

A TimeML file (``.tml``) holds the document creation time (DCT: the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``) and a ``TEXT`` element whose text carries the
gold ``TIMEX3`` tags. The text is read with the tags stripped and each gold timex
becomes a character span in it; crisislens's own finder runs over that text with the
DCT as its anchor.

Scores, as TempEval-3 defines them, over all files (micro-averaged):

* extent, relaxed: a system timex and a gold timex match when their spans overlap
  (one-to-one: largest overlap first); strict: when their spans are equal;
* value: a system timex is correct when it matches a gold timex (relaxed) and its
  value string equals the gold value; precision = correct / system timexes,
  recall = correct / gold timexes;
* type: the same for the type attribute (DATE, TIME, DURATION, SET).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import MatchCounts
from crisislens.mentions.timex import TIMEX_TYPES, Timex, find_timexes

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML file: its text with the tags stripped, the creation time and the gold timexes."""

    doc_id: str
    text: str
    dct: str | None  # the DCT's TIMEX3 value, e.g. "1998-11-20T19:30"
    gold: tuple[Timex, ...]

    @property
    def anchor(self) -> date | None:
        """The DCT's day, the anchor of relative expressions (None when the file has no usable DCT)."""
        return parse_dct(self.dct)


def parse_dct(value: str | None) -> date | None:
    """The day of a DCT value ("1998-11-20", "1998-11-20T19:30", "19981120"), or None."""
    if not value:
        return None
    head = value.split("T")[0]
    for form in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(head, form).date()
        except ValueError:
            continue
    return None


def _timex(element: ET.Element, start: int, end: int, text: str) -> Timex:
    return Timex(text[start:end], start, end, element.get("type", "DATE"), element.get("value", ""), element.get("mod"))


def _strip(element: ET.Element) -> tuple[str, list[Timex]]:
    """``element``'s text with all tags removed, and each TIMEX3 inside it as a span of that text."""
    parts: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3":
            spans.append((node, start, length))

    walk(element)
    text = "".join(parts)
    return text, [_timex(node, start, end, text) for node, start, end in sorted(spans, key=lambda s: s[1])]


def load_timeml(path: str | Path) -> TimeMLDocument:
    """Read one TimeML file; the DCT timex is the anchor and is not among the gold timexes."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise CrisislensError(f"{path}: not well-formed XML ({error})") from error
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    body = root.find("TEXT")
    if body is None:
        raise CrisislensError(f"{path}: not a TimeML document (no TEXT element)")
    text, gold = _strip(body)
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimeMLDocument(doc_id, text, dct, tuple(gold))


def find_timeml_files(directory: str | Path, limit: int | None = None) -> list[Path]:
    """The ``.tml`` files under ``directory`` (recursively, sorted); the first ``limit`` when given."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CrisislensError(f"{directory}: not a directory")
    files = sorted(directory.rglob("*.tml"))
    if not files:
        raise CrisislensError(f"{directory}: no TimeML (.tml) files found")
    return files[:limit] if limit is not None else files


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def match_timexes(system: Sequence[Timex], gold: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one (system, gold) pairs of overlapping spans, the largest overlaps first."""
    pairs = sorted(
        ((_overlap(s, g), i, j) for i, s in enumerate(system) for j, g in enumerate(gold) if _overlap(s, g) > 0),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_s: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            matched.append((system[i], gold[j]))
    return sorted(matched, key=lambda p: p[1].start)


@dataclass(slots=True)
class TypeCounts:
    """Per gold type: gold timexes, found (relaxed), exact extent, right value; system timexes of that type."""

    gold: int = 0
    system: int = 0
    found: int = 0
    strict: int = 0
    value: int = 0

    def as_json(self) -> dict[str, int]:
        return {"gold": self.gold, "system": self.system, "found": self.found, "strict": self.strict, "value": self.value}


@dataclass(slots=True)
class TimexScore:
    """Micro-averaged extent, value and type scores over all documents, with per-type counts."""

    files: int = 0
    relaxed: MatchCounts = field(default_factory=MatchCounts)
    strict: MatchCounts = field(default_factory=MatchCounts)
    value: MatchCounts = field(default_factory=MatchCounts)
    type: MatchCounts = field(default_factory=MatchCounts)
    per_type: dict[str, TypeCounts] = field(default_factory=lambda: {t: TypeCounts() for t in TIMEX_TYPES})
    errors: list[tuple[str, Timex | None, Timex | None]] = field(default_factory=list)  # (doc, system, gold) mistakes

    def value_mistakes(self, top: int = 8) -> list[tuple[tuple[str, str], int]]:
        """The most frequent (gold text: gold value, found value) pairs of matched timexes with a wrong value."""
        pairs = Counter(
            (f"{g.text.lower()}: {g.value}", s.value) for _, s, g in self.errors if s is not None and g is not None
        )
        return pairs.most_common(top)

    def misses(self, top: int = 8) -> list[tuple[str, int]]:
        """The most frequent gold timexes (text) that no found timex overlaps."""
        return Counter(g.text.lower() for _, s, g in self.errors if s is None and g is not None).most_common(top)

    @property
    def n(self) -> int:
        return self.relaxed.gold

    def add(self, doc_id: str, system: Sequence[Timex], gold: Sequence[Timex]) -> None:
        pairs = match_timexes(system, gold)
        right_value = [(s, g) for s, g in pairs if s.value == g.value]
        self.files += 1
        self.relaxed.add(len(system), len(gold), len(pairs))
        self.strict.add(len(system), len(gold), sum((s.start, s.end) == (g.start, g.end) for s, g in pairs))
        self.value.add(len(system), len(gold), len(right_value))
        self.type.add(len(system), len(gold), sum(s.type == g.type for s, g in pairs))
        for g in gold:
            self.per_type.setdefault(g.type, TypeCounts()).gold += 1
        for s in system:
            self.per_type.setdefault(s.type, TypeCounts()).system += 1
        for s, g in pairs:
            counts = self.per_type[g.type]
            counts.found += 1
            counts.strict += (s.start, s.end) == (g.start, g.end)
            counts.value += s.value == g.value
        paired_s = {id(s) for s, _ in pairs}
        paired_g = {id(g) for _, g in pairs}
        self.errors.extend((doc_id, s, g) for s, g in pairs if s.value != g.value)
        self.errors.extend((doc_id, None, g) for g in gold if id(g) not in paired_g)
        self.errors.extend((doc_id, s, None) for s in system if id(s) not in paired_s)

    def as_json(self) -> dict[str, Any]:
        def r(x: float) -> float:
            return round(x, 4)

        return {
            "n": self.n,
            "files": self.files,
            "system": self.relaxed.predicted,
            "extent_f1": r(self.relaxed.f1),
            "extent_precision": r(self.relaxed.precision),
            "extent_recall": r(self.relaxed.recall),
            "strict_extent_f1": r(self.strict.f1),
            "value_f1": r(self.value.f1),
            "value_precision": r(self.value.precision),
            "value_recall": r(self.value.recall),
            "type_f1": r(self.type.f1),
            "per_type": {name: counts.as_json() for name, counts in self.per_type.items()},
        }


def evaluate(paths: Sequence[Path], advance: Callable[[], None] | None = None) -> TimexScore:
    """Read each TimeML file, find its timexes with the DCT as anchor, and score them; ``advance`` after each file."""
    score = TimexScore()
    for path in paths:
        document = load_timeml(path)
        score.add(document.doc_id, find_timexes(document.text, document.anchor), document.gold)
        if advance is not None:
            advance()
    logger.info("scored %d TimeML files: %d gold, %d system timexes", score.files, score.n, score.relaxed.predicted)
    return score


def score_documents(documents: Iterable[TimeMLDocument], predictions: Iterable[Sequence[Timex]]) -> TimexScore:
    """Score each document's system timexes against its gold timexes."""
    score = TimexScore()
    for document, system in zip(documents, predictions, strict=True):
        score.add(document.doc_id, system, document.gold)
    logger.info("scored %d TimeML files: %d gold, %d system timexes", score.files, score.n, score.relaxed.predicted)
    return score
