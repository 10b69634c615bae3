"""ACLED sub-event types from the CAMEO code, the trigger's clause and the actors.

ACLED sorts political violence, demonstrations and strategic developments into
25 sub-event types (its codebook, 2023). CAMEO says what was done; ACLED also
asks with what (air strike, shelling, IED, grenade), against whom (a clash
between armed groups or an attack on civilians), whether protesters were
violent or met force, and whether territory changed hands with or without a
fight. The CAMEO code gives the family; words in the trigger's clause and
sentence and the actors' roles pick the sub-event type.

Events ACLED does not record get None: statements and diplomacy, violence that
is only referred to while someone claims, denies or is blamed for it, cyber
attacks, accidents and industrial explosions, and ordinary crime (robbery,
theft, drugs, fraud, smuggling).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crisislens.models import VIOLENT_ROOTS, ActorRef, EventMention
from crisislens.nlp.text import tokens_text
from crisislens.nlp.tokens import TokenTable, token_table
from crisislens.nlp.tree import clause_head

if TYPE_CHECKING:  # spaCy loads in ~2 s: read commands that only merge or rank types should not pay for it
    from spacy.tokens import Token

# ACLED's sub-event types, from the most specific to the least: when several mentions
# report one event, "killed" (attack) and "in an air strike" (air/drone strike), the air strike
# wins; violent protesters make a violent demonstration even where police then used force.
ACLED_SUB_EVENT_TYPES = (
    "Chemical weapon",
    "Suicide bomb",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Grenade",
    "Remote explosive/landmine/IED",
    "Sexual violence",
    "Abduction/forced disappearance",
    "Violent demonstration",
    "Mob violence",
    "Excessive force against protesters",
    "Protest with intervention",
    "Non-violent transfer of territory",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Headquarters or base established",
    "Disrupted weapons use",
    "Armed clash",
    "Attack",
    "Arrests",
    "Looting/property destruction",
    "Peaceful protest",
    "Agreement",
    "Change to group/activity",
    "Other",
)
_RANK = {name: rank for rank, name in enumerate(ACLED_SUB_EVENT_TYPES)}
# A report that leads with a bare attack or clash often names the weapon, a rape or an abduction later on.
GENERIC_VIOLENCE = frozenset({"Attack", "Armed clash"})
VIOLENCE_DETAILS = frozenset(ACLED_SUB_EVENT_TYPES[: ACLED_SUB_EVENT_TYPES.index("Abduction/forced disappearance") + 1])

# Roles of actors that carry arms: a fight between two of them is a clash, not an attack on civilians.
ARMED_ROLES = frozenset({"MIL", "COP", "REB", "UAF", "IMG", "SPY"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY"})
# Words naming armed people or military sites, for actors the resolver leaves unnamed ("terrorists", "a checkpoint").
ARMED_WORDS = frozenset({
    "army", "troop", "soldier", "force", "military", "militant", "rebel", "insurgent", "fighter", "jihadist", "terrorist",
    "militia", "militiaman", "gunman", "police", "policeman", "officer", "guard", "trooper", "commando", "marine",
    "checkpoint", "base", "camp", "post", "outpost", "position", "convoy", "patrol", "barracks", "garrison", "unit",
})
STATE_WORDS = frozenset({"army", "troop", "soldier", "government", "military", "regime", "trooper", "marine", "police"})
CIVILIAN_ROLES = frozenset({"CVL", "EDU", "REL", "MED", "HLH", "LAB", "BUS", "REF", "NGO", "JUD", "LEG", "OPP"})
CIVILIAN_WORDS = frozenset({
    "civilian", "villager", "student", "worshipper", "people", "passenger", "farmer", "child", "woman", "resident",
    "pilgrim", "family", "shopper", "journalist", "school", "hospital", "market", "mosque", "church", "temple", "home",
    "house", "university", "building", "bus", "teacher", "worker", "person", "man", "girl", "boy", "displaced",
})
CLASH_WORDS = frozenset({
    "clash", "battle", "fight", "fighting", "firefight", "gunbattle", "skirmish", "combat", "repel", "repulse",
    "counterattack", "infighting", "engage",
})
MOB_WORDS = frozenset({"mob", "lynch", "lynching", "vigilante", "vigilantism"})
# Unarmed groups: when they fight each other or attack a rally, ACLED speaks of mob violence.
CROWD_WORDS = frozenset({
    "group", "crowd", "supporter", "resident", "villager", "youth", "community", "local", "man", "men", "people",
    "counter-protester", "counterprotester", "student", "worker", "family", "tribe", "clan", "neighbour", "neighbor",
})
PROTEST_WORDS = frozenset({
    "protest", "protester", "protestor", "demonstrator", "demonstration", "rioter", "riot", "marcher", "rally",
    "march", "sit-in", "vigil", "die-in", "picket", "demo",
})
SEXUAL_WORDS = frozenset({"rape", "rap", "raped", "sexual", "sexually", "molest", "molestation"})
ARREST_WORDS = frozenset({"arrest", "detain", "detention", "apprehend", "custody", "abduct", "round"})
AGREEMENT_WORDS = frozenset({
    "ceasefire", "cease-fire", "truce", "peace", "deal", "agreement", "accord", "treaty", "pact", "exchange", "swap",
    "armistice",
})
RECAPTURE_WORDS = frozenset({"regain", "retake", "retook", "recapture", "liberate", "reclaim"})
WEAPON_WORDS = frozenset({
    "weapon", "arm", "ammunition", "munition", "explosive", "bomb", "device", "ied", "mine", "landmine", "rocket",
    "missile", "drone", "firearm", "gun", "pistol", "rifle", "revolver", "grenade", "cache", "round", "cartridge",
    "bullet", "shell", "mortar", "detonator", "rpg", "kalashnikov", "ak-47", "package", "parcel",
})
# Places a fighting group can hold: what "seized" or "took control of" must have for territory to change hands.
TERRITORY_WORDS = frozenset({
    "town", "city", "village", "area", "district", "region", "province", "territory", "base", "position", "hill",
    "hilltop", "mountain", "airport", "airbase", "camp", "border", "crossing", "neighborhood", "neighbourhood",
    "control", "checkpoint", "outpost", "post", "site", "zone", "enclave", "stronghold", "bastion", "island", "road",
    "highway", "port", "oilfield", "field", "dam", "bridge", "part", "center", "centre", "headquarters", "countryside",
    "suburb", "locality", "county", "valley", "height", "front", "frontline", "line", "point", "municipality",
})
BASE_WORDS = frozenset({
    "base", "headquarters", "hq", "outpost", "post", "point", "observation", "barracks", "checkpoint", "garrison",
    "position", "camp",
})
BUILD_LEMMAS = frozenset({"establish", "set", "build", "create", "open", "erect", "construct"})
DISRUPT_LEMMAS = frozenset({
    "intercept", "down", "defuse", "dismantle", "deactivate", "seize", "confiscate", "impound", "find", "discover",
    "uncover", "unearth", "recover", "capture", "shoot",
})
DESTRUCTION_LEMMAS = frozenset({
    "steal", "rob", "loot", "plunder", "pillage", "ransack", "vandalize", "vandalise", "torch", "burn", "destroy", "demolish", "raze",
    "smash", "set", "damage", "wreck", "bulldoze",
})
TAKEOVER_LEMMAS = frozenset({"seize", "capture", "enter", "regain", "recapture", "retake", "overrun", "occupy"})
SURRENDER_LEMMAS = frozenset({"surrender", "capitulate", "lay"})
AGREEMENT_CODES = ("057", "0871", "0872", "0873")
# The codes ``acled_sub_event_type`` can type; any other (a statement, an appeal, a demand, a threat) is never ACLED's.
TYPED_CODES = (*sorted(VIOLENT_ROOTS), "14", "15", "171", "173", "175", "0874", "03", "04", "05", *AGREEMENT_CODES)
# Mentions of violence inside these are claims about it (who did it, who is to blame), not reports of it.
ATTRIBUTION_HEADS = frozenset({
    "responsibility", "responsible", "accuse", "accusation", "allegation", "allege", "blame", "deny", "denial",
    "sanction", "behind", "involvement", "culprit", "perpetrator", "retaliation", "response", "describe", "investigate",
    "probe",
})
# Nouns too vague to report an event: "any military action", "hostilities".
VAGUE_NOUNS = frozenset({"action", "hostility", "aggression"})
CRIME_WORDS = frozenset({
    "robbery", "rob", "robber", "theft", "thief", "steal", "burglary", "burglar", "drug", "narcotic", "smuggle",
    "smuggling", "smuggler", "counterfeit", "fraud", "trafficking", "trafficker", "gang", "thug", "mafia", "steroid",
    "cocaine", "heroin", "heist", "poacher", "poaching", "extortion", "carjacking", "scam",
})

_WORD = r"(?<![\w-]){}(?![\w-])"


def _phrases(*patterns: str) -> re.Pattern[str]:
    # One word-edge test around the whole alternation: the same matches as one around each phrase, six times faster.
    return re.compile(_WORD.format("(?:" + "|".join(patterns) + ")"), re.IGNORECASE)


CHEMICAL = _phrases(
    r"chemical (?:weapons? )?(?:attacks?|agents?|gas|munitions?|strikes?|bombs?)",
    r"chemical weapons?(?! (?:facilit|plant|site|stock|watchdog|program|inspector|convention))\w*",
    r"chlorine", r"sarin", r"mustard gas", r"nerve (?:gas|agents?)", r"poison(?:ous)? gas", r"toxic gas", r"novichok", r"vx",
)  # fmt: skip
SUICIDE = _phrases(
    r"(?<!murder )(?<!murder - )suicide", r"bl(?:ew|owing) (?:himself|herself|themselves) up", r"kill(?:ed|ing) (?:himself|herself|themselves)",
)
AIR = _phrases(
    r"air ?strikes?", r"air[- ]raids?", r"airstrikes?", r"war ?planes?", r"fighter jets?", r"jets?", r"drones?",
    r"aircraft", r"helicopters?", r"gunships?", r"bombers?", r"aerial", r"air missiles?", r"air-to-surface",
    r"(?:war|fighter|military|enemy|coalition) planes?",
    r"air force", r"sorties?", r"bombard\w* from the air", r"bomb(?:s|ed|ing)? from the air", r"uavs?",
)  # fmt: skip
SHELLING = _phrases(
    r"missiles?", r"rockets?", r"rocket[- ]propelled grenades?", r"rpgs?", r"shells?", r"shelled", r"shelling",
    r"mortars?", r"artillery", r"barrages?", r"katyushas?", r"howitzers?", r"projectiles?", r"grad", r"tanks",
    r"tank (?:attacks?|fire|shells?)", r"cannons?(?<!water cannon)(?<!water cannons)",
)  # fmt: skip
GRENADE = _phrases(r"(?<!propelled )(?<!stun )(?<!flash )grenades?")
EXPLOSIVE = _phrases(
    r"ieds?", r"improvised explosive", r"explosive devices?", r"explosives?", r"(?:land)?mines?",
    r"(?<!petrol )(?<!smoke )(?<!fire )(?<!gas )bombs?", r"bombings?", r"blasts?", r"explosions?", r"exploded",
    r"detonated", r"booby[- ]trap\w*",
)  # fmt: skip
DISASTER = _phrases(
    r"floods?", r"flooding", r"flood-\w+", r"torrential", r"rainfall", r"earthquakes?", r"quakes?", r"tsunami", r"wildfires?",
    r"fire broke out", r"caught fire", r"in a fire", r"blazes?", r"crash(?:ed|es)?", r"accident\w*", r"plunged",
    r"collapsed?", r"derail\w*", r"collisions?", r"capsiz\w*", r"leak\w*", r"spills?", r"boilers?", r"factory",
    r"factories", r"plants?", r"warehouses?", r"containers?", r"cylinders?", r"pipelines?", r"refinery", r"industrial",
    r"storage", r"cyclones?", r"hurricanes?", r"typhoons?", r"landslides?", r"drought",
)
# Weapons and attackers that make an explosion or deaths near a factory or in a fire an attack after all.
HOSTILE = _phrases(
    r"bombs?", r"bombers?", r"ieds?", r"explosive devices?", r"suicide", r"grenades?", r"rockets?", r"missiles?",
    r"shell(?:s|ed|ing)", r"mortars?", r"air ?strikes?", r"drones?", r"gunmen", r"militants?", r"attack\w*", r"terrorists?",
    r"rebels?", r"insurgents?", r"arson\w*", r"set (?:on )?fire", r"torched",
)
# Where an "attack" is made with words or code: "attacked him on Twitter", "cyberattacks".
CYBER = _phrases(
    r"cyber\w*", r"hack\w*", r"websites?", r"online", r"ransomware", r"malware", r"on (?:twitter|telegram|facebook|social media)",
)
PROTESTER_VIOLENCE = _phrases(
    r"(?<!anti-)riots?(?! (?:police|policem[ae]n|officers?|gear|squads?|control|troops|units?|forces))",
    r"rioters?", r"rioting", r"clash\w*", r"scuffle\w*", r"violence", r"thr(?:e|o)w\w*",
    r"violent(?!ly)(?! (?:crackdown|repression|suppression|dispersal|arrests?))",  # the state's violent crackdown is not theirs
    r"hurl\w*", r"pelt\w*", r"stones?", r"rocks?", r"bottles?", r"molotov\w*", r"petrol bombs?", r"firebombs?",
    r"firecrackers?", r"torch\w*", r"vandali[sz]\w*", r"smash\w*", r"loot\w*", r"ransack\w*", r"stormed", r"storming",
    r"barricades?", r"roadblocks?", r"block\w*", r"blockade\w*", r"burn\w*", r"ablaze", r"set (?:on )?fire",
    r"light fires", r"lit fires", r"broke into", r"break into", r"pull(?:ed)? down", r"tore down", r"tear down",
    r"shut down roads", r"shut down", r"unrest",
)  # fmt: skip
LETHAL_FORCE = _phrases(
    r"kill\w*", r"dead", r"deaths?", r"died", r"live (?:ammunition|rounds|fire|bullets)", r"shot", r"shooting",
    r"gunfire", r"fatal\w*", r"bloodiest", r"massacre\w*", r"brutal\w*", r"beat(?:en|ing)?", r"injur\w*", r"wound\w*",
    r"excessive force", r"opened fire", r"open fire", r"violently",
)  # fmt: skip
# Weapons of crowd control: force used on a crowd, not an attack on people.
CROWD_CONTROL = _phrases(
    r"tear ?gas", r"pepper[- ]spray\w*", r"water cannons?", r"rubber bullets?", r"plastic bullets?", r"stun grenades?",
    r"batons?", r"pellets?",
)
INTERVENTION = _phrases(
    r"tear ?gas", r"pepper[- ]spray\w*", r"water cannons?", r"rubber bullets?", r"plastic bullets?", r"stun grenades?",
    r"batons?", r"pellets?", r"dispers\w*", r"chas(?:e|ed|ing)", r"arrest(?:s|ed|ing)?", r"detain(?:s|ed|ing)?", r"drag\w*",
    r"crackdown", r"broke up", r"break up", r"charged", r"cleared", r"kettl\w*", r"pushed back",
)  # fmt: skip

NO_FIGHT = _phrases(
    r"without (?:any )?(?:resistance|fighting|a fight|a shot|firing|clashes)",
    r"(?:no|any) resistance", r"hand(?:ed|s|ing)? over", r"handover", r"evacuation (?:deal|agreement)", r"handed",
    r"peaceful(?:ly)? (?:transfer|handover)", r"in the hands of",
)  # fmt: skip
WITHDRAWAL = _phrases(r"withdr[ae]w\w*", r"withdrawn", r"pull(?:ed|s|ing)? out", r"retreat(?:ed|ing)? from")
GRIEVANCE_VERBS = frozenset({"denounce", "decry", "condemn", "protest", "demand", "mourn", "honor", "honour", "commemorate", "oppose"})
GRIEVANCE_PREPOSITIONS = frozenset({"against", "over", "about", "following"})
# Mourners march behind the coffins of the killed: those deaths are why they march, not done to them.
MOURNING_NOUNS = frozenset({"funeral", "coffin", "burial", "anniversary", "memory", "memorial"})


@dataclass(frozen=True, slots=True)
class _Context:
    """What ACLED's coders look at around one trigger: its clause, its sentence and its arguments."""

    trigger: Token
    lemma: str
    clause: frozenset[str]  # lemmas of the trigger's clause, relative clauses about other things left out
    clause_text: str
    sentence: frozenset[str]
    sentence_text: str
    doers: frozenset[str]  # lemmas of the subject (or passive agent)
    doers_text: str
    victims: frozenset[str]  # lemmas of the object (or passive subject, or "on"/"against" object)

    @classmethod
    def of(cls, trigger: Token) -> _Context:
        table, i = token_table(trigger.doc), trigger.i
        own = _outside_relative_clauses(table, clause_head(trigger).i)
        doers, victims = _arguments(table, i)
        doer_tokens = [t for c in table.children[i] if table.dep[c] in ("nsubj", "agent") for t in table.subtree(c)]
        if table.dep[i] == "acl" and table.tag[i] == "VBG":
            doer_tokens.append(table.head[i])
        start, end = table.sent_start[i], table.sent_end[i]
        return cls(
            trigger=trigger,
            lemma=table.lemma[i],
            clause=_lemmas(table, own),
            clause_text=" ".join(table.text[t] for t in own),
            sentence=_lemmas(table, range(start, end)),
            sentence_text=tokens_text(trigger.doc, start, end),
            doers=doers,
            doers_text=" ".join(table.text[t] for t in doer_tokens),
            victims=victims,
        )


