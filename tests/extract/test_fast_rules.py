"""The cached attribute ruler and lemmatizer give exactly spaCy's own annotations.

If they drifted, part-of-speech tags and lemmas would change under every rule and the
relation classifier, and relations found with plain spaCy would silently go missing.
"""

from __future__ import annotations

import pytest
import spacy

from extract.fast_rules import speed_up_rule_components
from newskg import DEFAULT_MODEL
from tests.conftest import SEED

# Sentences that reach the ruler's multi-token rules, its regular expression, its rules
# on whitespace and on dependency labels, and lemmas the ruler sets itself.
EDGE_CASES = [
    "I'm gonna go, y'all. Let's see. It ain't over, nothin' is. C'mon! There's a cat and there are two.",
    "He gets it; she got it. But I do have one, and I did. You gotta see it: it works for you.",
    "Words  with   doubled spaces\n\nand a blank line.  ",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def plain_nlp() -> spacy.language.Language:
    return spacy.load(DEFAULT_MODEL)


def annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_fast_rules_match_spacy_on_the_seed_and_edge_cases(nlp, plain_nlp) -> None:
    texts = [SEED.read_text(encoding="utf-8"), *EDGE_CASES]
    for plain_doc, fast_doc in zip(plain_nlp.pipe(texts), nlp.pipe(texts)):
        assert annotations(fast_doc) == annotations(plain_doc)


def test_fast_rules_are_what_load_model_gives(nlp) -> None:
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "_CachedAttributeRuler"
    assert type(nlp.get_pipe("lemmatizer")).__name__.startswith("Cached")
    doc = nlp("Al-Qaeda leaders were hiding in safe houses. Let's go.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["leaders"], lemmas["were"], lemmas["hiding"], lemmas["houses"]) == ("leader", "be", "hide", "house")
    assert lemmas["'s"] == "us"  # set by the ruler's two-token rule ("Let 's")


def test_fast_rules_leave_unknown_pipelines_alone() -> None:
    blank = spacy.blank("en")
    assert speed_up_rule_components(blank) == []
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"TAG": "NN"})  # an operator: not reproduced here
    assert speed_up_rule_components(blank) == []
    assert type(blank.get_pipe("attribute_ruler")) is spacy.pipeline.AttributeRuler
