"""Frames: words that code the act they govern, and the CAMEO sub-code composed from both.

CAMEO gives appeals (02), intentions (03), demands (10) and rejections (12) one shared set of
sub-categories — what is asked for, promised, demanded or refused: material cooperation, diplomatic
support, aid, political reform, yielding, a meeting, a settlement, mediation. Threats (13) are
sub-coded by the act threatened, protests (14) by what the protesters want, accusations (112) by
the wrong alleged. So "urged Iraq to release the sailors" is 0253 (appeal for a release), "vowed to
send food" is 0333, "threatened to impose sanctions" is 1312.

The governed act is read from the parse (to-infinitive, that-clause, the object asked for, "for" and
"on" phrases) and classified by its own trigger code when it has one, else by its words. The act
itself is then not an event of its own: nobody released anyone. The same holds for modality: an act
announced with "will", "is ready to" or "said … would" is an intention (03) when it cooperates and a
threat (13) when it coerces or attacks; "X said Y must …" is a demand by X (10).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from crisislens.mentions.action import REPORTING_LEMMAS, Trigger, object_heads
from crisislens.models import VIOLENT_ROOTS
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import SUBJECT_DEPS

APPEAL, INTENT, DEMAND, REJECT = range(4)
FRAME_ROOTS: Mapping[str, int] = {"02": APPEAL, "03": INTENT, "10": DEMAND, "12": REJECT}
# Codes whose target is whoever is asked to act; speech acts that happen even when their content is future.
APPEAL_OR_DEMAND_ROOTS = frozenset({"02", "10"})
SPEECH_ACT_ROOTS = frozenset({"01", "02", "03", "10", "12", "13"})

# What is asked for, promised, demanded or refused -> (appeal, intent, demand, reject) code.
TOPIC_CODES: Mapping[str, tuple[str, str, str, str]] = {
    "coop": ("021", "031", "101", "121"),
    "coop.econ": ("0211", "0311", "1011", "1211"),
    "coop.mil": ("0212", "0312", "1012", "1212"),
    "coop.judicial": ("0213", "0313", "1013", "1213"),
    "coop.intel": ("0214", "0314", "1014", "1214"),
    "diplomatic": ("022", "032", "102", "120"),
    "aid": ("023", "033", "103", "122"),
    "aid.econ": ("0231", "0331", "1031", "1221"),
    "aid.mil": ("0232", "0332", "1032", "1222"),
    "aid.hum": ("0233", "0333", "1033", "1223"),
    "aid.peace": ("0234", "0334", "1034", "1224"),
    "reform": ("024", "034", "104", "123"),
    "reform.leader": ("0241", "0341", "1041", "1231"),
    "reform.policy": ("0242", "0342", "1042", "1232"),
    "reform.rights": ("0243", "0343", "1043", "1233"),
    "reform.regime": ("0244", "0344", "1044", "1234"),
    "yield": ("025", "035", "105", "124"),
    "yield.admin": ("0251", "0351", "1051", "1241"),
    "yield.dissent": ("0252", "0352", "1052", "1242"),
    "yield.release": ("0253", "0353", "1053", "1243"),
    "yield.econ": ("0254", "0354", "1054", "1244"),
    "yield.access": ("0255", "0355", "1055", "1245"),
    "yield.deescalate": ("0256", "0356", "1056", "1246"),
    "meet": ("026", "036", "106", "125"),
    "settle": ("027", "037", "107", "127"),
    "mediation": ("028", "038", "108", "126"),
}

# The topic an act's own CAMEO code gives, longest prefix first.
CODE_TOPICS: Mapping[str, str] = {
    "045": "mediation", "04": "meet",
    "057": "settle", "05": "diplomatic",
    "061": "coop.econ", "062": "coop.mil", "063": "coop.judicial", "064": "coop.intel", "06": "coop",
    "071": "aid.econ", "072": "aid.mil", "073": "aid.hum", "074": "aid.peace", "075": "aid.hum", "07": "aid",
    "0831": "reform.leader", "0832": "reform.policy", "0833": "reform.rights", "0834": "reform.regime", "083": "reform",
    "081": "yield.admin", "082": "yield.dissent", "084": "yield.release", "085": "yield.econ", "086": "yield.access",
    "087": "yield.deescalate", "08": "yield",
}  # fmt: skip

# Words that name the topic when the governed act has no trigger of its own (lemmas, lowercase).
# A family word names the topic; a detail word refines a family ("military aid", "trade cooperation").
TOPIC_WORDS: Mapping[str, frozenset[str]] = {
    "mediation": frozenset({"mediate", "mediation", "mediator", "broker", "arbitration", "arbitrate", "good offices"}),
    "meet": frozenset({"meet", "meeting", "talk", "negotiate", "negotiation", "summit", "dialogue", "consultation", "conference", "visit"}),
    "settle": frozenset({"settle", "settlement", "agreement", "accord", "resolve", "resolution", "formula", "solution", "peace deal"}),
    "aid": frozenset({"aid", "assistance", "help", "relief", "donation", "instructor", "supply", "funding", "finance", "loan", "grant", "resource", "peacekeeping", "peacekeeper", "protection"}),
    "coop": frozenset({"cooperate", "cooperation", "trade", "investment", "partnership", "alliance", "exercise", "lease", "extradite", "extradition", "interrogate", "information", "intelligence", "expertise", "hand"}),
    "reform": frozenset({"reform", "resign", "resignation", "democratize", "democratise", "democracy", "right", "constitution", "constitutional", "election", "policy", "abandon", "reinstate", "independence", "autonomy"}),
    "yield": frozenset({"release", "free", "lift", "ease", "withdraw", "withdrawal", "ceasefire", "truce", "disengagement", "disarm", "end", "halt", "stop", "cease", "compensation", "allow", "let", "access", "return", "pullback", "renounce", "postpone", "cancel", "suspend", "delay", "call off"}),
    "diplomatic": frozenset({"support", "recognize", "recognise", "recognition", "tie", "relation", "backing", "endorse"}),
}  # fmt: skip
DETAIL_WORDS: Mapping[str, frozenset[str]] = {
    "econ": frozenset({"economic", "economy", "trade", "financial", "finance", "investment", "debt", "loan", "money", "dollar", "budget", "fund", "funding", "export", "import", "tariff", "market", "business", "credit", "grant", "bank", "gas", "oil", "energy"}),
    "mil": frozenset({"military", "arm", "weapon", "troop", "army", "defense", "defence", "war", "soldier", "instructor", "ammunition", "missile", "alliance", "exercise"}),
    "hum": frozenset({"humanitarian", "food", "medicine", "medical", "refugee", "relief", "starvation", "famine", "shelter", "water", "save", "civilian"}),
    "peace": frozenset({"peacekeeping", "peacekeeper", "protect", "protection", "presence"}),
    "judicial": frozenset({"extradite", "extradition", "trial", "court", "judicial", "justice", "suspect", "fugitive", "criminal", "bomber", "hand"}),
    "intel": frozenset({"intelligence", "information", "data", "evidence"}),
    "leader": frozenset({"resign", "resignation", "removal", "remove", "ouster", "oust", "reinstate", "impeach", "impeachment", "dismissal", "dismiss", "step", "abdicate", "leadership"}),
    "regime": frozenset({"independence", "autonomy", "referendum", "constitution", "constitutional", "democracy", "democratic", "democratize", "democratise", "regime", "secession", "sovereignty", "federalism", "institution", "election", "electoral"}),
    "rights": frozenset({"right", "freedom", "liberty", "equality", "discrimination", "persecution"}),
    "policy": frozenset({"policy", "reform", "law", "bill", "decision", "price", "wage", "pay", "tax", "subsidy", "plan", "measure", "program", "programme", "confiscation"}),
    "release": frozenset({"release", "free", "prisoner", "hostage", "detainee", "captive", "return", "repatriate"}),
    "admin": frozenset({"ban", "restriction", "curfew", "emergency", "censorship", "publish", "publishing", "curb"}),
    "dissent": frozenset({"protest", "strike", "agitation", "demonstration", "boycott", "uprising", "unrest", "rally"}),
    "econ_sanction": frozenset({"sanction", "embargo", "blockade"}),
    "access": frozenset({"inspector", "observer", "monitor", "access", "worker", "peacekeeper", "mission", "movement"}),
    "deescalate": frozenset({"ceasefire", "truce", "withdraw", "withdrawal", "troop", "force", "hostility", "fighting", "disengagement", "disarm", "arm", "struggle", "violence", "pullback"}),
}  # fmt: skip
# The order details are tried in, per family; the first detail with a word in the act decides.
FAMILY_DETAILS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "coop": (("judicial", "coop.judicial"), ("intel", "coop.intel"), ("mil", "coop.mil"), ("econ", "coop.econ")),
    "aid": (("peace", "aid.peace"), ("mil", "aid.mil"), ("hum", "aid.hum"), ("econ", "aid.econ")),
    "reform": (("leader", "reform.leader"), ("regime", "reform.regime"), ("rights", "reform.rights"), ("policy", "reform.policy")),
    "yield": (
        ("release", "yield.release"), ("econ_sanction", "yield.econ"), ("admin", "yield.admin"), ("dissent", "yield.dissent"),
        ("access", "yield.access"), ("deescalate", "yield.deescalate"),
    ),
}  # fmt: skip
# Families tried by their words, most telling first.
FAMILY_ORDER = ("mediation", "meet", "aid", "coop", "reform", "yield", "settle", "diplomatic")

# The threatened act -> threat code, longest prefix first.
THREAT_CODES: Mapping[str, str] = {
    "162": "1311", "163": "1312", "160": "1313", "161": "1313", "164": "134", "165": "135", "166": "136", "16": "131",
    "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "172": "132", "175": "137", "17": "130",
    "14": "133", "191": "1381", "192": "1382", "18": "1383", "204": "1385", "20": "1383", "19": "1384",
    "0874": "1311", "12": "130",
}  # fmt: skip
# Acts whose kind the object tells: aid cut or given, by what the aid is.
OBJECT_DETAILS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "162": (("mil", "1622"), ("hum", "1623"), ("econ", "1621")),
    "070": (("peace", "074"), ("mil", "072"), ("hum", "073"), ("econ", "071")),
}
# "an attempt to assassinate": the attempt has its own code.
ATTEMPTED: Mapping[str, str] = {"186": "185"}
ATTEMPT_LEMMAS = frozenset({"attempt", "try", "plot", "bid", "plan"})
# Cooperation, aid and yielding that an actor will not do is a rejection (12x), coded by what is refused.
REFUSABLE_ROOTS = frozenset({"06", "07", "08"})
# What protesters want -> the fourth digit of 141-145.
PROTEST_PURPOSES: tuple[tuple[str, str], ...] = (("leader", "1"), ("regime", "4"), ("rights", "3"), ("policy", "2"))
# The wrong alleged -> accusation sub-code.
ACCUSATION_CODES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"spy", "spying", "espionage", "treason", "collaborate", "collaboration", "traitor"}), "1125"),
    (frozenset({"war crime", "genocide", "atrocity", "massacre", "crime against humanity", "ethnic cleansing"}), "1124"),
    (frozenset({"corruption", "fraud", "embezzle", "embezzlement", "misuse", "bribery", "bribe", "theft", "steal", "smuggling", "launder", "kickback", "graft", "crime"}), "1121"),
    (frozenset({"human right", "right", "abuse", "torture", "repression", "discrimination"}), "1122"),
    (frozenset({"aggression", "attack", "ceasefire", "invade", "invasion", "shell", "bomb", "incursion", "violate", "violation", "provocation"}), "1123"),
)  # fmt: skip

# Markers of an announced, willed act; could/may/might stay mere possibility.
FUTURE_AUXILIARIES = frozenset({"will", "would", "shall", "'ll", "wo"})
READY_ADJECTIVES = frozenset({"ready", "willing", "prepared", "set", "poised", "determined", "eager", "keen"})
VOLITION_LEMMAS = frozenset({"plan", "intend", "decide", "want", "aim", "prepare", "wish", "resolve"})
OBLIGATION_AUXILIARIES = {"must": DEMAND, "should": APPEAL}
POSSIBILITY_AUXILIARIES = frozenset({"can", "could", "may", "might"})
MODAL_AUXILIARIES = FUTURE_AUXILIARIES | frozenset(OBLIGATION_AUXILIARIES) | POSSIBILITY_AUXILIARIES
OBLIGATION_VERBS = {"have": DEMAND, "need": APPEAL}
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# Roots of acts that, announced, are intentions to cooperate (03) and threats (13).
COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
COERCIVE_ROOTS = frozenset({"14", "16", "17", "18", "19", "20"})
# Reporting verbs that carry a demand or an appeal in their clause ("said Libya must hand over …").
DECLARING_LEMMAS = REPORTING_LEMMAS | {"declare", "reiterate", "stress", "insist", "emphasize", "emphasise", "conclude", "warn"}
AGREEING_LEMMAS = frozenset({"agree", "concur"})
ATTRIBUTING_LEMMAS = frozenset({"charge"})
COMMANDING_LEMMAS = frozenset({"order", "force", "compel", "instruct", "direct"})
NAMING_LEMMAS = frozenset({"call", "name", "describe", "label", "brand", "term", "dub"})
PESSIMISTIC_WORDS = frozenset({"skeptical", "sceptical", "pessimistic", "doubtful", "worried", "concerned", "gloomy", "uncertain"})
OPTIMISTIC_WORDS = frozenset({"confident", "optimistic", "hopeful", "upbeat", "sure", "certain"})
PREPOSITIONS_OF_WANT = frozenset({"for", "on", "of", "to", "upon"})
# Clauses inside the governed act that describe, not ask: "the PLO, which he said would …".
DESCRIBING_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})


def compose(triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """The sentence's triggers with frames composed, governed acts folded in and reported statements added."""
    doc = sentence.doc
    table = token_table(doc)
    triggers = [t for t in triggers if not _is_attribution(table, t.token.i) and not _is_naming(table, t.token.i)]
    by_index = {t.token.i: t for t in triggers}
    absorbed: set[int] = set()
    result: dict[int, Trigger] = {}
    for trigger in triggers:
        if trigger.token.i in absorbed:
            continue
        composed, inner = _compose_one(doc, table, trigger, by_index)
        absorbed.update(inner)
        result[trigger.token.i] = composed
    for i in range(sentence.start, sentence.end):
        if table.lemma[i] in DECLARING_LEMMAS and table.pos[i] == "VERB" and i not in result:
            reported = _reported_frame(doc, table, i, by_index)
            if reported is not None:
                trigger, inner = reported
                absorbed.update(inner)
                result[i] = trigger
    return [t for i, t in sorted(result.items()) if i not in absorbed]


