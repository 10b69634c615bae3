"""crisislens: news articles in, conflict event data out."""

import os

from crisislens.torch_guard import WITHOUT_TORCH_ENV, keep_torch_out

if os.environ.get(WITHOUT_TORCH_ENV) == "1":  # a worker of the crisislens command: before anything imports spaCy
    keep_torch_out()
