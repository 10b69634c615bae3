"""Event location (Halterman, "Geolocating Political Events in Text"): which toponym is the place of a verb's event.

The data is one JSON array (``labeled_text.jsonl``, also read inside ``labeled_text.jsonl.zip``) of
records with ``text`` and ``spans``: one ``VERB`` span and the ``LOCATION`` spans of that verb's event;
a zero-width ``LOCATION`` without text (or none at all) means the event has no location in the
sentence. Records with ``source: "RELABEL"`` are the gold re-annotation and are the ones scored by
default; the rest are the original research assistants' labels.

crisislens parses the sentence, finds and resolves its toponyms, and picks the event's place for the
gold verb exactly as it does for its own triggers (``mentions.place.event_place``). A predicted place
is right when its span's text is one of the gold locations' (case, accents and a leading "the"
ignored; one containing the other counts, as "Aziziyah" in "Aziziyah district").

Scores: ``accuracy`` over all records (no place where gold has none counts as right), and
precision / recall / F1 of the located records.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import MatchCounts, share
from crisislens.mentions.place import PlaceFinder, event_place, sentence_places
from crisislens.nlp.phrases import normalize

GOLD_SOURCE = "RELABEL"


@dataclass(frozen=True, slots=True)
class LocationRecord:
    record_id: str
    text: str
    verb_start: int
    verb_end: int
    locations: tuple[str, ...]  # gold location surfaces; empty: the event has no place here


@dataclass(slots=True)
class LocationScore(MatchCounts):
    """Precision/recall over located records (predicted: crisislens gave a place; gold: the event has one)."""

    n: int = 0
    correct: int = 0
    no_verb: int = 0  # records whose verb could not be found in the parse

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.n)

    def as_json(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n": self.n,
            "n_located": self.gold,
            "predicted": self.predicted,
            "no_verb": self.no_verb,
        }


def _read_array(path: Path) -> list[dict[str, Any]]:
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.endswith((".jsonl", ".json")) and not n.startswith("__MACOSX")]
                if not names:
                    raise CrisislensError(f"{path}: no .jsonl or .json file inside")
                data = json.loads(archive.read(names[0]).decode("utf-8"))
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, zipfile.BadZipFile, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CrisislensError(f"{path}: cannot read the event-location records: {error}") from error
    if not isinstance(data, list):
        raise CrisislensError(f"{path}: expected one JSON array of records")
    return data


def load_records(path: Path, *, all_sources: bool = False) -> list[LocationRecord]:
    """The event-location records of ``path`` (a folder holding ``labeled_text.jsonl[.zip]``, or that file)."""
    if path.is_dir():
        found = [p for name in ("labeled_text.jsonl", "labeled_text.jsonl.zip") if (p := path / name).is_file()]
        if not found:
            raise CrisislensError(f"{path}: no labeled_text.jsonl or labeled_text.jsonl.zip here")
        path = found[0]
    elif not path.is_file():
        raise CrisislensError(f"{path}: no such file or folder")
    records: list[LocationRecord] = []
    for index, raw in enumerate(_read_array(path)):
        if not isinstance(raw, dict) or "text" not in raw or not raw.get("spans"):
            continue
        if not all_sources and raw.get("source") != GOLD_SOURCE:
            continue
        text = str(raw["text"])
        verbs = [s for s in raw["spans"] if s.get("label") == "VERB"]
        if len(verbs) != 1:
            continue
        locations = []
        for span in raw["spans"]:
            if span.get("label") != "LOCATION":
                continue
            surface = span.get("text") or text[span.get("start", 0) : span.get("end", 0)]
            if surface.strip():
                locations.append(surface.strip())
        verb = verbs[0]
        records.append(LocationRecord(str(raw.get("_id", index)).strip(), text, int(verb["start"]), int(verb["end"]), tuple(locations)))
    if not records:
        raise CrisislensError(f"{path}: no records to score{'' if all_sources else ' (none with source RELABEL; try --all)'}")
    return records


def _same_place(predicted: str, gold: str) -> bool:
    a, b = normalize(predicted).removeprefix("the "), normalize(gold).removeprefix("the ")
    return bool(a and b) and (a == b or a in b or b in a)


def _verb_token(doc: Doc, record: LocationRecord) -> Token | None:
    for token in doc:
        if token.idx <= record.verb_start < token.idx + len(token.text) + 1 and not token.is_space:
            return token
    return None


def predict(doc: Doc, record: LocationRecord, finder: PlaceFinder) -> str | None | bool:
    """The text of the toponym crisislens picks as the verb's place; None: no place; False: verb not found."""
    verb = _verb_token(doc, record)
    if verb is None:
        return False
    places = sentence_places(finder.find(doc), verb.sent)
    chosen = event_place(places, verb)
    if chosen is None:
        return None
    return next((span.text for span, place in places if place is chosen), chosen.name)


def evaluate(records: Sequence[LocationRecord], nlp: Language, finder: PlaceFinder, advance: Callable[[], None] | None = None) -> LocationScore:
    score = LocationScore()
    for doc, record in nlp.pipe(((r.text, r) for r in records), as_tuples=True, batch_size=64):
        predicted = predict(doc, record, finder)
        if advance is not None:
            advance()
        if predicted is False:
            score.no_verb += 1
            predicted = None
        score.n += 1
        score.gold += bool(record.locations)
        score.predicted += predicted is not None
        hit = predicted is not None and any(_same_place(str(predicted), gold) for gold in record.locations)
        score.matched += hit
        score.correct += hit or (predicted is None and not record.locations)
    return score
