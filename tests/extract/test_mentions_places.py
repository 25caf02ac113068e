"""Places' names and types, on news-like sentences written for these tests, with the real model."""

from __future__ import annotations


def test_mentions_places_a_site_named_for_what_stands_there_is_a_place(extractor, typed):
    found = typed(extractor, "The fire spread toward Clear Air Force Station and closed Ontario Airport for a day .")
    assert found.get("Clear Air Force Station") == "Place"
    assert found.get("Ontario Airport") == "Place"


def test_mentions_places_a_singer_named_plant_stays_a_person(extractor, typed):
    found = typed(extractor, "Robert Plant sang in London on Friday .")
    assert found.get("Robert Plant") == "Person"


def test_mentions_places_a_known_place_ner_called_a_nationality_is_a_place(extractor, typed):
    found = typed(extractor, "The session was opened by Aleksandr Kruhlow , a 72-year-old deputy from Sevastopol , organizer of many meetings .")
    assert found.get("Sevastopol") == "Place"


def test_mentions_places_a_town_before_native_is_a_place(extractor, typed):
    found = typed(extractor, "The names were picked by actress Cybill Shepherd , a Memphis native and mother of twins .")
    assert found.get("Memphis") == "Place"
    assert found.get("Cybill Shepherd") == "Person"


def test_mentions_places_peoples_and_faiths_stay_out(extractor, typed):
    found = typed(extractor, "The Afghans and the Americans met Jews and Muslims in Kabul .")
    assert found == {"Kabul": "Place"}


def test_mentions_places_an_era_after_a_year_is_no_place(extractor, typed):
    found = typed(extractor, "Julius Caesar was assassinated in 44 B.C. by a group of nobles .")
    assert not any(name.startswith("B.C") for name in found)


def test_mentions_places_british_columbia_after_its_town_stays(extractor, typed):
    found = typed(extractor, "He moved to Vancouver , B.C. , in 1990 .")
    assert found.get("Vancouver") == "Place"
    assert found.get("B.C") == "Place"


def test_mentions_places_a_feature_noun_after_a_place_names_the_feature(extractor, typed):
    found = typed(extractor, "Flights at the Ontario airport were delayed .")
    assert found == {"Ontario airport": "Place"}
    found = typed(extractor, "Rainwater flows from the Najd plateau in northern Saudi Arabia to the west .")
    assert found.get("Najd plateau") == "Place"


def test_mentions_places_a_province_noun_is_no_feature(extractor, typed):
    found = typed(extractor, "Officials in Perugia said five people were arrested .")
    assert found.get("Perugia") == "Place"


def test_mentions_places_a_capitalized_province_word_ends_the_areas_name(extractor, typed):
    found = typed(extractor, "About 820,000 people in Buenos Aires Province eat at soup kitchens .")
    assert found == {"Buenos Aires Province": "Place"}


def test_mentions_places_a_large_city_ner_called_a_person_is_a_place(extractor, typed):
    found = typed(extractor, "A special group has left Moscow by plane en route to Vladivostok .")
    assert found.get("Vladivostok") == "Place"


def test_mentions_places_a_surname_that_is_also_a_city_stays_a_person(extractor, typed):
    found = typed(extractor, "The letter was written to Kennedy by an old friend .")
    assert found.get("Kennedy", "Person") == "Person"
