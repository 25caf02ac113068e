"""The learned typer and the organization rules of round 2, on news-like sentences with the real model,
and the typer's decision logic on hand-built weights."""

from __future__ import annotations

from extract.entity_typer import CLASSES, EntityTyper, load_entity_typer


def typer_with(weights: dict[str, list[float]], *, thresholds: dict[str, float], drop_threshold: float = 2.0) -> EntityTyper:
    return EntityTyper(CLASSES, weights, [0.0, 0.0, 0.0, 0.0], thresholds, drop_threshold, {})


def test_mentions_learned_typer_ships_with_weights():
    typer = load_entity_typer()
    assert typer is not None and typer.classes == CLASSES and typer.weights


def test_mentions_learned_typer_changes_a_type_only_past_its_threshold():
    # Person 4 : Organization 0 : Place 0 : None 0 in log-odds gives Person about 0.95.
    typer = typer_with({"said": [4.0, 0.0, 0.0, 0.0]}, thresholds={"Organization>Person": 0.9})
    assert typer.retype(["said"], "Organization") == "Person"
    assert typer_with({"said": [4.0, 0.0, 0.0, 0.0]}, thresholds={"Organization>Person": 0.99}).retype(["said"], "Organization") is None


def test_mentions_learned_typer_never_makes_an_unlisted_change():
    typer = typer_with({"in": [0.0, 0.0, 6.0, 0.0]}, thresholds={"Organization>Place": 0.5})
    assert typer.retype(["in"], "Person") is None
    assert typer.retype(["in"], "Organization") == "Place"


def test_mentions_learned_typer_drops_a_likely_non_name():
    typer = typer_with({"gmt": [0.0, 0.0, 0.0, 6.0]}, thresholds={}, drop_threshold=0.9)
    assert typer.retype(["gmt"], "Organization") == "None"


def test_mentions_learned_typer_lone_surname_saying_something_is_a_person(extractor, typed):
    found = typed(extractor, "Okonkwo told reporters the budget would not pass.")
    assert found.get("Okonkwo") == "Person"


def test_mentions_learned_typer_leaves_a_lowercase_group_name_an_organization(extractor, typed):
    found = typed(extractor, "There is even a perception that al-Qaeda is unlikely to reconstitute in Afghanistan.")
    assert found.get("al-Qaeda") == "Organization" and found.get("Afghanistan") == "Place"


def test_mentions_capitalized_agency_name_missed_by_ner_is_an_organization(extractor, typed):
    found = typed(extractor, "The report was carried by the official news agency (INTERFAX) on Monday, a day after the vote.")
    assert found.get("INTERFAX") == "Organization"


def test_mentions_capitalized_newspaper_name_is_one_organization(extractor, typed):
    found = typed(extractor, "The union leader spoke after KOMSOMOLSKAYA PRAVDA reported the deal on Tuesday.")
    assert found == {"KOMSOMOLSKAYA PRAVDA": "Organization"}


def test_mentions_all_caps_headline_gives_no_organizations(extractor, typed):
    assert typed(extractor, "STOCKS RALLY AS OIL PRICES FALL IN LATE TRADING") == {}


def test_mentions_organization_ends_before_an_unclosed_parenthesis(extractor, typed):
    found = typed(extractor, "Ministers of the Andean Group (Colombia, Peru and Ecuador) will meet in Lima next week.")
    assert found.get("Andean Group") == "Organization"
    assert not any("(" in name for name in found)