def most_specific(types: Iterable[str | None]) -> str | None:
    """The most specific of several ACLED types given to one event (None if none was given)."""
    return min((t for t in types if t), key=_RANK.__getitem__, default=None)


def lead_sub_event_type(mentions: Sequence[EventMention]) -> str | None:
    """The ACLED type of the event a text leads with: that of its first mention ACLED records.

    A news text tells its main event first and adds background after it (the grievance behind a
    protest, an earlier attack), so the first typed mention decides, not the most specific type in
    the text. Only a bare "Attack" or "Armed clash" is made exact by a weapon, rape or abduction
    the text names later. Denied mentions ("no arrests were made") do not count.
    """
    told = [m.acled_type for m in mentions if m.acled_type and not m.negated]
    if not told:
        return None
    lead = told[0]
    if lead not in GENERIC_VIOLENCE:
        return lead
    return most_specific([lead, *(t for t in told if t in VIOLENCE_DETAILS)])


def acled_sub_event_type(code: str, trigger: Token, source: ActorRef | None, target: ActorRef | None, fatalities: int | None) -> str | None:
    """The ACLED sub-event type of a mention coded ``code`` at ``trigger``, or None if ACLED would not record it."""
    if not code.startswith(TYPED_CODES):
        return None  # whatever its context: it is not read
    context = _Context.of(trigger)
    root = code[:2]
    if _is_not_acled(code, context, source) or context.lemma in VAGUE_NOUNS or _denied_by_no(token_table(trigger.doc), trigger.i):
        return None
    if root in VIOLENT_ROOTS:
        return _violence(code, context, source, target, fatalities)
    if root == "14":
        if context.sentence & MOB_WORDS:
            return "Mob violence"
        return "Violent demonstration" if code.startswith("145") else _protest(context, fatalities)
    if code.startswith("175"):
        return _repression(context, fatalities)
    if code.startswith("173"):
        if context.sentence & SEXUAL_WORDS:
            return "Sexual violence"
        return _repression(context, fatalities) if context.sentence & PROTEST_WORDS else "Arrests"
    if code.startswith("171"):
        return _seizure_or_destruction(code, context)
    if code.startswith("0874"):
        return _retreat(context)
    if code.startswith(AGREEMENT_CODES) or root in ("03", "04", "05") and context.clause & AGREEMENT_WORDS:
        return "Agreement"
    if root == "15":
        if INTERVENTION.search(context.clause_text):
            return _repression(context, fatalities)
        if context.lemma in BUILD_LEMMAS and context.clause & BASE_WORDS:
            return "Headquarters or base established"
        return "Change to group/activity"
    return None


