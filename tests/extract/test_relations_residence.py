"""Where people and towns are, read off what a sentence says around them, with the real model.

Each rule has a sentence where the fact must come out and a near twin where it must not.
"""

from __future__ import annotations


def test_relations_employer_place_places_the_employee(extractor, rule_triples):
    found = rule_triples(extractor, "Dr. Anna Keller of Brown University in Providence said the results were early .")
    assert ("Anna Keller", "memberOf", "Brown University") in found
    assert ("Anna Keller", "locatedIn", "Providence") in found
    found = rule_triples(extractor, "The statement came from Mark Olsen , president of the Federal Home Loan Bank of Denver .")
    assert ("Mark Olsen", "locatedIn", "Denver") in found


def test_relations_employer_place_needs_the_organizations_own_place(extractor, rule_triples):
    # The place is where the results came from, not the university's: no residence for Keller.
    found = rule_triples(extractor, "Dr. Anna Keller of Brown University said the results from Providence were early .")
    assert ("Anna Keller", "locatedIn", "Providence") not in found
    # A former post says nothing of where the person is now.
    found = rule_triples(extractor, "The statement came from Mark Olsen , former president of the Federal Home Loan Bank of Denver .")
    assert ("Mark Olsen", "locatedIn", "Denver") not in found


def test_relations_state_frame_holds_its_town(extractor, rule_triples):
    found = rule_triples(extractor, "In Colorado , heavy snow in Denver prompted officials to close the highway .")
    assert ("Denver", "partOf", "Colorado") in found


def test_relations_state_frame_needs_the_frame_and_the_gazetteer(extractor, rule_triples):
    # Named together but not as the sentence's frame: the rule stays silent.
    found = rule_triples(extractor, "Heavy snow in Denver prompted Colorado officials to close the highway .")
    assert ("Denver", "partOf", "Colorado") not in found
    # A frame, but Boise is in Idaho, not Colorado.
    found = rule_triples(extractor, "In Colorado , officials said snow also fell in Boise .")
    assert ("Boise", "partOf", "Colorado") not in found


def test_relations_place_native_describes_the_name_beside_it(extractor, rule_triples):
    found = rule_triples(extractor, "The festival began two years after Modesto native Greg Lander released his film .")
    assert ("Greg Lander", "locatedIn", "Modesto") in found
    found = rule_triples(extractor, "Mark Hollis , Georgia born , has taught at the college for 23 years .")
    assert ("Mark Hollis", "locatedIn", "Georgia") in found


def test_relations_place_native_needs_a_name_beside_it(extractor, rule_triples):
    # "born" describes the cattle; the buyer is no native of Texas.
    found = rule_triples(extractor, "The Texas born cattle were sold to Mark Hollis on Monday .")
    assert ("Mark Hollis", "locatedIn", "Texas") not in found


def test_relations_place_possessive_names_its_person(extractor, rule_triples):
    assert ("Bill Clements", "locatedIn", "Texas") in rule_triples(extractor, "Texas ' Bill Clements said the plan would work .")
    found = rule_triples(extractor, "North Carolina 's native son Thomas Wolfe described the crash .")
    assert ("Thomas Wolfe", "locatedIn", "North Carolina") in found


def test_relations_place_possessive_not_for_a_past_or_a_thing(extractor, rule_triples):
    found = rule_triples(extractor, "Ohio 's former governor Richard Celeste said the plan would work .")
    assert ("Richard Celeste", "locatedIn", "Ohio") not in found
    # The possessive owns the budget; the name after it is another clause's subject.
    found = rule_triples(extractor, "Texas 's budget grew while Bill Clements was away .")
    assert ("Bill Clements", "locatedIn", "Texas") not in found


def test_relations_place_described_person(extractor, rule_triples):
    found = rule_triples(extractor, "The order was disclosed in a work by dissident Soviet historian Roy Medvedev .")
    assert ("Roy Medvedev", "locatedIn", "Soviet") in found
    found = rule_triples(extractor, "As Rochester teacher union leader Adam Urbanski put it , the table is set .")
    assert ("Adam Urbanski", "locatedIn", "Rochester") in found


def test_relations_place_described_person_needs_the_name_right_after(extractor, rule_triples):
    # The officials are from Texas; the man they told is not said to be.
    found = rule_triples(extractor, "Texas officials told Mark Hollis to leave the ranch .")
    assert ("Mark Hollis", "locatedIn", "Texas") not in found
    found = rule_triples(extractor, "The award went to Dallas former mayor Mark Hollis on Monday .")
    assert ("Mark Hollis", "locatedIn", "Dallas") not in found


def test_relations_one_of_the_experts_in_place(extractor, rule_triples):
    found = rule_triples(extractor, "Yosef Tal , one of the top military strategists in Israel , says the balance has shifted .")
    assert ("Yosef Tal", "locatedIn", "Israel") in found
    found = rule_triples(extractor, "Mark Hollis , an executive with Titan Systems and one of the leading missile experts in Canada , said so .")
    assert ("Mark Hollis", "locatedIn", "Canada") in found


def test_relations_one_of_needs_the_apposition(extractor, rule_triples):
    # The strategists in Israel are others the sentence compares him with.
    found = rule_triples(extractor, "Yosef Tal said one of the top military strategists in Israel had resigned .")
    assert ("Yosef Tal", "locatedIn", "Israel") not in found


def test_relations_where_clause_on_a_place(extractor, rule_triples):
    found = rule_triples(extractor, "The road passes through Rolling Fork , where Mark Hollis was born , close to Greenville .")
    assert ("Mark Hollis", "locatedIn", "Rolling Fork") in found


def test_relations_where_clause_needs_a_place_verb(extractor, rule_triples):
    # Hollis only sang in Rolling Fork; and a negated birth places nobody.
    found = rule_triples(extractor, "The road passes through Rolling Fork , where Mark Hollis sang , close to Greenville .")
    assert ("Mark Hollis", "locatedIn", "Rolling Fork") not in found
    found = rule_triples(extractor, "The road passes Rolling Fork , where Mark Hollis was not born , close to Greenville .")
    assert ("Mark Hollis", "locatedIn", "Rolling Fork") not in found


def test_relations_state_frame_holds_its_local_feature(extractor, rule_triples):
    found = rule_triples(extractor, "Oregon : Fires east of the Cascade Mountains have burned 80,000 acres .")
    assert ("Cascade Mountains", "partOf", "Oregon") in found
    found = rule_triples(extractor, "In Montana , erratic winds pushed a fire in the Custer National Forest past 1,200 acres .")
    assert ("Custer National Forest", "partOf", "Montana") in found


def test_relations_local_feature_needs_the_frame(extractor, rule_triples):
    found = rule_triples(extractor, "Fires east of the Cascade Mountains were fought by crews from Oregon .")
    assert ("Cascade Mountains", "partOf", "Oregon") not in found
