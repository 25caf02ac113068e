"""Places' names and types, on news-like sentences written for these tests, with the real model."""

from __future__ import annotations

from newskg.model import Document, content_id


def typed(extractor, text: str) -> dict[str, str]:
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    return {m.text.rstrip("."): m.entity_type for m in extraction.mentions}


def test_mentions_places_a_site_named_for_what_stands_there_is_a_place(extractor):
    found = typed(extractor, "The fire spread toward Clear Air Force Station and closed Ontario Airport for a day .")
    assert found.get("Clear Air Force Station") == "Place"
    assert found.get("Ontario Airport") == "Place"


def test_mentions_places_a_singer_named_plant_stays_a_person(extractor):
    found = typed(extractor, "Robert Plant sang in London on Friday .")
    assert found.get("Robert Plant") == "Person"