def _compose_one(doc: Doc, table: TokenTable, trigger: Trigger, by_index: Mapping[int, Trigger]) -> tuple[Trigger, set[int]]:
    root = trigger.code[:2]
    token = trigger.token.i
    if root in FRAME_ROOTS or root == "13" or trigger.code.startswith("112") or trigger.code == "016":
        heads = _complement_heads(table, token)
        inner = _governed_triggers(table, heads, by_index)
        code = _frame_code(table, trigger, heads, inner)
        if code is not None:
            complement = inner[0].token if inner else (doc[heads[0]] if heads else None)
            return replace(trigger, code=code, complement=complement), {t.token.i for t in inner}
        return trigger, set()
    if trigger.code in ATTEMPTED and table.lemma[table.head[token]] in ATTEMPT_LEMMAS:
        return replace(trigger, code=ATTEMPTED[trigger.code]), set()
    if not trigger.is_noun and root in REFUSABLE_ROOTS and _is_refused(table, token):
        topic = _topic(trigger.code, _content_words(table, object_heads(table, token)))
        return replace(trigger, code=TOPIC_CODES[topic][REJECT] if topic else "120", refusal=True), set()
    if not trigger.is_noun and _is_announced(table, token):
        code = _announced_code(table, trigger.code, token)
        if code is not None:
            return replace(trigger, code=code), set()
    if trigger.code in OBJECT_DETAILS:
        detail = _detail(_content_words(table, object_heads(table, token)), OBJECT_DETAILS[trigger.code])
        return (replace(trigger, code=detail) if detail else trigger), set()
    if root == "14" and len(trigger.code) == 3:
        purpose = _detail(_words(table, _clause_tokens(table, token)), PROTEST_PURPOSES)
        return (replace(trigger, code=trigger.code + purpose) if purpose else trigger), set()
    return trigger, set()


