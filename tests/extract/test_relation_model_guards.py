"""Guards of the pair classifier that keep it off text CoNLL04 never taught it: results tables,
stacked headlines and lists of names."""

from __future__ import annotations

from spacy.tokens import Span

from extract.relation_model import MAX_NAMES_IN_SENTENCE, passes_guards, pair_spans


def test_relation_model_guards_a_line_break_between_the_names(nlp):
    same_line = nlp("Ahmed Rashid lives in Kabul .")
    assert passes_guards("Live_In", pair_spans(same_line[0:2], same_line[4:5]))
    # One parsed "sentence" across two lines: a table row or a headline under another.
    two_lines = nlp("Ahmed Rashid 12.5\nKabul 13.1")
    kabul = next(token.i for token in two_lines if token.text == "Kabul")
    assert not passes_guards("Live_In", pair_spans(two_lines[0:2], two_lines[kabul : kabul + 1]))


def test_relation_model_guards_a_sentence_crowded_with_names(nlp):
    words = ["Smith", "of", "Paris"] + [w for n in range(MAX_NAMES_IN_SENTENCE) for w in (",", f"Name{n}")] + ["."]
    doc = nlp(" ".join(words))
    names = [Span(doc, 0, 1, label="PERSON"), Span(doc, 2, 3, label="GPE")]
    names += [Span(doc, i, i + 1, label="PERSON") for i, token in enumerate(doc) if token.text.startswith("Name")]
    doc.ents = names[: MAX_NAMES_IN_SENTENCE]
    assert passes_guards("Live_In", pair_spans(doc[0:1], doc[2:3]))
    crowded = nlp(" ".join(words))
    crowded.ents = [Span(crowded, s.start, s.end, label=s.label_) for s in names]  # one name over the limit
    assert len(crowded.ents) > MAX_NAMES_IN_SENTENCE
    assert not passes_guards("Live_In", pair_spans(crowded[0:1], crowded[2:3]))


def _place(text: str, start: int = 0):
    from newskg.model import Mention

    return Mention("doc", 0, start, start + len(text), text, "GPE", "Place")


def test_relation_model_guards_two_places_of_one_kind_are_side_by_side():
    from extract.relation_model import could_contain

    assert not could_contain(_place("Phitsanulok Province"), _place("Loei Province"))
    assert not could_contain(_place("Harris County"), _place("Fort Bend County"))


def test_relation_model_guards_a_speaker_is_not_placed_in_what_it_says(nlp):
    said = nlp("Pakistan and Afghanistan begin talks in Qatar , says Taliban")
    taliban, qatar = said[-1:], said[6:7]
    assert not passes_guards("OrgBased_In", pair_spans(taliban, qatar))
    # Said *in* a place: the speaker was there.
    there = nlp("The Taliban said in Qatar that talks would begin .")
    assert passes_guards("OrgBased_In", pair_spans(there[1:2], there[4:5]))


def test_relation_model_guards_a_place_that_acts_houses_no_one(nlp):
    doc = nlp("Is Pakistan stoking border clashes with Afghanistan that Trump wants to solve?")
    pakistan = next(token.i for token in doc if token.text == "Pakistan")
    trump = next(token.i for token in doc if token.text == "Trump")
    assert not passes_guards("Live_In", pair_spans(doc[trump : trump + 1], doc[pakistan : pakistan + 1]))
    # A copula only names the place: "South Carolina being Jesse Jackson 's home state" may place him.
    home = nlp("With South Carolina being Jesse Jackson 's home state , he campaigned there .")
    assert passes_guards("Live_In", pair_spans(home[5:7], home[1:3]))
