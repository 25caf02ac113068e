"""A place set off by a comma before the place it lies in, with the real model."""

from __future__ import annotations


def test_relations_place_set_off_in_place(extractor, rule_triples):
    found = rule_triples(extractor, "The band played at the Palace of Fine Arts , in San Francisco , on June 30 .")
    assert ("Palace of Fine Arts", "partOf", "San Francisco") in found
    found = rule_triples(extractor, "Ahmed Kaci , the mayor of Mohammadia , south-east Algeria , was elected in May .")
    assert ("Mohammadia", "partOf", "Algeria") in found


def test_relations_place_set_off_needs_a_state_after_the_compass(extractor, rule_triples):
    # "in 1950" is a time, and a compass word before a town that is no state or country says nothing.
    found = rule_triples(extractor, "The band played in Boston , in 1950 , and later in Denver .")
    assert not any(relation[1] == "partOf" for relation in found)
    found = rule_triples(extractor, "Trucks drove from Denver , north to Boulder , on Monday .")
    assert ("Denver", "partOf", "Boulder") not in found


def test_relations_place_possessive_kind_names_the_part(extractor, rule_triples):
    found = rule_triples(extractor, "Bosnia 's capital , Sarajevo , is best known as the site of the assassination .")
    assert ("Sarajevo", "partOf", "Bosnia") in found


def test_relations_place_possessive_kind_needs_the_name_after_the_comma(extractor, rule_triples):
    found = rule_triples(extractor, "France 's capital , said Mark Hollis , is far away .")
    assert not any(relation[1] == "partOf" for relation in found)


def test_relations_place_in_place_past_a_misread_object(extractor, rule_triples):
    # The parser makes "basketball" the object of the second "in"; the words still name Indiana.
    found = rule_triples(extractor, "The brothers , who grew up in Bedford in southern Indiana playing basketball , split .")
    assert ("Bedford", "partOf", "Indiana") in found
    # An "in" that names no place after the town gives nothing.
    found = rule_triples(extractor, "The brothers grew up in Bedford in the years after the war , near Indiana .")
    assert ("Bedford", "partOf", "Indiana") not in found


def test_relations_state_abbreviation_closes_its_town_in_a_list(extractor, rule_triples):
    found = rule_triples(extractor, "In Pittsburgh , Dade County , Fla. , and Rochester , N.Y. , teachers signed new contracts .")
    assert ("Dade County", "partOf", "Fla.") in found
    assert ("Rochester", "partOf", "N.Y.") in found


def test_relations_list_of_peer_places_stays_side_by_side(extractor, rule_triples):
    # Spelled-out states in a list are peers, not containers.
    found = rule_triples(extractor, "Storms hit Kansas , Texas , and Oklahoma on Monday .")
    assert ("Kansas", "partOf", "Texas") not in found


def test_relations_one_of_the_towns_in_place(extractor, rule_triples):
    found = rule_triples(extractor, "Few people live in Port Nolloth , one of the few towns in South Africa that still has a harbor .")
    assert ("Port Nolloth", "partOf", "South Africa") in found


def test_relations_one_of_needs_a_kind_of_place(extractor, rule_triples):
    # "one of the few reporters in South Africa" describes no place.
    found = rule_triples(extractor, "They met Port Nolloth , one of the few reporters in South Africa , on Monday .")
    assert ("Port Nolloth", "partOf", "South Africa") not in found