def _frame_code(table: TokenTable, trigger: Trigger, heads: Sequence[int], inner: Sequence[Trigger]) -> str | None:
    """The code of a frame trigger given what it governs, or None to keep the lexicon's code."""
    code = trigger.code
    if not heads:
        return None
    root = code[:2]
    acted = inner[0].code if inner else None
    lemma = table.lemma[trigger.token.i]
    if root == "13" or (root == "03" and acted and acted[:2] in COERCIVE_ROOTS):
        # "threatened to impose sanctions"; "vowed to fight on" is a threat too
        return threat_code(acted) if acted and code in ("130", "030") else (code if inner else None)
    if acted and acted[:2] in COERCIVE_ROOTS and lemma in COMMANDING_LEMMAS:
        return acted  # an authority ordering a closure or an arrest does it
    if code.startswith("112"):
        return _accusation_code(table, code, heads)
    if code == "016":
        return code if inner else None
    if code == "030" and lemma in AGREEING_LEMMAS and any(_is_accord(table, h) for h in heads):
        return "019"  # agreeing that something is so is accord; agreeing to do it is intent
    topic = _topic(acted, _content_words(table, heads))
    composed = TOPIC_CODES[topic][FRAME_ROOTS[root]] if topic else code
    if len(composed) > len(code) and (code == root + "0" or composed.startswith(code)) or code == root + "0" and len(composed) == len(code):
        return composed
    return code if inner else None


