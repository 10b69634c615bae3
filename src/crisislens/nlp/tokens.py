"""The per-token values of a parsed document, read once: the rules' tree walks index these plain lists.

spaCy makes a new ``Token`` on every ``doc[i]``, ``token.head``, ``token.children`` and span iteration, and looks each
``lower_``, ``lemma_``, ``dep_`` … up in its string store on every read; rules that walk the tree word by word do that
millions of times per corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import finalize

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class TokenTable:
    """One parsed document's tokens by index: ``table.dep[i]`` is ``doc[i].dep_``, and so on."""

    text: list[str]
    text_with_ws: list[str]
    doc_text: str  # ``doc.text``: the texts with their whitespace, joined
    idx: list[int]  # the offset of each token's first character in the document's text
    lower: list[str]
    lemma: list[str]  # lower-cased: the rules compare lemmas whatever the case ("Follow" as "follow")
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]  # a root is its own head
    children: list[tuple[int, ...]]  # in text order, as ``Token.children``
    sent_start: list[int]  # the first token of each token's sentence, as ``Token.sent.start``
    sent_end: list[int]  # the end of each token's sentence, as ``Token.sent.end``
    punct_or_space: list[bool]  # ``is_punct or is_space``: such a leaf is no span's root if another word can be

    def ancestors(self, i: int) -> list[int]:
        """The heads above token ``i``, nearest first, as ``Token.ancestors``."""
        found: list[int] = []
        while self.head[i] != i:
            i = self.head[i]
            found.append(i)
        return found

    def conjuncts(self, i: int) -> list[int]:
        """The tokens coordinated with token ``i``, in ``Token.conjuncts``'s order, ``i`` left out."""
        start = i
        while self.head[start] != start and self.dep[start] == "conj":
            start = self.head[start]
        found = [start]
        for word in found:  # grows as it is read: each conjunct's own right-hand conjuncts follow
            found += [child for child in self.children[word] if child > word and self.dep[child] == "conj"]
        return [word for word in found if word != i]

    def span_root(self, start: int, end: int) -> int:
        """The root of the tokens ``start`` to ``end``, as ``Span.root``: a sentence root among them, else the one fewest
        heads below the sentence root whose head is outside (a punctuation or space leaf last), the first on a tie."""
        for i in range(start, end):
            if self.head[i] == i:
                return i
        best, root = len(self.head), start
        for i in range(start, end):
            if start <= self.head[i] < end:
                continue
            steps = len(self.head) - 1 if self.punct_or_space[i] and not self.children[i] else len(self.ancestors(i))
            if steps < best:
                best, root = steps, i
        return root

    def subtree(self, i: int) -> list[int]:
        """Token ``i`` and every token below it, in ``Token.subtree``'s order: the left children's, ``i``, the right ones'."""
        found: list[int] = []
        stack = [i]  # a token to expand, or ~token to take: a parse may cross branches, so text order is not the walk's
        while stack:
            node = stack.pop()
            if node < 0:
                found.append(~node)
                continue
            children = self.children[node]
            if not children:
                found.append(node)
                continue
            stack += [child for child in reversed(children) if child > node]
            stack.append(~node)
            stack += [child for child in reversed(children) if child < node]
        return found


# The attributes read as strings, in the order ``_build`` unpacks them.
_NAMED = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
# Each living document's table by the document's id, dropped with it (``weakref.finalize``): read by id, as a
# WeakKeyDictionary would make a weak reference on each of the ~1,000 reads per article. Plain strings and numbers
# only: a Token would keep its document alive and the entry with it.
_TABLES: dict[int, TokenTable] = {}


def token_table(doc: Doc) -> TokenTable:
    """``doc``'s table, built on the first call. Assumes the document's tokens are no longer changed once asked for."""
    table = _TABLES.get(id(doc))
    if table is None:
        table = _TABLES[id(doc)] = _build(doc)
        finalize(doc, _TABLES.pop, id(doc))
    return table


def _build(doc: Doc) -> TokenTable:
    text, lower, lemma, pos, tag, dep, ent_type = _names(doc)
    spaces, idx, punct, space = doc.to_array(["SPACY", "IDX", "IS_PUNCT", "IS_SPACE"]).T.tolist()
    text_with_ws = [word + " " if space else word for word, space in zip(text, spaces, strict=True)]
    offsets, starts = doc.to_array(["HEAD", "SENT_START"]).astype("int64").T.tolist()  # signed: heads before, "not a start" -1
    heads = [i + offset for i, offset in enumerate(offsets)]
    children: dict[int, list[int]] = {}  # most words have none: no list is made for them
    for i, head in enumerate(heads):
        if head != i:
            children.setdefault(head, []).append(i)
    sent_start: list[int] = []
    for i, start in enumerate(starts):
        sent_start.append(i if i == 0 or start == 1 else sent_start[-1])
    sent_end = [len(heads)] * len(heads)
    for i in range(len(heads) - 2, -1, -1):
        sent_end[i] = i + 1 if sent_start[i + 1] == i + 1 else sent_end[i + 1]
    return TokenTable(
        text=text,
        text_with_ws=text_with_ws,
        doc_text="".join(text_with_ws),
        idx=idx,
        lower=lower,
        lemma=lemma,
        pos=pos,
        tag=tag,
        dep=dep,
        ent_type=ent_type,
        head=heads,
        children=[tuple(children[i]) if i in children else () for i in range(len(heads))],
        sent_start=sent_start,
        sent_end=sent_end,
        punct_or_space=[bool(p or w) for p, w in zip(punct, space, strict=True)],
    )


def _names(doc: Doc) -> list[list[str]]:
    """The strings of ``doc``'s ``_NAMED`` attributes in that order, lemmas lower-cased (``doc.to_array`` gives their
    ids). Each id is looked up once, whichever attributes share it: a lower-case word is its own ``LOWER`` and often its
    ``LEMMA``."""
    columns = doc.to_array(list(_NAMED)).T.tolist()
    strings = doc.vocab.strings
    found = {name_id: strings[name_id] for name_id in set().union(*columns)}
    lemmas = {name_id: found[name_id].lower() for name_id in set(columns[_NAMED.index("LEMMA")])}
    return [list(map((lemmas if column == "LEMMA" else found).__getitem__, ids)) for column, ids in zip(_NAMED, columns, strict=True)]
