"""Where organizations, people and places are: rules that place a name, with the real model.

Each rule has a sentence where the fact must come out and a near twin where it must not.
"""

from __future__ import annotations


def test_relations_source_line_places_the_source(extractor, rule_triples):
    found = rule_triples(extractor, "LD1203114595 Warsaw GAZETA WYBORCZA in Polish 11 Mar 95 p 3")
    assert ("GAZETA WYBORCZA", "locatedIn", "Warsaw") in found
    assert ("ROMPRES", "locatedIn", "Bucharest") in rule_triples(extractor, "Bucharest ROMPRES")


def test_relations_source_line_needs_a_whole_line(extractor, rule_triples):
    # The same two names opening a running sentence are no source line: the rule stays silent.
    assert ("BTA", "locatedIn", "Sofia") in rule_triples(extractor, "Sofia BTA")
    assert ("BTA", "locatedIn", "Sofia") not in rule_triples(extractor, "Sofia BTA said the talks would resume on Monday .")


def test_relations_source_line_document_numbers():
    from extract.relation_rules import is_document_number

    assert is_document_number("LD2504174394") and is_document_number("94WD0125D")
    assert not is_document_number("Monday") and not is_document_number("19940412")  # a date, no letters


def test_relations_organization_of_place(extractor, rule_triples):
    found = rule_triples(extractor, "The shipment was insured by Dunmore Holdings Inc. of Cleveland , officials said .")
    assert ("Dunmore Holdings Inc.", "locatedIn", "Cleveland") in found


def test_relations_organization_in_place_after_a_preposition(extractor, rule_triples):
    found = rule_triples(extractor, "The beef was processed by Hartley Packing Co. in Abilene and shipped north .")
    assert ("Hartley Packing Co.", "locatedIn", "Abilene") in found


def test_relations_organization_as_object_is_not_placed_by_the_verbs_place(extractor, rule_triples):
    # "sued X in Cleveland": where the suing happened, not where X is.
    found = rule_triples(extractor, "The company sued Dunmore Holdings in Cleveland last week .")
    assert ("Dunmore Holdings", "locatedIn", "Cleveland") not in found


def test_relations_place_in_place(extractor, rule_triples):
    found = rule_triples(extractor, "The storm knocked out power in Cortland in central New York on Monday .")
    assert ("Cortland", "partOf", "New York") in found
    assert ("Perugia", "partOf", "Umbria") in rule_triples(
        extractor, "Officials in Perugia in Umbria province said five people were held ."
    )


def test_relations_place_in_place_not_a_country_in_a_city(extractor, rule_triples):
    # Where a match was played is no part of the countries that played it.
    found = rule_triples(extractor, "The match between France and Germany in Paris drew a large crowd .")
    assert not {("France", "partOf", "Paris"), ("Germany", "partOf", "Paris")} & found
    assert ("Argentina", "partOf", "Rio de Janeiro") not in rule_triples(
        extractor, "Brazil beat Argentina in Rio de Janeiro on Sunday ."
    )


def test_relations_place_modifying_a_members_role_places_the_member(extractor, rule_triples):
    found = rule_triples(extractor, "The office belonged to Tacoma plastic surgeon Alan Marsh , police said .")
    assert ("Alan Marsh", "locatedIn", "Tacoma") in found
    assert ("Luis Soto", "locatedIn", "Peru") in rule_triples(
        extractor, "Peru 's deputy ambassador , Luis Soto , said the talks had failed ."
    )


def test_relations_place_of_a_former_role_places_nobody(extractor, rule_triples):
    found = rule_triples(extractor, "The film follows former Tacoma District Attorney Jim Hale through the trial .")
    assert not any(predicate == "locatedIn" for _, predicate, _ in found)


def test_relations_governor_abbreviation_leads_and_places(extractor, rule_triples):
    found = rule_triples(extractor, "Nevada Gov. Carla Ruiz signed the bill on Monday .")
    assert {("Carla Ruiz", "leaderOf", "Nevada"), ("Carla Ruiz", "locatedIn", "Nevada")} <= found


def test_relations_possessive_place_claims_the_person(extractor, rule_triples):
    found = rule_triples(extractor, "Tacoma 's Ellen Brandt won the race on Sunday .")
    assert ("Ellen Brandt", "locatedIn", "Tacoma") in found


def test_relations_description_from_a_place(extractor, rule_triples):
    found = rule_triples(extractor, "Mark Doyle , a Democrat from Tacoma , said the vote was close .")
    assert ("Mark Doyle", "locatedIn", "Tacoma") in found
    # Someone else from the place is no description of the name.
    assert ("Mark Doyle", "locatedIn", "Tacoma") not in rule_triples(
        extractor, "A Democrat from Tacoma questioned Mark Doyle on Monday ."
    )


def test_relations_occupation_modified_by_a_place(extractor, rule_triples):
    found = rule_triples(extractor, "Atlanta businessman Neil Carver said prices would rise .")
    assert ("Neil Carver", "locatedIn", "Atlanta") in found


def test_relations_source_line_language_tagged_as_an_adjective(extractor, rule_triples):
    found = rule_triples(extractor, "WS0311120195 Vienna ORF Television in German 1800 GMT 3 Nov 95")
    assert ("ORF Television", "locatedIn", "Vienna") in found