def _is_not_acled(code: str, context: _Context, source: ActorRef | None) -> bool:
    """Violence only claimed, denied or blamed; cyber attacks; accidents; ordinary crime."""
    if code[:2] not in VIOLENT_ROOTS and not code.startswith(("15", "17")):
        return False
    table, i = token_table(context.trigger.doc), context.trigger.i
    if any(table.lemma[a] in ATTRIBUTION_HEADS for a in table.ancestors(i) if table.sent_start[i] <= a < table.sent_end[i]):
        return True
    if code[:2] in VIOLENT_ROOTS and CYBER.search(context.clause_text) or "sanction" in context.sentence:
        return True
    armed = context.doers & ARMED_WORDS or _is_armed(source)
    if source is not None and source.role == "CRM" or context.clause & CRIME_WORDS and not armed and not context.clause & MOB_WORDS:
        return True
    if armed or context.sentence & PROTEST_WORDS:
        return False  # no accident or disaster: the texts are not searched for one
    text = context.sentence_text
    told_before = _previous_sentence_text(context.trigger)
    disaster = DISASTER.search(text) or DISASTER.search(told_before) and not HOSTILE.search(told_before)
    return bool(disaster) and not HOSTILE.search(text)


def _violence(code: str, context: _Context, source: ActorRef | None, target: ActorRef | None, fatalities: int | None) -> str | None:
    if code.startswith("204") or CHEMICAL.search(context.clause_text):
        return "Chemical weapon"
    if code.startswith("1831") or SUICIDE.search(context.clause_text):
        return "Suicide bomb"
    if code.startswith("1821") or context.sentence & SEXUAL_WORDS:
        return "Sexual violence"
    if code.startswith("181"):
        return "Abduction/forced disappearance"
    if code.startswith("192"):
        return _territory(context, source)
    if context.lemma in DISRUPT_LEMMAS - {"shoot"} and _object_nouns(context.trigger) & WEAPON_WORDS:
        return "Disrupted weapons use"
    if context.lemma == "raid" and context.sentence & ARREST_WORDS:
        return "Arrests"
    weapon = _weapon(context, code)
    if weapon:
        return weapon
    if context.clause & MOB_WORDS and not _is_armed(source):
        return "Mob violence"
    protest = _violence_at_protest(context, source, fatalities)
    if protest:
        return protest
    if CROWD_CONTROL.search(context.clause_text):
        return "Protest with intervention"
    return _clash_or_attack(context, source, target)


