"""Who works for or leads what, read off role nouns, with the real model."""

from __future__ import annotations


def test_relations_roles_over_a_part_make_a_member_not_a_leader(extractor, rule_triples):
    found = rule_triples(extractor, "Laura Chen , vice president of marketing for Orbis Software , said sales rose .")
    assert ("Laura Chen", "memberOf", "Orbis Software") in found
    assert ("Laura Chen", "leaderOf", "Orbis Software") not in found


def test_relations_roles_holder_named_after_the_object(extractor, rule_triples):
    found = rule_triples(
        extractor, "Police said the chairman of the Northern Farmers Union , Peter Adeyemi , was arrested on Friday ."
    )
    assert ("Peter Adeyemi", "leaderOf", "Northern Farmers Union") in found


def test_relations_roles_more_occupations(extractor, rule_triples):
    found = rule_triples(extractor, "Tom Hale , a lobbyist with the National Dairy Council , testified on Monday .")
    assert ("Tom Hale", "memberOf", "National Dairy Council") in found


def test_relations_roles_covering_for_a_newspaper(extractor, rule_triples):
    found = rule_triples(extractor, "Ruth Klein has covered politics for the Daily Courier since 1990 .")
    assert ("Ruth Klein", "memberOf", "Daily Courier") in found
    assert ("Ruth Klein", "memberOf", "Hollins College") in rule_triples(
        extractor, "Ruth Klein teaches chemistry at Hollins College ."
    )


def test_relations_roles_the_beat_covered_is_no_employer_nor_a_part(extractor, rule_triples):
    found = rule_triples(extractor, "Ruth Klein covers the State Department for the Daily Courier .")
    assert ("Ruth Klein", "memberOf", "State Department") not in found
    assert ("State Department", "partOf", "Daily Courier") not in found


def test_relations_roles_hold_for_the_parenthesized_alias(extractor, rule_triples):
    found = rule_triples(
        extractor, "Maria Soto , candidate of the Green Renewal Party ( GRP ) , won 9 percent of the vote ."
    )
    assert {("Maria Soto", "memberOf", "Green Renewal Party"), ("Maria Soto", "memberOf", "GRP")} <= found


def test_relations_roles_a_person_in_parentheses_is_no_alias(extractor, rule_triples):
    # A cast list: the actor in parentheses killed nobody.
    found = rule_triples(
        extractor, "In the play , Senator Carl Hobbs 's killer Tom Riley ( Dan Meyer ) hides in the attic ."
    )
    assert ("Tom Riley", "killed", "Senator Carl Hobbs") in found
    assert ("Dan Meyer", "killed", "Senator Carl Hobbs") not in found


def test_relations_roles_party_tag_between_name_and_role(extractor, rule_triples):
    found = rule_triples(
        extractor, "Rep. Anna Reyes , D-N.Y. , chairwoman of the House Ethics Committee , said the vote was close ."
    )
    assert ("Anna Reyes", "leaderOf", "House Ethics Committee") in found


def test_relations_roles_possessive_organization_claims_the_person(extractor, rule_triples):
    found = rule_triples(extractor, "Orbis Software 's Laura Chen said sales rose in March .")
    assert ("Laura Chen", "memberOf", "Orbis Software") in found


def test_relations_roles_organization_two_nouns_out_employs(extractor, rule_triples):
    found = rule_triples(extractor, "The plant will reopen , said Tom Hale , a Norvex Industries operations manager .")
    assert ("Tom Hale", "memberOf", "Norvex Industries") in found
    # A floor leader leads the floor group, not the party: a member of it.
    found = rule_triples(extractor, "Green Renewal Party floor leader Ana Ruiz said the bill would pass .")
    assert ("Ana Ruiz", "memberOf", "Green Renewal Party") in found
    assert ("Ana Ruiz", "leaderOf", "Green Renewal Party") not in found
