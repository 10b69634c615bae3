"""CASE 2021 task 2: news snippets labelled with ACLED sub-event types, and crisislens's type for each.

The file is a TSV with columns ``id``, ``EventSnippet`` and ``SubType``. Its labels
are the shared task's short names for ACLED's sub-event types plus five types ACLED
does not record (organised crime, disasters, diplomacy, attribution), which are
scored as "none": a snippet that crisislens codes with no ACLED event.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import NO_LABEL, Classification
from crisislens.mentions.acled import lead_sub_event_type
from crisislens.models import EventMention

CASE_LABELS = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
    # Not ACLED events: the "unseen" types of subtasks 2 and 3.
    "ORG_CRIME": NO_LABEL,
    "NATURAL_DISASTER": NO_LABEL,
    "MAN_MADE_DISASTER": NO_LABEL,
    "DIPLO": NO_LABEL,
    "ATTRIB": NO_LABEL,
}
COLUMNS = ("id", "EventSnippet", "SubType")


@dataclass(frozen=True, slots=True)
class Snippet:
    snippet_id: str
    text: str
    label: str  # an ACLED sub-event type or "none"


def load_snippets(path: str | Path) -> list[Snippet]:
    """The labelled snippets of a CASE 2021 task 2 TSV, labels mapped to ACLED's names."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = set(COLUMNS) - set(reader.fieldnames or ())
            if missing:
                raise CrisislensError(f"{path}: not a CASE 2021 task 2 TSV (no column {', '.join(sorted(missing))})")
            snippets = []
            for row in reader:
                label = (row["SubType"] or "").strip()
                if label not in CASE_LABELS:
                    raise CrisislensError(f"{path}:{reader.line_num}: unknown event type {label!r}")
                snippets.append(Snippet(row["id"], " ".join((row["EventSnippet"] or "").split()), CASE_LABELS[label]))
    except OSError as error:
        raise CrisislensError(f"{path}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CrisislensError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    return snippets


def predicted_type(mentions: Sequence[EventMention]) -> str:
    """A snippet's ACLED type: that of the event it leads with (see ``lead_sub_event_type``)."""
    return lead_sub_event_type(mentions) or NO_LABEL


def score_snippets(snippets: Iterable[Snippet], coded: Iterable[Sequence[EventMention]]) -> Classification:
    return Classification.of((snippet.label, predicted_type(mentions)) for snippet, mentions in zip(snippets, coded, strict=True))
