"""Load the knowledge files (actors, agents, countries, places, verbs, CAMEO table).

The packaged files live in ``crisislens/knowledge/data``. Users overlay their own
with ``load_knowledge(extra_dirs=[...])`` (CLI: ``--knowledge DIR``): a file of the
same name in an extra directory adds entries, and an entry with an existing id
replaces the packaged one. Errors name ``file:line``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from crisislens.errors import KnowledgeError

AGENT_ROLES = frozenset(
    "GOV MIL COP REB OPP PTY LEG JUD SPY MED CVL REF BUS NGO IGO UAF RAD REL HLH EDU ELI LAB "
    "AGR CRM ENV SET IMG".split()
)
ACTOR_TYPES = frozenset({"person", "organization", "group", "country"})
# The code of a verb rule that marks idioms which name no event ("seized on his death").
NOT_AN_EVENT = ""


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    capital_aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    capital_lat: float | None
    capital_lon: float | None


@dataclass(frozen=True, slots=True)
class KnownActor:
    actor_id: str
    name: str
    type: str
    country: str | None
    role: str | None
    aliases: tuple[str, ...]
    short: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CodePeriod:
    """An actor code that applies only between two dates ("[HOBGOV 20121109-20130119]"); ``code`` is "" for a null code."""

    code: str
    start: date | None  # inclusive; None = open
    end: date | None  # inclusive; None = open

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


@dataclass(frozen=True, slots=True)
class VerbRule:
    code: str
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    objects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    lat: float
    lon: float
    population: int | None
    geonameid: int | None = None
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the pipeline knows about the world, loaded once and passed in."""

    countries: tuple[Country, ...]
    actors: tuple[KnownActor, ...]
    agents: Mapping[str, str]
    titles: Mapping[str, str | None]
    cameo: Mapping[str, CameoCode]
    verb_rules: tuple[VerbRule, ...]
    places: tuple[GazetteerPlace, ...]
    # Actor name (normalized) -> the codes the actor so named takes in given periods; the first covering one wins.
    dated_codes: Mapping[str, tuple[CodePeriod, ...]] = field(default_factory=dict)
    # Actor name (normalized) -> the codes of further actors it names as well ("The Shire" FRO, BIL and SAM).
    joint_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Agent roles whose code goes before their owner's, not after ("MSF Arnor" NGOARN, "Arnor police" ARNCOP).
    prefix_roles: frozenset[str] = frozenset()
    # A news outlet's home town ("Nashville, TN"), by broadcaster call sign ("WSMV") or web domain ("suntimes.com").
    outlets: Mapping[str, str] = field(default_factory=dict)

    def cameo_code(self, code: str) -> CameoCode:
        """The CAMEO record for ``code``, falling back to its parent codes."""
        for length in range(len(code), 1, -1):
            found = self.cameo.get(code[:length])
            if found is not None:
                return found
        raise KnowledgeError(f"unknown CAMEO code {code!r}")