def _weapon(context: _Context, code: str = "") -> str | None:
    """The weapon named by the trigger's subject ("a missile hit") or else its clause, as ACLED's explosions/remote violence types."""
    return _weapon_in(context.doers_text, context, "") or _weapon_in(context.clause_text, context, code)


def _weapon_in(text: str, context: _Context, code: str) -> str | None:
    """An air strike before shelling, shelling before a grenade, a grenade before an IED, as named in ``text`` or by the code."""
    if code.startswith("195") and (AIR.search(text) or context.lemma == "bomb"):
        return "Air/drone strike"
    if AIR.search(text) and not SHELLING.search(context.trigger.text):
        return "Air/drone strike"
    if code.startswith("194") or SHELLING.search(text):
        return "Shelling/artillery/missile attack"
    if code.startswith("195"):
        return "Air/drone strike"
    if GRENADE.search(text):
        return "Grenade"
    if code.startswith("183") or EXPLOSIVE.search(text):
        return "Remote explosive/landmine/IED"
    return None


def _violence_at_protest(context: _Context, source: ActorRef | None, fatalities: int | None) -> str | None:
    """Violence by protesters, against them by the state, or against a rally by others (a mob)."""
    table = token_table(context.trigger.doc)
    doer_heads = {table.lemma[c] for c in table.children[context.trigger.i] if table.dep[c] in ("nsubj", "agent")}
    if doer_heads & PROTEST_WORDS or source is not None and source.role == "OPP" and context.sentence & PROTEST_WORDS:
        return "Violent demonstration"
    if not (context.victims & PROTEST_WORDS or context.sentence & PROTEST_WORDS):
        return None
    if context.doers & CROWD_WORDS and not context.doers & ARMED_WORDS and not _is_state(source):
        return "Mob violence"
    level = _protest(context, fatalities)
    return level if level == "Violent demonstration" else "Excessive force against protesters"


