"""Typing and splitting names by the evidence around them, on news-like sentences with the real model.

Towns before their state ("Tupelo, Miss."), people described as people ("Okafor, 34,"),
places in place syntax, and news sources after the city they report from.
"""

from __future__ import annotations

import pytest

from extract import gazetteer
from newskg.model import Document, content_id


def test_mentions_typing_town_before_state_abbreviation_is_a_place(extractor, typed):
    found = typed(extractor, "The furniture maker, based in Tupelo, Miss., said it would hire 200 workers.")
    assert found == {"Tupelo": "Place", "Miss": "Place"}


def test_mentions_typing_all_caps_dateline_town_is_a_place(extractor, typed):
    found = typed(extractor, "DAYTON, Ohio (AP) - City officials closed two bridges on Monday.")
    assert found.get("DAYTON") == "Place" and found.get("Ohio") == "Place"


def test_mentions_typing_state_abbreviation_missed_by_ner_is_found(extractor, typed):
    found = typed(extractor, "The newspaper was printed in Gary, Ind., until the plant closed.")
    assert found.get("Gary") == "Place" and found.get("Ind") == "Place"


def test_mentions_typing_miss_before_a_name_stays_a_title(extractor, typed):
    found = typed(extractor, "The prize was accepted on her behalf, Miss Ellen Park told reporters.")
    assert "Miss" not in found
    assert any("Ellen Park" in name and kind == "Person" for name, kind in found.items())


def test_mentions_typing_list_of_places_is_not_read_as_town_and_state(extractor, typed):
    found = typed(extractor, "She moved from Austin, Texas, to Portland, Maine, in 2015.")
    assert found == {"Austin": "Place", "Texas": "Place", "Portland": "Place", "Maine": "Place"}


def test_mentions_typing_name_with_age_is_a_person(extractor, typed):
    assert typed(extractor, "Okafor, 34, was arrested on Tuesday after a traffic stop.") == {"Okafor": "Person"}


def test_mentions_typing_name_with_person_appositive_is_a_person(extractor, typed):
    found = typed(extractor, "Marchetti, a retired police officer, said the building had been empty for years.")
    assert found == {"Marchetti": "Person"}


def test_mentions_typing_owner_of_a_relative_is_a_person(extractor, typed):
    assert typed(extractor, "Delgado's wife said he had not been seen since Friday.") == {"Delgado": "Person"}


def test_mentions_typing_person_named_like_a_town_stays_a_person(extractor, typed):
    assert typed(extractor, "Protesters shouted at Kennedy as the motorcade passed.") == {"Kennedy": "Person"}


def test_mentions_typing_surname_joins_the_full_name_in_the_document(extractor):
    text = "Fans gathered outside the building where John Lennon lived, and left flowers at Lennon's door."
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    people = {m.text: m.normalized for m in extraction.mentions if m.entity_type == "Person"}
    assert people == {"John Lennon": "John Lennon", "Lennon": "John Lennon"}


def test_mentions_typing_region_the_gazetteer_knows_is_a_place(extractor, typed):
    assert typed(extractor, "Voters in Crimea went to the polls on Sunday.") == {"Crimea": "Place"}


@pytest.mark.parametrize(
    "text, place, source",
    [
        ("Moscow ITAR-TASS reported the explosion at the depot.", "Moscow", "ITAR-TASS"),
        ("LD2504174394 Moscow ITAR-TASS in English 1654 GMT 25 Apr 94", "Moscow", "ITAR-TASS"),
        ("Paris Radio France International carried the interview on Sunday.", "Paris", "Radio France International"),
    ],
)
def test_mentions_typing_source_after_its_city_is_split_off(extractor, text, place, source, typed):
    found = typed(extractor, text)
    assert found.get(place) == "Place" and found.get(source) == "Organization", found
    assert not any(name.startswith("LD") for name in found)


def test_gazetteer_state_abbreviations_only_in_their_own_case():
    assert gazetteer.us_state_for_abbreviation("Tenn.") == "Tennessee"
    assert gazetteer.us_state_for_abbreviation("N.Y.") == "New York"
    assert gazetteer.us_state_for_abbreviation("MISS") is None
    assert not gazetteer.is_place_name("Miss")  # never a place outside "Town, Miss."
    assert gazetteer.is_us_state_name("Texas") and not gazetteer.is_us_state_name("Ontario")


def test_mentions_typing_person_of_town_before_state_is_split(extractor, typed):
    found = typed(extractor, "One letter came from his sister, Peggy Moore of Batavia, N.Y., who wrote weekly.")
    assert found == {"Peggy Moore": "Person", "Batavia": "Place", "N.Y": "Place"}