def threat_code(threatened: str | None) -> str:
    """CAMEO threat code for a threatened act: sanctions 1312, relations 1313, attack 1384, blockade 1381, …"""
    if threatened is None:
        return "130"
    return _longest_prefix(threatened, THREAT_CODES) or "130"


def _announced_code(table: TokenTable, code: str, token: int) -> str | None:
    """An act announced for the future: an intention (03x) when it cooperates, a threat (13x) when it coerces."""
    root = code[:2]
    if root in COERCIVE_ROOTS:
        return threat_code(code)
    if root in COOPERATIVE_ROOTS:
        topic = _topic(code, _content_words(table, object_heads(table, token)))
        return TOPIC_CODES[topic][INTENT] if topic else "030"
    return None


def _complement_heads(table: TokenTable, token: int) -> list[int]:
    """What a frame word governs: its to-infinitive or that-clause, its object, its "for"/"on" phrase."""
    dep, lower, children = table.dep, table.lower, table.children
    heads: list[int] = []
    for child in children[token]:
        if dep[child] in ("xcomp", "ccomp", "acl") or (dep[child] == "advcl" and any(lower[c] == "to" for c in children[child])):
            heads.append(child)
        elif dep[child] in ("dobj", "obj", "attr"):
            heads.append(child)
            heads.extend(h for h in _complement_heads(table, child) if h not in heads)
        elif dep[child] == "prep" and lower[child] in PREPOSITIONS_OF_WANT:
            for pobj in children[child]:
                if dep[pobj] in ("pobj", "pcomp"):
                    heads.append(pobj)
                    heads.extend(h for h in _complement_heads(table, pobj) if h not in heads)
    return heads


