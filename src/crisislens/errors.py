"""Errors raised by crisislens.

CrisislensError
 ├── InputError       an article or input file cannot be read
 ├── KnowledgeError   a knowledge file is malformed (message names file:line)
 └── StoreError       the database cannot be opened or written
"""


class CrisislensError(Exception):
    """Base class of every error crisislens raises on purpose."""


class InputError(CrisislensError):
    """An input file or record cannot be read as an article."""


class KnowledgeError(CrisislensError):
    """A knowledge file is malformed."""


class StoreError(CrisislensError):
    """The database cannot be opened, read or written."""