def _clash_or_attack(context: _Context, source: ActorRef | None, target: ActorRef | None) -> str:
    """An armed clash between two armed sides, or an attack on people who cannot fight back."""
    if context.lemma in CLASH_WORDS or context.clause & CLASH_WORDS or "exchange of fire" in context.clause_text.lower():
        unarmed = context.doers & CROWD_WORDS and not context.doers & ARMED_WORDS and not _is_armed(source)
        return "Mob violence" if unarmed else "Armed clash"
    if target is not None and target.role in CIVILIAN_ROLES or context.victims & CIVILIAN_WORDS:
        return "Attack"
    attacker_armed = _is_armed(source) or bool(context.doers & ARMED_WORDS) or source is None and not context.doers
    victim_armed = _is_armed(target) or bool(context.victims & ARMED_WORDS)
    return "Armed clash" if attacker_armed and victim_armed else "Attack"


def _protest(context: _Context, fatalities: int | None) -> str:
    """A protest's type from what its sentence tells of it, leaving out what it protests against."""
    told = _without_grievances(context.trigger)
    if PROTESTER_VIOLENCE.search(told):
        return "Violent demonstration"
    if fatalities or LETHAL_FORCE.search(told):
        return "Excessive force against protesters"
    if INTERVENTION.search(told):
        return "Protest with intervention"
    return "Peaceful protest"