def _governed_triggers(table: TokenTable, heads: Sequence[int], by_index: Mapping[int, Trigger]) -> list[Trigger]:
    """The triggers that are the governed act (or are conjoined with it), nearest first.

    A governing verb that names no act itself hands over to its object: "to resume *attacks*".
    """
    found: list[Trigger] = []
    for head in heads:
        candidates = [head, *(c for c in table.children[head] if table.dep[c] == "conj")]
        if head not in by_index and table.pos[head] in ("VERB", "AUX"):
            candidates.extend(object_heads(table, head))
        for token in candidates:
            trigger = by_index.get(token)
            if trigger is not None and trigger not in found and not _is_told_violence(table, trigger):
                found.append(trigger)
    return found


def _topic(acted: str | None, words: frozenset[str]) -> str | None:
    """The topic of the governed act: from its own code when it has one, refined by its words."""
    family = _longest_prefix(acted, CODE_TOPICS) if acted else None
    if family is None:
        family = next((f for f in FAMILY_ORDER if words & TOPIC_WORDS[f]), None)
    if family is None or "." in family:
        return family
    return _detail(words, FAMILY_DETAILS.get(family, ())) or family


def _detail(words: frozenset[str], options: Iterable[tuple[str, str]]) -> str | None:
    return next((value for detail, value in options if words & DETAIL_WORDS[detail]), None)


