"""ACLED sub-event types from the CAMEO code, the trigger's clause and the actors.

ACLED sorts political violence and demonstrations into 25 sub-event types
(its codebook, 2023). CAMEO says what was done; ACLED also asks with what
(air strike, shelling, IED, grenade), against whom (armed clash vs. attack on
civilians) and whether force met a protest. The CAMEO code gives the family,
words in the trigger's clause and the actors' roles pick the sub-event type.
Events ACLED does not record (statements, diplomacy, aid) get None.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from crisislens.models import VIOLENT_ROOTS, ActorRef
from crisislens.nlp.tree import clause_head

# ACLED's sub-event types, from the most specific to the least: when several mentions
# report one event, "killed" (attack) and "in an air strike" (air/drone strike), the air strike wins.
ACLED_SUB_EVENT_TYPES = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Remote explosive/landmine/IED",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Excessive force against protesters",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
    "Headquarters or base established",
    "Disrupted weapons use",
    "Armed clash",
    "Attack",
    "Looting/property destruction",
    "Arrests",
    "Peaceful protest",
    "Agreement",
    "Change to group/activity",
    "Other",
)
_RANK = {name: rank for rank, name in enumerate(ACLED_SUB_EVENT_TYPES)}

# Roles of actors that carry arms: a fight between two of them is a clash, not an attack on civilians.
ARMED_ROLES = frozenset({"MIL", "COP", "REB", "UAF", "IMG", "SPY"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY"})
CHEMICAL_CUES = frozenset({"chemical", "chlorine", "sarin", "mustard", "nerve", "toxic", "poison", "poisonous"})
AIR_CUES = frozenset({"air", "airstrike", "warplane", "jet", "drone", "aircraft", "helicopter", "plane", "bomber", "aerial", "raid"})
MISSILE_CUES = frozenset({"missile", "rocket", "shell", "shelling", "mortar", "artillery", "barrage", "katyusha", "howitzer", "tank"})
EXPLOSIVE_CUES = frozenset({"ied", "landmine", "mine", "roadside", "explosive", "device", "blast", "explosion", "bomb", "bombing"})
CLASH_CUES = frozenset({"clash", "battle", "fight", "fighting", "firefight", "gunbattle", "skirmish", "exchange", "combat"})
MOB_CUES = frozenset({"mob", "lynch", "lynching", "vigilante", "villager"})
PROTESTER_WORDS = frozenset({"protester", "protestor", "demonstrator", "rioter", "marcher", "demonstration", "protest", "march", "rally"})
PROTEST_CUES = PROTESTER_WORDS | {"sit-in", "strike"}
RIOT_CUES = frozenset({"clash", "violent", "violence", "riot", "rioter", "throw", "hurl", "molotov", "smash", "torch", "ablaze", "loot", "vandalize", "pelt", "stone", "petrol", "firebomb"})
EXCESSIVE_CUES = frozenset({"kill", "dead", "death", "live", "bullet", "violently", "brutally", "excessive", "beat", "injure", "wound", "shoot"})
AGREEMENT_CUES = frozenset({"ceasefire", "cease-fire", "truce", "peace", "deal", "agreement", "accord", "treaty", "exchange", "swap", "armistice"})
RECAPTURE_CUES = frozenset({"regain", "retake", "retook", "recapture", "liberate", "reclaim"})
WEAPON_OBJECTS = frozenset({
    "weapon", "arm", "ammunition", "munition", "explosive", "bomb", "device", "ied", "mine", "rocket", "missile", "drone",
    "firearm", "gun", "pistol", "rifle", "revolver", "grenade", "cache", "round", "cartridge", "package",
})
BASE_OBJECTS = frozenset({"base", "headquarters", "hq", "outpost", "post", "point", "observation", "barracks", "checkpoint", "garrison", "position"})
BUILD_LEMMAS = frozenset({"establish", "set", "build", "create", "open", "erect", "construct"})
AGREEMENT_CODES = ("057", "0871", "0872", "0873")


def most_specific(types: Iterable[str | None]) -> str | None:
    """The most specific of several ACLED types given to one event (None if none was given)."""
    return min((t for t in types if t), key=_RANK.__getitem__, default=None)


def acled_sub_event_type(code: str, trigger: Token, source: ActorRef | None, target: ActorRef | None, fatalities: int | None) -> str | None:
    """The ACLED sub-event type of a mention coded ``code`` at ``trigger``, or None if ACLED would not record it."""
    head = clause_head(trigger)
    clause = {t.lemma_.lower() for t in head.subtree}
    sentence = {t.lemma_.lower() for t in trigger.sent}
    root = code[:2]
    if root in VIOLENT_ROOTS:
        return _violence(code, trigger, clause, sentence, source, target, fatalities)
    if root == "14":
        if code.startswith("145") or sentence & RIOT_CUES:
            return "Mob violence" if clause & MOB_CUES else "Violent demonstration"
        return "Peaceful protest"
    if code.startswith("175"):
        if not sentence & PROTEST_CUES:
            return "Attack"
        return "Excessive force against protesters" if fatalities or clause & EXCESSIVE_CUES else "Protest with intervention"
    if code.startswith("173"):
        return "Arrests"
    if code.startswith("171"):
        return "Disrupted weapons use" if clause & WEAPON_OBJECTS else "Looting/property destruction"
    if code.startswith(AGREEMENT_CODES) or root in ("03", "04", "05") and clause & AGREEMENT_CUES:
        return "Agreement"
    if code.startswith("0874"):
        return "Non-violent transfer of territory" if clause & BASE_OBJECTS or _object_is_place(trigger) else "Change to group/activity"
    if root == "15":
        return "Headquarters or base established" if trigger.lemma_.lower() in BUILD_LEMMAS and clause & BASE_OBJECTS else "Change to group/activity"
    return None


def _violence(
    code: str, trigger: Token, clause: set[str], sentence: set[str], source: ActorRef | None, target: ActorRef | None, fatalities: int | None
) -> str:
    lemma = trigger.lemma_.lower()
    if code.startswith("204") or clause & CHEMICAL_CUES:
        return "Chemical weapon"
    if code.startswith("1831") or "suicide" in clause:
        return "Suicide bomb"
    if code.startswith("1821") or clause & {"rape", "rap", "sexual"}:
        return "Sexual violence"
    if code.startswith("181"):
        return "Abduction/forced disappearance"
    if code.startswith("192"):
        return _territory(lemma, clause, source)
    if lemma in ("intercept", "down", "defuse", "dismantle") and clause & WEAPON_OBJECTS:
        return "Disrupted weapons use"
    if "grenade" in clause:
        return "Grenade"
    if code.startswith("195"):
        return "Air/drone strike" if clause & AIR_CUES or lemma == "bomb" else "Shelling/artillery/missile attack"
    if code.startswith("194") or clause & MISSILE_CUES:
        return "Shelling/artillery/missile attack"
    if code.startswith("183") or clause & EXPLOSIVE_CUES:
        return "Remote explosive/landmine/IED"
    by_protesters, against_protesters = _protest_side(trigger)
    if by_protesters:
        return "Violent demonstration"
    if against_protesters or sentence & PROTESTER_WORDS and _is_state(source):
        return "Excessive force against protesters"
    if clause & MOB_CUES and not _is_armed(source):
        return "Mob violence"
    if lemma in CLASH_CUES or clause & CLASH_CUES or (_is_armed(source) or source is None) and _is_armed(target):
        return "Armed clash"
    return "Attack"


def _protest_side(trigger: Token) -> tuple[bool, bool]:
    """Whether protesters do the violence (its subject) or suffer it (its object)."""
    head = clause_head(trigger)
    subject = {t.lemma_.lower() for c in head.children if c.dep_ == "nsubj" for t in c.subtree}
    victims = {t.lemma_.lower() for c in head.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
    return bool(subject & PROTESTER_WORDS), bool(victims & PROTESTER_WORDS)


def _territory(lemma: str, clause: set[str], source: ActorRef | None) -> str:
    if source is not None:
        return "Government regains territory" if _is_state(source) else "Non-state actor overtakes territory"
    return "Government regains territory" if lemma in RECAPTURE_CUES or clause & RECAPTURE_CUES else "Non-state actor overtakes territory"


def _is_state(actor: ActorRef | None) -> bool:
    return actor is not None and (actor.type == "country" and actor.role in (None, *STATE_ROLES) or actor.role in STATE_ROLES)


def _is_armed(actor: ActorRef | None) -> bool:
    return actor is not None and (actor.role in ARMED_ROLES or actor.type == "country" and actor.role is None)


def _object_is_place(trigger: Token) -> bool:
    return any(child.dep_ == "dobj" and child.ent_type_ in ("GPE", "LOC", "FAC") for child in trigger.children)