def _repression(context: _Context, fatalities: int | None) -> str:
    """Force used on a crowd: tear gas and arrests are an intervention, killing is excessive force."""
    if not context.sentence & PROTEST_WORDS and not INTERVENTION.search(context.sentence_text):
        return "Attack"
    level = _protest(context, fatalities)
    return "Protest with intervention" if level == "Peaceful protest" else level


def _seizure_or_destruction(code: str, context: _Context) -> str | None:
    """Seized weapons are disrupted weapons use; burning and looting belong to whoever did it; seized goods are no ACLED event."""
    if context.clause & WEAPON_WORDS and (code.startswith("1711") or context.lemma in DISRUPT_LEMMAS):
        return "Disrupted weapons use"
    if context.lemma not in DESTRUCTION_LEMMAS or not _destroys_on_purpose(context):
        return None
    weapon = _weapon_in(context.doers_text, context, "")
    if weapon in ("Air/drone strike", "Shelling/artillery/missile attack"):
        return weapon
    if _object_nouns(context.trigger) & WEAPON_WORDS:
        return "Disrupted weapons use"
    if context.clause & MOB_WORDS:
        return "Mob violence"
    if context.doers & PROTEST_WORDS or context.sentence & {"rioter", "riot", "protester", "demonstrator"}:
        return "Violent demonstration"
    return "Looting/property destruction"


