"""Place enrichment against the offline gazetteer: attributes, disambiguation, partOf provenance."""

from __future__ import annotations

import pytest

from extract import gazetteer
from extract.places import GAZETTEER_SOURCE, enrich_places, resolve_place
from graph.build import build_graph, relation_edges
from newskg.model import Corpus, Document, Entity, Mention


def _attributes(corpus: Corpus, entity_id: str) -> dict:
    return dict(next(e for e in corpus.entities if e.id == entity_id).attributes)


def test_places_enrich_gives_coordinates_country_and_feature_class(news_corpus):
    enriched = enrich_places(news_corpus)
    kunar = _attributes(enriched, "place/kunar")
    assert kunar["country"] == "AF"
    assert kunar["country_name"] == "Afghanistan"
    assert kunar["feature_class"] == "A.ADM1"
    assert kunar["iso_3166_2"] == "AF-KNR"
    # Asadabad, Kunar's seat, stands for the province.
    assert kunar["latitude"] == pytest.approx(34.87, abs=0.05)
    assert kunar["longitude"] == pytest.approx(71.15, abs=0.05)
    assert kunar["coordinates_from"] == "largest place"
    afghanistan = _attributes(enriched, "place/afghanistan")
    assert afghanistan["feature_class"] == "A.PCLI"
    assert afghanistan["geonames_id"] == 1149361
    kabul = _attributes(enriched, "place/kabul")
    assert kabul["place_kind"] == "city"  # the bare name is the city, not Kabul province
    assert kabul["geonames_id"] == 1138958


def test_places_enrich_leaves_other_entities_alone(news_corpus):
    enriched = enrich_places(news_corpus)
    assert _attributes(enriched, "organization/taliban") == {}
    assert [e.id for e in enriched.entities] == [e.id for e in news_corpus.entities]
    assert news_corpus.entities[0].attributes == ()  # the input corpus is not changed


def test_places_partof_comes_from_the_gazetteer(news_corpus):
    enriched = enrich_places(news_corpus)
    part_of = {(r.subject, r.object): r for r in enriched.relations if r.predicate == "partOf"}
    assert set(part_of) == {("place/kunar", "place/afghanistan"), ("place/kabul", "place/afghanistan")}
    kunar = part_of[("place/kunar", "place/afghanistan")]
    assert kunar.method == GAZETTEER_SOURCE == "gazetteer:geonames"
    assert kunar.confidence == 1.0
    assert kunar.evidence.doc_id == GAZETTEER_SOURCE
    assert "Kunar" in kunar.evidence.text and "Afghanistan" in kunar.evidence.text


def test_places_partof_edges_survive_build_graph(news_corpus):
    graph = build_graph(enrich_places(news_corpus))
    edges = {(u, v): d for u, v, key, d in relation_edges(graph) if key == "partOf"}
    edge = edges[("place/kunar", "place/afghanistan")]
    assert edge["methods"] == ["gazetteer:geonames"]
    assert edge["evidence"][0]["doc_id"] == "gazetteer:geonames"
    assert edge["first_seen"] is None  # the gazetteer has no publication date
    assert graph.nodes["place/kunar"]["latitude"] == pytest.approx(34.87, abs=0.05)


def _place_corpus(text: str, names: list[str]) -> Corpus:
    document = Document("doc-1", text, "t.txt")
    entities = []
    for name in names:
        start = text.index(name)
        mention = Mention("doc-1", 0, start, start + len(name), name, "GPE", "Place")
        entities.append(Entity(f"place/{name.lower()}", "Place", name, (), (mention,)))
    return Corpus(documents=[document], entities=entities)


@pytest.mark.parametrize(("country_name", "country_code"), [("India", "IN"), ("Afghanistan", "AF")])
def test_places_ambiguous_city_follows_the_countries_of_its_document(country_name, country_code):
    corpus = enrich_places(_place_corpus(f"Protests in Jalalabad, {country_name}.", ["Jalalabad", country_name]))
    assert _attributes(corpus, "place/jalalabad")["country"] == country_code


def test_places_city_partof_its_area_and_country():
    corpus = enrich_places(_place_corpus("Jalalabad, Nangarhar, Afghanistan.", ["Jalalabad", "Nangarhar", "Afghanistan"]))
    links = {(r.subject, r.object) for r in corpus.relations if r.predicate == "partOf"}
    assert links == {
        ("place/jalalabad", "place/nangarhar"),
        ("place/jalalabad", "place/afghanistan"),
        ("place/nangarhar", "place/afghanistan"),
    }


def test_places_unknown_and_generic_names_stay_unresolved():
    assert resolve_place(["Talibros"]) is None
    assert resolve_place(["West"]) is None  # pycountry has areas called "West"; news rarely means them
    corpus = enrich_places(_place_corpus("Talibros went West.", ["Talibros", "West"]))
    assert all(entity.attributes == () for entity in corpus.entities)
    assert corpus.relations == []


def test_gazetteer_first_level_areas_have_coordinates_and_english_names():
    for name in ("Kunar", "Nuristan", "Helmand", "Nangarhar"):
        place = gazetteer.best_match(name)
        assert place is not None and place.feature_class == gazetteer.FEATURE_ADMIN1
        assert place.country == "AF" and place.latitude is not None
    basra = gazetteer.lookup("Basra")
    assert basra and basra[0].country == "IQ"
    assert gazetteer.parents(gazetteer.best_match("Kunar")) == (gazetteer.country("AF"),)


def test_gazetteer_lookup_still_types_names():
    assert gazetteer.is_place_name("Afghanistan")
    assert gazetteer.is_place_name("KUNAR")
    assert not gazetteer.is_place_name("Taliban")
    assert gazetteer.best_match("U.S.").country == "US"


def test_places_enrich_a_town_named_with_its_state_is_that_states_town():
    springfield = resolve_place(["Springfield, Ill."])
    assert (springfield.country, springfield.admin1) == ("US", "IL")
    assert resolve_place(["Tupelo, Mississippi"]).admin1 == "MS"
    assert resolve_place(["Washington, D.C."]).admin1 == "DC"
    assert resolve_place(["Kabul, Helmand"]) is None
