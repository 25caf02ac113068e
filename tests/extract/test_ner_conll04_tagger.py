"""The learned name tagger (on in the product; ``find_mentions(learned_tagger=False)`` leaves it
out): its decoding on hand-built weights, its input on real parses, and what it changes in
mentions on news-like sentences with the real model."""

from __future__ import annotations

import numpy

from extract.mentions import find_mentions
from extract.ner_conll04 import (
    GAZETTEER_KINDS,
    INPUT_WIDTH,
    NER_VECTORS_KEY,
    SHAPES,
    WORD_CLASSES,
    WORD_FEATURE_WIDTH,
    NameTagger,
    capture_ner_vectors,
    has_input,
    input_vectors,
    load_name_tagger,
    spans_of_tags,
    tag_names,
    tag_names_with_probability,
    windowed,
    word_features,
)
from newskg.model import Document, Sentence, content_id

TAGS = ("B-Person", "I-Person", "L-Person", "O", "U-Person", "U-Place")


def mentions_of(nlp, text: str, *, learned_tagger: bool = True) -> dict[str, str]:
    capture_ner_vectors(nlp)
    doc = nlp(text)
    document = Document(id=content_id(text), text=text, source="test")
    sentences = tuple(Sentence(document.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    return {m.text.rstrip("."): m.entity_type for m in find_mentions(doc, document, sentences, learned_tagger=learned_tagger)}


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
    assert capture_ner_vectors(nlp) and capture_ner_vectors(nlp)  # applying it twice changes nothing
    doc = nlp("Mary Jones of Chicago works for Acme Corp.")
    assert has_input(doc) and doc.user_data[NER_VECTORS_KEY].shape == (len(doc), 96)


def test_ner_conll04_tagger_leaves_the_parse_as_it_was(nlp):
    capture_ner_vectors(nlp)
    text = "Officials from the United States Agency for International Development arrived in Lusaka."
    doc = nlp(text)
    entities, tensor = [(e.start, e.end, e.label_) for e in doc.ents], doc.tensor.copy()
    document = Document(id="d", text=text, source="test")
    sentences = tuple(Sentence("d", i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    find_mentions(doc, document, sentences, learned_tagger=True)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == entities
    assert numpy.array_equal(doc.tensor, tensor)


def test_ner_conll04_tagger_gives_nothing_without_the_vectors(nlp):
    doc = nlp.make_doc("Mary Jones of Chicago works for Acme Corp.")
    assert tag_names(doc, []) == []


def test_ner_conll04_tagger_is_on_in_the_product_and_can_be_left_out(nlp):
    from extract.extractor import Extractor
    from newskg.model import Document

    text = "Reporters asked Psacharopoulos about the loan."
    assert mentions_of(nlp, text, learned_tagger=False) == {}
    extraction = Extractor(nlp)(Document(id="doc:t", text=text, source="t.txt"))
    assert [m.text for m in extraction.mentions] == ["Psacharopoulos"]


def test_ner_conll04_tagger_finds_a_name_ner_missed(nlp):
    assert mentions_of(nlp, "Reporters asked Psacharopoulos about the loan.") == {"Psacharopoulos": "Person"}


def test_ner_conll04_tagger_joins_the_halves_of_one_name(nlp):
    found = mentions_of(nlp, "Officials from the United States Agency for International Development arrived in Lusaka.")
    assert found == {"United States Agency for International Development": "Organization", "Lusaka": "Place"}
    assert mentions_of(nlp, "The experiment flew aboard the International Space Laboratory-2 mission.") == {
        "International Space Laboratory-2": "Organization"
    }


def test_ner_conll04_tagger_keeps_town_and_state_apart(nlp):
    # CoNLL04 often marks "City, State" as one name; the graph needs the town partOf the state.
    found = mentions_of(nlp, "The family moved from Council Bluffs, Iowa, to Denison, Texas, last year.")
    assert found.get("Council Bluffs") == "Place" and found.get("Iowa") == "Place"
    assert not any("," in name for name in found)


def test_ner_conll04_tagger_keeps_names_without_their_descriptions(nlp):
    # The tagger runs "Solidarity" on over "union"; a name ends on a name.
    found = mentions_of(nlp, "Workers at the Gdansk shipyard backed Lech Walesa and the Solidarity union.")
    assert found.get("Solidarity") == "Organization" and "Solidarity union" not in found


def test_ner_conll04_tagger_never_changes_a_type(nlp):
    # Alone, the tagger reads "Zacapa" and "Abuja" as people; it may only add and complete names.
    assert mentions_of(nlp, "Juan Carlos Mendoza, a farmer from Zacapa, told reporters the army had left.")["Zacapa"] == "Place"
    assert mentions_of(nlp, "Police in Lagos said Olusegun Obasanjo had left for Abuja.")["Abuja"] == "Place"


def test_ner_conll04_tagger_splits_names_ner_ran_together(nlp):
    # NER reads one long organization; the college and the university are two, each with its own relations.
    text = "Maria Lopez, a professor of history at Queens College of the City University of New York, said the archive was lost."
    assert "Queens College of the City University of New York" in mentions_of(nlp, text, learned_tagger=False)
    found = mentions_of(nlp, text)
    assert found.get("Queens College") == "Organization" and found.get("City University of New York") == "Organization"
    assert "Queens College of the City University of New York" not in found


def test_ner_conll04_tagger_reads_two_neighbours_as_its_windowed_input_says():
    # One product per document must give what the windowed input times the weights gives.
    rng = numpy.random.default_rng(0)
    width, hidden, length = 5, 4, 6
    tagger = NameTagger(
        TAGS,
        rng.normal(size=(5 * width, hidden)).astype("float32"),
        rng.normal(size=hidden).astype("float32"),
        rng.normal(size=(hidden, len(TAGS))).astype("float32"),
        rng.normal(size=len(TAGS)).astype("float32"),
        window=2,
    )
    vectors = rng.normal(size=(length, width)).astype("float32")
    expected = numpy.maximum(windowed(vectors, 2) @ tagger.hidden_weights + tagger.hidden_bias, 0.0) @ tagger.output_weights + tagger.output_bias
    assert numpy.allclose(tagger.scores(vectors), expected, atol=1e-4)
    # Its neighbours two tokens away: zeros past the ends.
    assert numpy.array_equal(windowed(vectors, 2)[0, 3 * width : 4 * width], numpy.zeros(width))
    assert numpy.array_equal(windowed(vectors, 2)[2, 3 * width : 4 * width], vectors[0])


def test_ner_conll04_tagger_keeps_its_settings_on_disk(tmp_path):
    tagger, _ = tagger_scoring(numpy.eye(3, len(TAGS), dtype="float32"))
    wider = NameTagger(
        tagger.tags,
        numpy.zeros((5 * (INPUT_WIDTH + WORD_FEATURE_WIDTH), 3), dtype="float32"),
        tagger.hidden_bias,
        tagger.output_weights,
        tagger.output_bias,
        window=2,
        with_word_features=True,
    )
    path = tmp_path / "tagger.npz"
    path.write_bytes(wider.to_bytes())
    loaded = NameTagger.from_disk(path)
    assert (loaded.window, loaded.with_word_features, loaded.input_width) == (2, True, INPUT_WIDTH + WORD_FEATURE_WIDTH)
    # The shipped weights were written before these settings: one neighbour, no word features.
    shipped = load_name_tagger()
    assert (shipped.input_width, shipped.window, shipped.with_word_features) == (INPUT_WIDTH, 1, False)


def test_ner_conll04_tagger_word_features_read_shape_context_and_gazetteer(nlp):
    capture_ner_vectors(nlp)
    doc = nlp("Reporters in Paris met Juan Mendoza of Tupelo, Miss. on Monday.")
    features = word_features(doc)
    assert features.shape == (len(doc), WORD_FEATURE_WIDTH)
    index = {token.text: token.i for token in doc}
    assert features[index["Paris"], SHAPES.index("title case")] == 1.0
    assert features[index["in"], len(SHAPES) + WORD_CLASSES.index("place preposition")] == 1.0
    assert features[index["of"], len(SHAPES) + WORD_CLASSES.index("of")] == 1.0
    gazetteer_offset = WORD_FEATURE_WIDTH - 2 * len(GAZETTEER_KINDS) - 1
    assert features[index["Paris"], gazetteer_offset + GAZETTEER_KINDS.index("city")] == 1.0
    assert features[index["Reporters"], gazetteer_offset : gazetteer_offset + len(GAZETTEER_KINDS)].sum() == 0.0
    assert features[index["Miss."], WORD_FEATURE_WIDTH - 1] == 1.0
    assert input_vectors(doc, [], with_word_features=True).shape == (len(doc), INPUT_WIDTH + WORD_FEATURE_WIDTH)


def test_ner_conll04_tagger_gives_each_name_a_probability(nlp):
    capture_ner_vectors(nlp)
    doc = nlp("Reporters asked Psacharopoulos about the loan.")
    names = tag_names_with_probability(doc, [])
    assert [(doc[start:end].text, label) for start, end, label, _ in names] == [("Psacharopoulos", "Person")]
    assert 0.5 < names[0][3] <= 1.0


def test_ner_conll04_tagger_keeps_whole_names_whole_and_leaves_out_the_article(nlp):
    found = mentions_of(nlp, "The Bank of England and the Ministry of the Interior issued a statement.")
    assert found == {"Bank of England": "Organization", "Ministry of the Interior": "Organization"}
    found = mentions_of(nlp, "Officials of the Taliban General Directorate of Intelligence met in Kabul.")
    assert found == {"Taliban General Directorate of Intelligence": "Organization", "Kabul": "Place"}