def test_mentions_typing_university_of_a_town_is_not_split(extractor, typed):
    found = typed(extractor, "She taught at the University of Chicago, Ill., for a decade.")
    assert found.get("University of Chicago") == "Organization", found


def test_mentions_typing_continents_and_common_country_names_are_places(extractor, typed):
    # Single common words the gazetteer's GeoNames names lack: "Africa" (a continent), "Netherlands"
    # (GeoNames: "The Netherlands"), "U.S" (its period taken by the sentence's).
    found = typed(extractor, "The drought spread from Kenya across eastern Africa , a Netherlands aid group said .")
    assert found.get("Africa") == "Place" and found.get("Netherlands") == "Place"
    assert typed(extractor, "Officials said the ship was bound for the U.S").get("U.S") == "Place"
    # Common words NER calls places are still dropped where no place has that name.
    assert "War" not in typed(extractor, "He wrote a history of the War in Afghanistan .")


def test_gazetteer_common_country_names_and_continents():
    assert gazetteer.best_match("Netherlands").name == "The Netherlands"
    assert gazetteer.best_match("Burma").name == "Myanmar"
    assert gazetteer.is_continent("Europe") and gazetteer.is_continent("the Americas")
    assert not gazetteer.is_continent("Kabul")


def test_mentions_typing_soviet_names_the_state(extractor, typed):
    found = typed(extractor, "The order was disclosed in a little-known work by dissident Soviet historian Roy Medvedev .")
    assert found.get("Soviet") == "Place" and found.get("Roy Medvedev") == "Person"
    # Nationalities still name people, not places.
    assert "American" not in typed(extractor, "The American volunteers left Washington on Monday .")


def test_mentions_typing_person_ends_before_their_possessive(extractor, typed):
    found = typed(extractor, "Prime Minister Brian Mulroney 's Progressive Conservative Party won a second majority .")
    assert found.get("Brian Mulroney") == "Person"
    assert not any("'s" in name for name in found)


def test_mentions_typing_soviet_union_is_a_country_not_an_organization(extractor, typed):
    found = typed(extractor, "The talks were held at the request of the Soviet Union , the European Union said .")
    assert found.get("Soviet Union") == "Place" and found.get("European Union") == "Organization"
    assert gazetteer.best_match("USSR").name == "Soviet Union"


def test_mentions_typing_place_words_and_datelines_make_places(extractor, typed):
    # A capitalized place noun ends the name: forests, rivers and parishes are places, not organizations.
    found = typed(extractor, "Crews fought a blaze in the Bitterroot National Forest near the Clearwater River on Sunday .")
    assert found.get("Bitterroot National Forest") == "Place", found
    assert found.get("Clearwater River") == "Place", found
    # A state at the head of a sentence, before a colon, is a dateline (NER may call it a person).
    found = typed(extractor, "Montana : A fire burning in grassland became the state 's biggest fire of the summer .")
    assert found.get("Montana") == "Place", found
    # A surname that is also a place noun keeps NER's person label.
    assert typed(extractor, "Director Michael Bay said the film would open in June .").get("Michael Bay") == "Person"


def test_mentions_typing_kind_noun_and_possessions_decide_the_type(extractor, typed):
    # A lowercase noun right before a name says what it is, whatever NER guessed (here a place).
    found = typed(extractor, "The Peruvian mining company Minsur said output at the mine rose in May .")
    assert found.get("Minsur") == "Organization", found
    # A name whose mayor or streets the sentence talks of is a town (NER: an organization).
    found = typed(extractor, "Toddington 's mayor said the bridge would reopen .")
    assert found.get("Toddington") == "Place", found


def test_mentions_typing_assassinated_or_at_home_is_a_person(extractor, typed):
    # Only people are assassinated or have a home: NER's place gives way.
    assert typed(extractor, "The museum marks the assassination of Garfield in 1881 .").get("Garfield") == "Person"
    found = typed(extractor, "Agents arrived at Koenig 's Ohio home before dawn and arrested him .")
    assert found.get("Koenig") == "Person" and found.get("Ohio") == "Place", found
    # A country stays a place whatever happens to it.
    assert typed(extractor, "He wrote about the death of Yugoslavia .").get("Yugoslavia") == "Place"


def test_mentions_typing_names_before_parishes_or_counties_are_places(extractor, typed):
    found = typed(extractor, "Flooding closed roads in Tensas and Concordia parishes on Sunday .")
    assert found == {"Tensas": "Place", "Concordia": "Place"}
