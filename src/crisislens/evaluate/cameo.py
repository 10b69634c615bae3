"""The CAMEO codebook's own example sentences, coded and compared with the code they illustrate.

The codebook CSV (columns code, name, example, …) was saved through a chain of
wrong encodings: UTF-8 bytes read as Mac Roman and written as Windows-1252, so a
curly apostrophe arrives as "‚Äô". ``load_codebook`` undoes that chain.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import share
from crisislens.models import EventMention

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
MISSING = {"", "NA"}
# "X said …" with no act in it; other 01 codes are acts (declining to comment, claiming responsibility).
PLAIN_STATEMENT = "010"


@dataclass(frozen=True, slots=True)
class CodebookExample:
    code: str
    name: str
    sentence: str


@dataclass(slots=True)
class CameoScore:
    """Root and full-code accuracy, overall and per gold root."""

    n: int = 0
    root_hits: int = 0
    code_hits: int = 0
    uncoded: int = 0
    per_root: dict[str, list[int]] = field(default_factory=dict)  # root -> [n, root hits, code hits]

    @property
    def root_acc(self) -> float:
        return share(self.root_hits, self.n)

    @property
    def code_acc(self) -> float:
        return share(self.code_hits, self.n)

    def add(self, gold: str, predicted: str | None) -> None:
        row = self.per_root.setdefault(gold[:2], [0, 0, 0])
        root_hit = predicted is not None and predicted[:2] == gold[:2]
        code_hit = predicted == gold
        self.n += 1
        self.root_hits += root_hit
        self.code_hits += code_hit
        self.uncoded += predicted is None
        row[0] += 1
        row[1] += root_hit
        row[2] += code_hit

    def as_json(self) -> dict[str, object]:
        return {"n": self.n, "root_acc": round(self.root_acc, 4), "code_acc": round(self.code_acc, 4), "uncoded": self.uncoded}


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Mac Roman and written as Windows-1252 ("‚Äô" -> "’")."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group().encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()

    return _NON_ASCII_RUN.sub(fix, text)


def load_codebook(path: str | Path) -> list[CodebookExample]:
    """The rows of a CAMEO codebook CSV that carry an example sentence."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = repair_mojibake(raw.decode("cp1252", errors="replace"))
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "example"} - set(reader.fieldnames or ())
    if missing:
        raise CrisislensError(f"{path}: not a CAMEO codebook CSV (no column {', '.join(sorted(missing))})")
    examples = []
    for row in reader:
        sentence = " ".join((row.get("example") or "").split())
        code = (row.get("code") or "").strip()
        if sentence not in MISSING and code not in MISSING:
            examples.append(CodebookExample(code, (row.get("name") or "").strip(), sentence))
    return examples


def predicted_code(mentions: Sequence[EventMention]) -> str | None:
    """The code crisislens gives a one-sentence example: its most specific non-statement event.

    Codebook examples often wrap the event in a report ("X said Y would attack"),
    so a plain statement (010) counts only when nothing else was coded.
    """
    if not mentions:
        return None
    events = [m for m in mentions if m.cameo != PLAIN_STATEMENT] or list(mentions)
    return events[0].cameo


def score_codebook(examples: Iterable[CodebookExample], coded: Iterable[Sequence[EventMention]]) -> CameoScore:
    """Compare each example's gold code with the code of its coded sentence (same order)."""
    score = CameoScore()
    for example, mentions in zip(examples, coded, strict=True):
        score.add(example.code, predicted_code(mentions))
    return score
