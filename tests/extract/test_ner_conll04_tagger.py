"""The learned name tagger: its decoding on hand-built weights, its input on real parses, and
what it changes in mentions on news-like sentences with the real model."""

from __future__ import annotations

import numpy

from extract.mentions import find_mentions
from extract.ner_conll04 import (
    INPUT_WIDTH,
    NER_VECTORS_KEY,
    NameTagger,
    capture_ner_vectors,
    has_input,
    load_name_tagger,
    spans_of_tags,
    tag_names,
)
from newskg.model import Document, Sentence, content_id

TAGS = ("B-Person", "I-Person", "L-Person", "O", "U-Person", "U-Place")


def typed(extractor, text: str) -> dict[str, str]:
    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    return {m.text.rstrip("."): m.entity_type for m in extraction.mentions}


def tagger_scoring(scores: numpy.ndarray) -> tuple[NameTagger, numpy.ndarray]:
    """A tagger that gives ``scores``, and its input: each token's input is one-hot on its index,
    the hidden layer copies that (neighbours weigh nothing) and the output layer reads off its row."""
    length = scores.shape[0]
    hidden_weights = numpy.zeros((3 * INPUT_WIDTH, length), dtype="float32")
    hidden_weights[:length, :] = numpy.eye(length, dtype="float32")
    tagger = NameTagger(TAGS, hidden_weights, numpy.zeros(length, dtype="float32"), scores.astype("float32"), numpy.zeros(len(TAGS), dtype="float32"))
    vectors = numpy.zeros((length, INPUT_WIDTH), dtype="float32")
    vectors[:, :length] = numpy.eye(length, dtype="float32")
    return tagger, vectors


def test_ner_conll04_tagger_spans_of_tags_read_biluo():
    assert spans_of_tags(["O", "B-Person", "L-Person", "U-Place", "O"]) == [(1, 3, "Person"), (3, 4, "Place")]
    # A stray "I" starts a name rather than being lost.
    assert spans_of_tags(["I-Place", "L-Place", "O"]) == [(0, 2, "Place")]


def test_ner_conll04_tagger_decodes_only_valid_sequences():
    # Best tags per token: B-Person, O, L-Person: no valid reading; Viterbi must give a name or none.
    scores = numpy.full((3, len(TAGS)), -5.0, dtype="float32")
    scores[0, TAGS.index("B-Person")] = 5.0
    scores[1, TAGS.index("O")] = 3.0
    scores[1, TAGS.index("I-Person")] = 2.5
    scores[2, TAGS.index("L-Person")] = 5.0
    tagger, vectors = tagger_scoring(scores)
    assert numpy.allclose(tagger.scores(vectors), scores, atol=1e-4)
    assert tagger.tag(vectors) == ["B-Person", "I-Person", "L-Person"]


def test_ner_conll04_tagger_ships_and_reads_the_default_models_vectors(nlp):
    assert load_name_tagger() is not None
    assert capture_ner_vectors(nlp)  # idempotent: load_model applied it already
    doc = nlp("Mary Jones of Chicago works for Acme Corp.")
    assert has_input(doc) and doc.user_data[NER_VECTORS_KEY].shape == (len(doc), 96)


def test_ner_conll04_tagger_leaves_the_parse_as_it_was(nlp):
    text = "Mikhail Gorbachev met Yegor Ligachev in the Kremlin on Monday."
    doc = nlp(text)
    entities, tensor = [(e.start, e.end, e.label_) for e in doc.ents], doc.tensor.copy()
    document = Document(id="d", text=text, source="test")
    sentences = tuple(Sentence("d", i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    find_mentions(doc, document, sentences)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == entities
    assert numpy.array_equal(doc.tensor, tensor)


def test_ner_conll04_tagger_gives_nothing_without_the_vectors(nlp):
    doc = nlp.make_doc("Mary Jones of Chicago works for Acme Corp.")
    assert tag_names(doc, []) == []


def test_ner_conll04_tagger_a_building_people_meet_in_is_a_place(extractor):
    # NER calls the Kremlin an organization; met "in the Kremlin" it is where they met.
    assert typed(extractor, "Mikhail Gorbachev met Yegor Ligachev in the Kremlin on Monday.") == {
        "Mikhail Gorbachev": "Person",
        "Yegor Ligachev": "Person",
        "Kremlin": "Place",
    }


def test_ner_conll04_tagger_known_places_never_become_people(extractor):
    # The tagger alone read "Zacapa" and "Abuja" as people.
    assert typed(extractor, "Juan Carlos Mendoza, a farmer from Zacapa, told reporters the army had left.")["Zacapa"] == "Place"
    assert typed(extractor, "Police in Lagos said Olusegun Obasanjo had left for Abuja.")["Abuja"] == "Place"


def test_ner_conll04_tagger_keeps_names_without_their_descriptions(extractor):
    # The tagger ran "Solidarity" on over "union"; a name ends on a name.
    found = typed(extractor, "Workers at the Gdansk shipyard backed Lech Walesa and the Solidarity union.")
    assert found.get("Solidarity") == "Organization" and "Solidarity union" not in found