def _destroys_on_purpose(context: _Context) -> bool:
    """"They burned cars", "cars were burned", "set fire to": someone destroyed; "the warehouse burned" is no act."""
    if context.lemma == "set":
        return bool(context.clause & {"fire", "ablaze", "alight", "light"})
    table, trigger = token_table(context.trigger.doc), context.trigger.i
    transitive = any(table.dep[c] in ("dobj", "nsubjpass", "obj") for c in table.children[trigger])
    return transitive or table.pos[trigger] == "NOUN"


def _retreat(context: _Context) -> str:
    """Surrender and leaving a pact are agreements; a force pulling back changes its activity."""
    table = token_table(context.trigger.doc)
    left = {table.lemma[t] for c in table.children[context.trigger.i] if table.dep[c] == "dobj" or table.lower[c] == "from" for t in table.subtree(c)}
    if context.lemma in SURRENDER_LEMMAS or left & AGREEMENT_WORDS:
        return "Agreement"
    if context.sentence & TAKEOVER_LEMMAS or NO_FIGHT.search(context.sentence_text):
        return "Non-violent transfer of territory"
    return "Change to group/activity"


def _territory(context: _Context, source: ActorRef | None) -> str | None:
    """Who took what: weapons are disrupted weapons use, places change hands, other things are no ACLED event."""
    if _object_nouns(context.trigger) & WEAPON_WORDS:
        return "Disrupted weapons use"
    if not _takes_territory(context):
        return None
    if _is_attempt(context.trigger):
        return "Armed clash" if context.sentence & (CLASH_WORDS | {"attack", "assault", "offensive"}) else None
    if NO_FIGHT.search(context.sentence_text) or WITHDRAWAL.search(context.sentence_text):
        return "Non-violent transfer of territory"
    if source is not None and (source.role is not None or source.type == "country"):
        return "Government regains territory" if _is_state(source) else "Non-state actor overtakes territory"
    if context.doers & STATE_WORDS:
        return "Government regains territory"
    if context.doers & ARMED_WORDS:
        return "Non-state actor overtakes territory"
    return "Government regains territory" if context.lemma in RECAPTURE_WORDS else "Non-state actor overtakes territory"


def _takes_territory(context: _Context) -> bool:
    """Whether what was seized is a place (a town, a base, "control of" an area), not goods or people."""
    table, trigger = token_table(context.trigger.doc), context.trigger.i
    dep, ent_type = table.dep, table.ent_type
    places = [
        t for c in table.children[trigger] if dep[c] in ("dobj", "nsubjpass", "prep", "attr", "advmod")
        for t in table.subtree(c) if ent_type[t] in ("GPE", "LOC", "FAC") or table.lemma[t] in TERRITORY_WORDS
        or dep[c] == "dobj" and t == c and table.pos[t] == "PROPN" and ent_type[t] not in ("PERSON", "NORP")
    ]  # fmt: skip
    return bool(places) or table.pos[trigger] == "NOUN" and bool(context.victims & TERRITORY_WORDS)


def _denied_by_no(table: TokenTable, trigger: int) -> bool:
    """"No arrests have been made": the light verb's object says none happened."""
    arguments = (c for c in table.children[trigger] if table.dep[c] in ("dobj", "nsubjpass", "nsubj"))
    return any(table.dep[d] == "det" and table.lower[d] == "no" for c in arguments for d in table.children[c])


