"""Shared fixtures: the loaded knowledge, the spaCy pipeline and paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE_ARTICLES = SHARED / "examples" / "articles"


@pytest.fixture(scope="session")
def knowledge():
    from crisislens.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def nlp():
    from crisislens.nlp.build import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def extractor(knowledge, nlp):
    from crisislens.mentions.extract import MentionExtractor

    return MentionExtractor(knowledge, nlp.vocab)


@pytest.fixture(scope="session")
def pipeline():
    from crisislens.pipeline import Pipeline

    return Pipeline()


@pytest.fixture()
def example_articles() -> Path:
    if not EXAMPLE_ARTICLES.is_dir():
        pytest.skip("../shared/examples/articles not present (a fresh clone without the shared data)")
    return EXAMPLE_ARTICLES