def _accusation_code(table: TokenTable, code: str, heads: Sequence[int]) -> str | None:
    words = _content_words(table, heads)
    return next((sub for wanted, sub in ACCUSATION_CODES if words & wanted), None) if code == "112" else None


def _reported_frame(doc: Doc, table: TokenTable, verb: int, by_index: Mapping[int, Trigger]) -> tuple[Trigger, set[int]] | None:
    """ "X said Y must do Z" (a demand by X), "X said it was confident …" (a statement), else None."""
    clauses = [c for c in table.children[verb] if table.dep[c] == "ccomp"]
    if not clauses or not any(table.dep[c] in SUBJECT_DEPS for c in table.children[verb]):
        return None
    clause = clauses[0]
    frame = _obligation(table, clause)
    if frame is not None:
        heads = [clause]
        inner = _governed_triggers(table, heads, by_index)
        topic = _topic(inner[0].code if inner else None, _content_words(table, heads))
        code = TOPIC_CODES[topic][frame] if topic else ("100" if frame == DEMAND else "020")
        return Trigger(doc[verb], code, False, complement=doc[clause]), {t.token.i for t in inner}
    # "…, officials said" at the end cites a source; "X said that …" up front is X's statement.
    if table.dep[verb] != "ROOT" or clause < verb:
        return None
    said = table.subtree(clause)
    if any(t in by_index for t in said):
        return None
    words = _words(table, said)
    code = "012" if words & PESSIMISTIC_WORDS else "013" if words & OPTIMISTIC_WORDS else "010"
    return Trigger(doc[verb], code, False), set()


def _obligation(table: TokenTable, clause: int) -> int | None:
    """DEMAND for "must"/"has to", APPEAL for "should"/"needs to", on the clause's verb or its copula."""
    dep, children = table.dep, table.children[clause]
    for child in children:
        if dep[child] == "aux" and table.lower[child] in OBLIGATION_AUXILIARIES:
            return OBLIGATION_AUXILIARIES[table.lower[child]]
    plain = not any(dep[c] == "aux" for c in children)  # "would need to remain" only says so
    if plain and table.lemma[clause] in OBLIGATION_VERBS and any(dep[c] == "xcomp" for c in children):
        return OBLIGATION_VERBS[table.lemma[clause]]
    return None