def _previous_sentence_text(trigger: Token) -> str:
    """The sentence before the trigger's ("A boiler exploded. Four workers were injured.")."""
    table = token_table(trigger.doc)
    start = table.sent_start[trigger.i]
    return tokens_text(trigger.doc, table.sent_start[start - 1], start) if start > 0 else ""


def _is_attempt(trigger: Token) -> bool:
    """"Tried to capture", "an attack to seize": an aim, not a taking."""
    table = token_table(trigger.doc)
    dep, lower = table.dep, table.lower
    return dep[trigger.i] in ("xcomp", "advcl", "acl") and any(dep[c] == "aux" and lower[c] == "to" for c in table.children[trigger.i])


def _arguments(table: TokenTable, trigger: int) -> tuple[frozenset[str], frozenset[str]]:
    """Lemmas of who acts (subject, passive agent) and who or what is acted on (object, passive subject, "on" X)."""
    doers: set[str] = set()
    victims: set[str] = set()
    dep, lower = table.dep, table.lower
    for child in table.children[trigger]:
        words = _lemmas(table, table.subtree(child))
        if dep[child] == "nsubj" or dep[child] == "agent" or dep[child] == "prep" and lower[child] == "by":
            doers |= words
        elif dep[child] in ("dobj", "nsubjpass", "obj") or dep[child] == "prep" and lower[child] in ("on", "against", "at", "of"):
            victims |= words
        elif dep[child] in ("compound", "amod", "poss") and table.pos[trigger] == "NOUN":
            doers |= words
    head = table.head[trigger]
    if dep[trigger] in ("acl", "relcl", "amod") and table.pos[head] in ("NOUN", "PROPN"):
        (victims if table.tag[trigger] == "VBN" else doers).add(table.lemma[head])
    return frozenset(doers), frozenset(victims)


def _lemmas(table: TokenTable, tokens: Iterable[int]) -> frozenset[str]:
    """Lowercase lemmas, the month March left out (it is no march)."""
    return frozenset(table.lemma[i] for i in tokens if table.text[i] != "March")


def _object_nouns(trigger: Token) -> frozenset[str]:
    """Lemmas of the nouns the trigger acts on, not of their modifiers ("weapons", not the "rocket" of a rocket-launching site)."""
    table = token_table(trigger.doc)
    nouns: set[str] = set()
    for child in table.children[trigger.i]:
        if table.dep[child] not in ("dobj", "nsubjpass", "obj"):
            continue
        for token in table.subtree(child):
            path = [token, *(a for a in table.ancestors(token) if a != child and child in table.ancestors(a))]
            if not any(table.dep[t] in ("compound", "amod", "npadvmod", "nmod", "poss") for t in path):
                nouns.add(table.lemma[token])
    return frozenset(nouns)


def _outside_relative_clauses(table: TokenTable, head: int) -> list[int]:
    """The words of ``head``'s subtree that are not in a relative clause below it ("the men *who fired* were arrested")."""
    subtree = table.subtree(head)
    inside = {t for clause in subtree if table.dep[clause] == "relcl" and clause != head for t in table.subtree(clause)}
    return [t for t in subtree if t not in inside]


def _without_grievances(trigger: Token) -> str:
    """The trigger's sentence without what it protests against ("against police violence", "to denounce the killings")."""
    table = token_table(trigger.doc)
    dep, lemma = table.dep, table.lemma
    sentence = range(table.sent_start[trigger.i], table.sent_end[trigger.i])
    dropped: set[int] = set()
    for token in sentence:
        grievance = (
            dep[token] == "prep" and table.lower[token] in GRIEVANCE_PREPOSITIONS
            or dep[token] in ("xcomp", "advcl", "acl", "relcl") and lemma[token] in GRIEVANCE_VERBS
            or lemma[token] in MOURNING_NOUNS
        )  # fmt: skip
        if grievance and token != trigger.i:
            dropped.update(t for t in table.subtree(token) if t != trigger.i)
    return " ".join(table.text[t] for t in sentence if t not in dropped)


def _is_state(actor: ActorRef | None) -> bool:
    return actor is not None and (actor.type == "country" and actor.role in (None, *STATE_ROLES) or actor.role in STATE_ROLES)


def _is_armed(actor: ActorRef | None) -> bool:
    return actor is not None and (actor.role in ARMED_ROLES or actor.type == "country" and actor.role is None)
