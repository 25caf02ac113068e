"""``benchmarks/conll04.py --joined-places``: the diagnostic that reads newskg's town and state with
CoNLL04's other convention, one place "West Branch , Iowa"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import conll04  # noqa: E402

from newskg.model import Evidence, Relation  # noqa: E402

TEXT = "In 1874 , Herbert Clark Hoover was born in West Branch , Iowa ."


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _relation(predicate: str) -> Relation:
    return Relation(subject="s", predicate=predicate, object="o", confidence=0.9,
                    evidence=Evidence("d", 0, 0, len(TEXT), TEXT), method="test")


def test_conll04_joined_places_town_stands_for_the_one_span_place() -> None:
    person, town, state, whole = (_span(w) for w in ("Herbert Clark Hoover", "West Branch", "Iowa", "West Branch , Iowa"))
    joined = conll04.joined_places(TEXT, [whole])
    assert joined == {whole: (town, state)}

    predicted = {
        (person, "Live_In", town): _relation("locatedIn"),
        (person, "Live_In", state): _relation("locatedIn"),
        (town, "Located_In", state): _relation("partOf"),
    }
    credited = conll04.credit_joined_places(predicted, joined)
    # One true relation, as CoNLL04 writes it; the state and the town's partOf are implied by it.
    assert set(credited) == {(person, "Live_In", whole)}


def test_conll04_joined_places_leaves_split_places_and_other_relations_alone() -> None:
    person, town, state = (_span(w) for w in ("Herbert Clark Hoover", "West Branch", "Iowa"))
    predicted = {(person, "Live_In", town): _relation("locatedIn"), (town, "Located_In", state): _relation("partOf")}
    # Gold wrote the town and the state apart: nothing is rewritten.
    assert conll04.credit_joined_places(predicted, conll04.joined_places(TEXT, [town, state])) == predicted
