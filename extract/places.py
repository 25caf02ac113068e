"""Place enrichment: resolve each Place entity against the offline gazetteer.

A resolved place gets its coordinates, country, feature class and GeoNames id as entity
attributes (``graph.build`` copies them onto the node), and places that contain one
another get ``partOf`` relations (Kunar partOf Afghanistan; Jalalabad partOf Nangarhar)
whose provenance is the gazetteer, not an article: method ``"gazetteer:geonames"``,
confidence 1.0, and an :class:`~newskg.model.Evidence` whose ``doc_id`` is
:data:`GAZETTEER_SOURCE`, which names no document node.

Runs after cross-document resolution and before ``build_graph``::

    corpus = enrich_places(resolve(extractions))
"""

from __future__ import annotations

import dataclasses

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from extract import gazetteer
from extract.gazetteer import FEATURE_ADMIN1, FEATURE_CITY, FEATURE_COUNTRY, Place, fold
from newskg.model import Corpus, Entity, Evidence, Relation

GAZETTEER_SOURCE = "gazetteer:geonames"
PART_OF = "partOf"

# The attribute keys this module owns; any other attribute an entity carries is kept.
PLACE_ATTRIBUTES = (
    "latitude",
    "longitude",
    "country",
    "country_name",
    "feature_class",
    "place_kind",
    "geonames_id",
    "admin1_code",
    "iso_3166_2",
    "coordinates_from",
    "gazetteer",
)

# Why a point stands for the place: maps should not draw a country's capital as its centre
# without saying so.
_COORDINATES_FROM = {FEATURE_COUNTRY: "capital", FEATURE_ADMIN1: "largest place", FEATURE_CITY: "place"}

# A city at least this big that shares its name with its own area ("Kabul", "Herat") is
# what the news means by the bare name; smaller ones are read as the area.
_CITY_OVER_AREA_POPULATION = 100_000


def resolve_place(names: Iterable[str], *, context_countries: frozenset[str] = frozenset()) -> Place | None:
    """The gazetteer place meant by an entity called ``names`` (label first, then aliases).

    Among equally named candidates, places in ``context_countries`` (countries named in
    the same documents) come first, then countries, areas and cities by size.
    """
    for name in names:
        # "West", "Central": pycountry names areas so, but in news they are rarely the area.
        candidates = tuple(
            place
            for place in (gazetteer.lookup(name) or gazetteer.lookup_qualified(name))
            if place.feature_class != FEATURE_ADMIN1 or not gazetteer.is_generic_area_name(place.name)
        )
        if not candidates:
            continue
        in_context = [place for place in candidates if place.country in context_countries]
        chosen = (in_context or list(candidates))[0]
        return _prefer_namesake_city(chosen, candidates)
    return None


def _prefer_namesake_city(chosen: Place, candidates: tuple[Place, ...]) -> Place:
    if chosen.feature_class != FEATURE_ADMIN1:
        return chosen
    for place in candidates:
        if (
            place.feature_class == FEATURE_CITY
            and place.country == chosen.country
            and place.admin1 == chosen.admin1
            and place.population >= _CITY_OVER_AREA_POPULATION
            and fold(place.name) == fold(chosen.name)
        ):
            return place
    return chosen


def place_attributes(place: Place) -> tuple[tuple[str, str | int | float], ...]:
    """The node attributes of a resolved place, in a fixed order (JSON-serializable values)."""
    nation = gazetteer.country(place.country)
    values: dict[str, str | int | float | None] = {
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country": place.country,
        "country_name": nation.name if nation else None,
        "feature_class": place.feature_class,
        "place_kind": place.kind,
        "geonames_id": place.geonames_id,
        "admin1_code": place.admin1,
        "iso_3166_2": place.iso_3166_2,
        "coordinates_from": _COORDINATES_FROM[place.feature_class] if place.latitude is not None else None,
        "gazetteer": "geonames",
    }
    return tuple((key, value) for key, value in values.items() if value is not None)


def _place_key(place: Place) -> tuple[str, str, str, str]:
    """Identity of a gazetteer place: a country by code, an area by its admin1 code, a city by name too."""
    if place.feature_class == FEATURE_COUNTRY:
        return (place.feature_class, place.country, "", "")
    named = place.feature_class == FEATURE_CITY or not place.admin1
    return (place.feature_class, place.country, place.admin1 or "", fold(place.name) if named else "")


def _context_countries(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Per document, the countries its Place entities unambiguously name."""
    countries_by_doc: dict[str, set[str]] = defaultdict(set)
    for entity in corpus.entities:
        if entity.type != "Place":
            continue
        candidates = gazetteer.lookup(entity.label)
        if candidates and candidates[0].feature_class == FEATURE_COUNTRY:
            for doc_id in entity.doc_ids:
                countries_by_doc[doc_id].add(candidates[0].country)
    return {doc_id: frozenset(codes) for doc_id, codes in countries_by_doc.items()}


def _describe(child: Place, parent: Place) -> str:
    what = {FEATURE_ADMIN1: "a first-level administrative area", FEATURE_CITY: "a populated place"}.get(
        child.feature_class, "a place"
    )
    code = f" ({child.iso_3166_2})" if child.iso_3166_2 else ""
    return f"GeoNames: {child.name}{code} is {what} in {parent.name}."


def part_of_relation(child_id: str, child: Place, parent_id: str, parent: Place) -> Relation:
    """``child partOf parent``, with the gazetteer as its source."""
    text = _describe(child, parent)
    return Relation(
        subject=child_id,
        predicate=PART_OF,
        object=parent_id,
        confidence=1.0,
        evidence=Evidence(doc_id=GAZETTEER_SOURCE, sentence=0, start=0, end=len(text), text=text),
        method=GAZETTEER_SOURCE,
    )


def enrich_places(corpus: Corpus) -> Corpus:
    """A copy of ``corpus`` whose Place entities carry gazetteer attributes, plus ``partOf`` relations.

    Places the gazetteer does not know are left as they are. ``partOf`` links only places
    that are entities of this corpus: a city to its area and to its country, an area to
    its country, when those are named somewhere in the input.
    """
    context = _context_countries(corpus)
    resolved: dict[str, Place] = {}
    entities: list[Entity] = []
    for entity in corpus.entities:
        if entity.type != "Place":
            entities.append(entity)
            continue
        countries = frozenset().union(*(context.get(doc_id, frozenset()) for doc_id in entity.doc_ids))
        place = resolve_place((entity.label, *entity.aliases), context_countries=countries)
        if place is None:
            entities.append(entity)
            continue
        resolved[entity.id] = place
        kept = tuple((key, value) for key, value in entity.attributes if key not in PLACE_ATTRIBUTES)
        entities.append(replace(entity, attributes=kept + place_attributes(place)))

    # Several entities can resolve to one place ("U.S." and "America" before the resolver
    # merges them); the most mentioned one stands for it as a parent.
    entity_by_place: dict[tuple[str, str, str, str], str] = {}
    mention_counts = {entity.id: entity.mention_count for entity in corpus.entities}
    for entity_id in sorted(resolved, key=lambda i: (-mention_counts[i], i)):
        entity_by_place.setdefault(_place_key(resolved[entity_id]), entity_id)

    relations = list(corpus.relations)
    for entity_id in sorted(resolved):
        child = resolved[entity_id]
        for parent in gazetteer.parents(child):
            parent_id = entity_by_place.get(_place_key(parent))
            if parent_id is not None and parent_id != entity_id:
                relations.append(part_of_relation(entity_id, child, parent_id, parent))
    return dataclasses.replace(corpus, entities=entities, relations=relations)