def _data_files(name: str, extra_dirs: Sequence[Path]) -> Iterator[Path]:
    packaged = resources.files("crisislens.knowledge") / "data" / name
    yield Path(str(packaged))
    for directory in extra_dirs:
        candidate = Path(directory) / name
        if candidate.is_file():
            yield candidate


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's parser: 4x faster
    """A YAML loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path}: invalid YAML: {error}") from error


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a CSV file with their ``file:line`` location."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield f"{path}:{reader.line_num}", {k: (v or "").strip() for k, v in row.items() if k}


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split("|") if part.strip())


def _float(value: str, where: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError as error:
        raise KnowledgeError(f"{where}: not a number: {value!r}") from error


def _load_countries(extra_dirs: Sequence[Path]) -> tuple[Country, ...]:
    by_code: dict[str, Country] = {}
    for path in _data_files("countries.csv", extra_dirs):
        for where, row in _csv_rows(path):
            iso3 = row.get("iso3", "")
            if len(iso3) != 3 or not iso3.isupper():
                raise KnowledgeError(f"{where}: iso3 must be three capital letters, got {iso3!r}")
            by_code[iso3] = Country(
                iso3=iso3,
                name=row["name"],
                aliases=_split(row.get("aliases")),
                demonyms=_split(row.get("demonyms")),
                capital=row.get("capital", ""),
                capital_aliases=_split(row.get("capital_aliases")),
                lat=_float(row.get("lat", ""), where),
                lon=_float(row.get("lon", ""), where),
                capital_lat=_float(row.get("capital_lat", ""), where),
                capital_lon=_float(row.get("capital_lon", ""), where),
            )
    return tuple(by_code.values())


def _check_role(role: Any, where: str) -> str | None:
    if role is None:
        return None
    if role not in AGENT_ROLES:
        raise KnowledgeError(f"{where}: unknown CAMEO agent role {role!r}")
    return str(role)


def _load_actors(extra_dirs: Sequence[Path]) -> tuple[KnownActor, ...]:
    by_id: dict[str, KnownActor] = {}
    for path in _data_files("actors.yaml", extra_dirs):
        entries = _read_yaml(path) or []
        if not isinstance(entries, list):
            raise KnowledgeError(f"{path}: expected a list of actors")
        for entry in entries:
            where = f"{path}:{entry.get('__line__', '?')}"
            if "id" not in entry or "name" not in entry:
                raise KnowledgeError(f"{where}: an actor needs 'id' and 'name'")
            actor_type = entry.get("type", "group")
            if actor_type not in ACTOR_TYPES:
                raise KnowledgeError(f"{where}: unknown actor type {actor_type!r}")
            by_id[str(entry["id"])] = KnownActor(
                actor_id=str(entry["id"]),
                name=str(entry["name"]),
                type=actor_type,
                country=entry.get("country"),
                role=_check_role(entry.get("role"), where),
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                short=tuple(str(a) for a in entry.get("short") or ()),
            )
    return tuple(by_id.values())


def _load_word_roles(extra_dirs: Sequence[Path], section: str) -> dict[str, str | None]:
    words: dict[str, str | None] = {}
    for path in _data_files("agents.yaml", extra_dirs):
        document = _read_yaml(path) or {}
        for entry in document.get(section) or []:
            where = f"{path}:{entry.get('__line__', '?')}"
            role = _check_role(entry.get("role"), where)
            for word in entry.get("words") or []:
                words[str(word).lower()] = role
    return words


def _load_cameo(extra_dirs: Sequence[Path]) -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    for path in _data_files("cameo.csv", extra_dirs):
        for where, row in _csv_rows(path):
            goldstein = _float(row.get("goldstein", ""), where)
            quad = row.get("quad_class", "")
            if goldstein is None or not quad.isdigit():
                raise KnowledgeError(f"{where}: a CAMEO row needs goldstein and quad_class")
            table[row["code"]] = CameoCode(
                code=row["code"],
                name=row.get("name", ""),
                goldstein=goldstein,
                quad_class=int(quad),
                plover=row.get("plover") or None,
            )
    return table


def _load_verbs(extra_dirs: Sequence[Path], cameo: Mapping[str, CameoCode]) -> tuple[VerbRule, ...]:
    packaged, *user_files = list(_data_files("verbs.yaml", extra_dirs))
    rules: list[VerbRule] = []
    # User rules come first so they win over the packaged lexicon.
    for path in [*user_files, packaged]:
        for entry in _read_yaml(path) or []:
            where = f"{path}:{entry.get('__line__', '?')}"
            if "not_events" in entry:
                objects = tuple(str(o).lower() for o in entry.get("objects") or ())
                rules.append(VerbRule(code=NOT_AN_EVENT, verbs=tuple(str(v).lower() for v in entry["not_events"]), nouns=(), objects=objects))
                continue
            code = str(entry.get("code", ""))
            if code not in cameo:
                raise KnowledgeError(f"{where}: unknown CAMEO code {code!r}")
            rules.append(
                VerbRule(
                    code=code,
                    verbs=tuple(str(v).lower() for v in entry.get("verbs") or ()),
                    nouns=tuple(str(n).lower() for n in entry.get("nouns") or ()),
                    objects=tuple(str(o).lower() for o in entry.get("objects") or ()),
                )
            )
    return tuple(rules)


def _load_places(extra_dirs: Sequence[Path]) -> tuple[GazetteerPlace, ...]:
    places: list[GazetteerPlace] = []
    for path in _data_files("places.csv", extra_dirs):
        for where, row in _csv_rows(path):
            lat, lon = _float(row.get("lat", ""), where), _float(row.get("lon", ""), where)
            if lat is None or lon is None:
                raise KnowledgeError(f"{where}: a place needs lat and lon")
            population = row.get("population", "")
            geonameid = row.get("geonameid", "")
            if geonameid and not geonameid.isdigit():
                raise KnowledgeError(f"{where}: geonameid must be a number, got {geonameid!r}")
            places.append(
                GazetteerPlace(
                    name=row["name"],
                    aliases=_split(row.get("aliases")),
                    kind=row.get("kind") or "city",
                    country=row.get("country") or None,
                    lat=lat,
                    lon=lon,
                    population=int(float(population)) if population else None,
                    geonameid=int(geonameid) if geonameid else None,
                    admin1=row.get("admin1") or None,
                )
            )
    return tuple(places)


def _load_outlets(extra_dirs: Sequence[Path]) -> dict[str, str]:
    """``outlets.csv``: the home town of well-known US local news outlets, by call sign (upper case) or web domain
    (lower case). The packaged rows are public facts: a station's city of licence, a newspaper's city. A user's file
    overrides a packaged row; one file naming an outlet twice is an error."""
    outlets: dict[str, str] = {}
    for path in _data_files("outlets.csv", extra_dirs):
        first_row: dict[str, str] = {}
        for where, row in _csv_rows(path):
            outlet, home = row.get("outlet", ""), row.get("home", "")
            if not outlet or "," not in home:
                raise KnowledgeError(f"{where}: an outlet needs its home as 'Town, State', got {home!r}")
            key = outlet if outlet.isupper() else outlet.lower()
            if key in first_row:
                raise KnowledgeError(f"{where}: outlet {outlet!r} is already given at {first_row[key]}")
            first_row[key] = where
            outlets[key] = home
    return outlets


def load_knowledge(extra_dirs: Sequence[Path | str] = ()) -> Knowledge:
    """Load the packaged knowledge plus the user's own files.

    Args:
        extra_dirs: directories holding any of ``actors.yaml``, ``agents.yaml``,
            ``countries.csv``, ``places.csv``, ``verbs.yaml``, ``cameo.csv``, ``outlets.csv``.

    Returns:
        A frozen ``Knowledge``.

    Example:
        >>> knowledge = load_knowledge()
        >>> knowledge.cameo_code("190").quad_class
        4
    """
    dirs = [Path(d) for d in extra_dirs]
    for directory in dirs:
        if not directory.is_dir():
            raise KnowledgeError(f"{directory}: not a directory")
    cameo = _load_cameo(dirs)
    return Knowledge(
        countries=_load_countries(dirs),
        actors=_load_actors(dirs),
        agents={w: r for w, r in _load_word_roles(dirs, "agents").items() if r},
        titles=_load_word_roles(dirs, "titles"),
        cameo=cameo,
        verb_rules=_load_verbs(dirs, cameo),
        places=_load_places(dirs),
        outlets=_load_outlets(dirs),
    )