def _is_accord(table: TokenTable, head: int) -> bool:
    """A that-clause stating a view ("agreed there was a need"), not one promising an act ("… should cooperate")."""
    return table.dep[head] == "ccomp" and not any(table.dep[c] == "aux" and table.lower[c] in MODAL_AUXILIARIES for c in table.children[head])


def _is_announced(table: TokenTable, token: int) -> bool:
    """ "will send", "is ready to send", "said they would send", "plans to send": an act announced, not done."""
    dep, lower = table.dep, table.lower
    node = token
    for _ in range(3):
        children = table.children[node]
        if any(dep[c] == "mark" and lower[c] in CONDITIONAL_MARKS for c in children):
            return False
        if any(dep[c] == "aux" and lower[c] in FUTURE_AUXILIARIES for c in children):
            return True
        if any(dep[c] == "aux" and lower[c] in POSSIBILITY_AUXILIARIES for c in children) and _has_condition(table, node):
            return True  # "may halt mediation if cooperation founders" announces the act on a condition
        if dep[node] not in ("xcomp", "acomp") or table.head[node] == node:
            return False
        node = table.head[node]
        if table.lemma[node] in READY_ADJECTIVES or table.lemma[node] in VOLITION_LEMMAS:
            return True
    return False


def _has_condition(table: TokenTable, token: int) -> bool:
    """The clause carries an "if" or "unless" clause of its own."""
    dep, children = table.dep, table.children
    return any(dep[c] == "advcl" and any(dep[m] == "mark" and table.lower[m] in CONDITIONAL_MARKS for m in children[c]) for c in children[token])


def _is_attribution(table: TokenTable, token: int) -> bool:
    """ "…, a rights group charged": a charge with a reported clause and no object attributes, it charges nobody."""
    children = table.children[token]
    return (
        table.lemma[token] in ATTRIBUTING_LEMMAS
        and any(table.dep[c] == "ccomp" for c in children)
        and not any(table.dep[c] in ("dobj", "obj") for c in children)
    )


def _is_naming(table: TokenTable, token: int) -> bool:
    """ "what Tehran called revenge for the killing": calling something a name asks for nothing."""
    return table.lemma[token] in NAMING_LEMMAS and any(table.dep[c] == "oprd" for c in table.children[token])


def _is_told_violence(table: TokenTable, trigger: Trigger) -> bool:
    """ "the killing of X": a definite violent noun refers to an act that happened, never to one asked for."""
    return trigger.is_noun and trigger.code[:2] in VIOLENT_ROOTS and any(table.lower[c] == "the" for c in table.children[trigger.token.i])


def _is_refused(table: TokenTable, token: int) -> bool:
    """ "did not release", "will not meet the demands", "is not ready to withdraw"."""
    node = token
    for _ in range(3):
        if any(table.dep[c] == "neg" for c in table.children[node]):
            return True
        if table.dep[node] not in ("xcomp", "acomp") or table.head[node] == node:
            return False
        node = table.head[node]
    return False


def _clause_tokens(table: TokenTable, token: int) -> list[int]:
    node = token
    while table.pos[node] not in ("VERB", "AUX") and table.head[node] != node:
        node = table.head[node]
    return table.subtree(node)


def _content_words(table: TokenTable, heads: Iterable[int]) -> frozenset[str]:
    """The words of the governed act, leaving out clauses that only describe its participants."""

    def walk(token: int) -> Iterable[int]:
        yield token
        for child in table.children[token]:
            if table.dep[child] not in DESCRIBING_DEPS:
                yield from walk(child)

    return _words(table, (t for head in heads for t in walk(head)))


def _words(table: TokenTable, tokens: Iterable[int]) -> frozenset[str]:
    """Lemmas of the tokens, with adjacent pairs ("human right", "war crime") for two-word keys."""
    lemmas = [table.lemma[t] for t in tokens]
    return frozenset(lemmas) | frozenset(f"{a} {b}" for a, b in zip(lemmas, lemmas[1:]))


def _longest_prefix(code: str, table: Mapping[str, str]) -> str | None:
    return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)