def test_relations_organization_place_hung_on_the_names_last_word(extractor, rule_triples):
    found = rule_triples(
        extractor, "Paul Lind of the International Committee of the Red Cross in Geneva said the talks would resume ."
    )
    assert ("International Committee of the Red Cross", "locatedIn", "Geneva") in found


def test_relations_possessive_place_contains_the_place(extractor, rule_triples):
    found = rule_triples(extractor, "Tourists crowded the shores of Sweden 's Lake Siljan on Sunday .")
    assert ("Lake Siljan", "partOf", "Sweden") in found


def test_relations_named_site_lies_where_the_site_does(extractor, rule_triples):
    found = rule_triples(extractor, "Inspectors visited the Pinewood Ridge storage plant in Nevada on Monday .")
    assert ("Pinewood Ridge", "partOf", "Nevada") in found


def test_relations_kind_of_place_of_names_the_part(extractor, rule_triples):
    # "the Boston suburb of Newton": Newton is the suburb, part of Boston, not the other way round.
    found = rule_triples(extractor, "The family moved to the Boston suburb of Newton in 1990 .")
    assert ("Newton", "partOf", "Boston") in found
    assert ("Boston", "partOf", "Newton") not in found


def test_relations_grew_up_and_moved_to_place_a_person(extractor, rule_triples):
    assert ("Ana Lopez", "locatedIn", "Tucson") in rule_triples(
        extractor, "Ana Lopez , who grew up in Tucson , now teaches music in Boston ."
    )
    assert ("Ana Lopez", "locatedIn", "Tucson") in rule_triples(extractor, "Ana Lopez moved to Tucson in 1985 .")
    assert ("Ana Lopez", "locatedIn", "Tucson") not in rule_triples(
        extractor, "Ana Lopez never moved to Tucson , her brother said ."
    )


def test_relations_native_tagged_as_an_adjective_still_places(extractor, rule_triples):
    found = rule_triples(extractor, "Mr. Holt , a Phoenix native , donated his guitar .")
    assert ("Holt", "locatedIn", "Phoenix") in found


def test_relations_place_naming_an_organizations_site(extractor, rule_triples):
    found = rule_triples(extractor, "The talks were held at the Norvex Corp. 's Tulsa headquarters on Monday .")
    assert ("Norvex Corp.", "locatedIn", "Tulsa") in found


def test_relations_city_comma_country_parsed_as_two_conjuncts(extractor, rule_triples):
    found = rule_triples(extractor, "Officials flew to Caracas , Venezuela , for the inauguration .")
    assert ("Caracas", "partOf", "Venezuela") in found


def test_relations_two_provinces_side_by_side_are_not_nested(extractor, rule_triples):
    found = rule_triples(extractor, "Fighters moved into Helmand , Zabul last week , officials said .")
    assert ("Helmand", "partOf", "Zabul") not in found


def test_relations_description_in_or_on_a_place(extractor, rule_triples):
    assert ("Ray Clark", "locatedIn", "Kodiak Island") in rule_triples(
        extractor, "It was the worst storm in years , said Ray Clark , a fisherman on Kodiak Island ."
    )
    assert ("Lena Ortiz", "locatedIn", "Tucson") in rule_triples(
        extractor, "Lena Ortiz , a jazz singer in Tucson , recorded the song in 1990 ."
    )


def test_relations_place_inside_a_place_inside_another(extractor, rule_triples):
    found = rule_triples(extractor, "She grew up in Yorba in Orange County , California .")
    assert {("Yorba", "partOf", "Orange County"), ("Orange County", "partOf", "California")} <= found
    assert ("Yorba", "partOf", "California") in found


def test_relations_state_closes_a_list_of_towns(extractor, rule_triples):
    found = rule_triples(extractor, "Heavy snow fell near Stowe and Jericho , Vt. , overnight .")
    assert {("Stowe", "partOf", "Vt"), ("Jericho", "partOf", "Vt")} <= found


def test_relations_countries_in_a_list_are_not_nested(extractor, rule_triples):
    found = rule_triples(extractor, "Leaders of France and Germany , Italy and Spain met in Rome .")
    assert not any(predicate == "partOf" for _, predicate, _ in found)


def test_relations_opened_in_places_only_without_an_object(extractor, rule_triples):
    assert ("Norvex Industries", "locatedIn", "Hartford") in rule_triples(
        extractor, "Norvex Industries opened in Hartford in April ."
    )
    found = rule_triples(extractor, "Mayor Ann Lee opened the new bridge in Hartford on Monday .")
    assert not any(predicate == "locatedIn" for _, predicate, _ in found)


def test_relations_coordinated_names_share_their_kind_of_place(extractor, rule_triples):
    found = rule_triples(extractor, "Police in Tuscany and Liguria regions in northern Italy made arrests .")
    assert {("Tuscany", "partOf", "Italy"), ("Liguria", "partOf", "Italy")} <= found


def test_relations_is_from_a_place(extractor, rule_triples):
    assert ("Dana Holt", "locatedIn", "Abilene") in rule_triples(extractor, "Dana Holt is from Abilene , her coach said .")
    assert ("Dana Holt", "locatedIn", "Abilene") not in rule_triples(extractor, "Dana Holt is far from Abilene this week .")
