"""thinc never imports torch in crisislens's processes, and the embeddings can still import it."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from crisislens.torch_guard import WITHOUT_TORCH_ENV

pytestmark = pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed: thinc could not import it anyway")

PROBE = """
import json, sys
import spacy, thinc.compat
imported = "torch" in sys.modules and sys.modules["torch"] is not None
from crisislens.torch_guard import allow_torch
allow_torch()
import torch
print(json.dumps({"thinc_has_torch": thinc.compat.has_torch, "imported_with_spacy": imported, "torch_later": torch.__name__}))
"""


def test_a_crisislens_worker_loads_spacy_without_torch_and_can_still_import_it() -> None:
    env = {**os.environ, WITHOUT_TORCH_ENV: "1"}
    done = subprocess.run([sys.executable, "-c", "import crisislens\n" + PROBE], env=env, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == {"thinc_has_torch": False, "imported_with_spacy": False, "torch_later": "torch"}
