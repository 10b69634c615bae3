"""Keep thinc from importing torch in crisislens's own processes.

thinc, spaCy's machine-learning library, imports torch when it is itself imported, whenever
torch is installed, only to offer its PyTorch wrappers (``thinc/compat.py``: ``try: import
torch ... except ImportError: has_torch = False``; thinc 8.3 has no setting to skip it). The
spaCy pipelines crisislens runs never use those wrappers, yet with the ``embeddings`` extra
installed the import costs every process some 230 MB and 3 s. Python's import system treats a
``None`` in ``sys.modules`` as a module that cannot be imported (``ModuleNotFoundError``), which
thinc takes for "torch not installed". The embeddings module lifts the block (``allow_torch``)
before it imports torch itself.

The ``crisislens`` command blocks torch in its own process; the worker processes it starts
inherit ``WITHOUT_TORCH_ENV`` and block it on importing the package, before spaCy is imported.
"""

from __future__ import annotations

import sys

WITHOUT_TORCH_ENV = "CRISISLENS_WITHOUT_TORCH"


def keep_torch_out() -> None:
    """Make ``import torch`` fail in this process, unless torch or thinc is imported already."""
    if "torch" not in sys.modules and "thinc" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]


def allow_torch() -> None:
    """Undo ``keep_torch_out``: torch imports normally again (thinc keeps running without it)."""
    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]
