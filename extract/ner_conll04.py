"""A learned second opinion on names: a token tagger trained on CoNLL04's people,
organizations and places, reading what the default pipeline already computed.

The default model's NER was trained on OntoNotes, and the rules in ``extract/mentions.py``
repair much of what it gets wrong for news, but not all: it runs names together or cuts
them short, calls small towns organizations and misses names in unusual context. This
tagger gives each token a BILUO tag (``B-Place``, ``L-Place``, ``U-Person``, ``O``, ...)
from four things per token and its two neighbours (see :func:`window_offsets`):

* the default pipeline's shared ``tok2vec`` output (``doc.tensor``, 96 numbers);
* the default NER's own token vectors (96 numbers), kept while spaCy runs by
  :func:`capture_ner_vectors`, so nothing is computed twice;
* the default NER's entity over the token (begins it, inside it, its label);
* the rules' own mention over the token (begins it, inside it, its type).

It is one hidden layer (64 ReLU units) and a softmax, applied with numpy: one matrix
product per document and, in the rare document where the best tags do not form valid
names, a Viterbi pass over the allowed tag sequences. Weights may also be trained to read
:func:`word_features` (shape, word class, part of speech, gazetteer kind) and two
neighbours each side (``benchmarks/train_ner.py --word-features --window 2``); the
weights record which, so any shipped file reads its own input. Neither is shipped: on
CoNLL04 dev neither raised relation F1 end to end. It is trained by
``benchmarks/train_ner.py`` on CoNLL04 train, with dev choosing the epoch, and ships as
``extract/data/ner_conll04.npz`` (0.15 MB of weights; no text).

It only fits the pipeline it was trained on: :func:`tag_names` returns nothing when a Doc
does not carry the captured vectors of the expected widths (another model, or a pipeline
:func:`capture_ner_vectors` was not applied to), so newskg then runs on its rules alone.

Measured on CoNLL04 dev: alone, entity F1 0.838 (the rules: 0.803). A spaCy
transition-based NER over the same input scored 0.810 and cost 11.6% of the parse
(this tagger: 4.6%); over the shared vectors alone, without the NER's vectors and the rules'
names, 0.668.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

from extract import gazetteer

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ner_conll04.npz"
# The width of en_core_web_sm's shared tok2vec output (doc.tensor).
TENSOR_WIDTH = 96
# The default NER's own token vectors, kept by capture_ner_vectors (same width in en_core_web_sm).
NER_VECTORS_KEY = "newskg.ner_vectors"
NER_VECTOR_WIDTH = 96
# What the default NER said about each token: begins or continues a name, and the name's label.
DEFAULT_NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
# What newskg's own rules said: begins or continues a mention, and its type.
RULE_TYPES = ("Person", "Organization", "Place")
FLAG_WIDTH = 2 + len(DEFAULT_NER_LABELS) + 1 + 2 + len(RULE_TYPES)
INPUT_WIDTH = TENSOR_WIDTH + NER_VECTOR_WIDTH + FLAG_WIDTH
# Optional per-token word features (:func:`word_features`), read by taggers trained with them.
# Shape and word class only, never the word itself: 922 training sentences would teach names.
PREPOSITIONS_OF_PLACE = frozenset("in at from near to into across outside inside".split())
SPEECH_VERBS = frozenset("said says say told tells according".split())
TITLE_WORDS = frozenset(
    """mr mrs ms dr prof sen rep gen gov president minister director chairman chief secretary king queen
    prince judge leader commander spokesman spokeswoman""".split()
)
WORD_CLASSES = ("of", "place preposition", "determiner", "possessive", "comma", "and", "speech verb", "title")
SHAPES = ("title case", "all capitals", "lowercase", "digit", "punctuation", "inner period", "hyphen", "one letter", "sentence start", "stop word")
COARSE_TAGS = ("PROPN", "NOUN", "ADJ", "VERB", "NUM", "ADP", "DET", "PUNCT")
# The gazetteer's kind for the longest known place name over the token (up to three tokens),
# whether the token alone is a place, and a US state's abbreviation ("Calif.").
GAZETTEER_KINDS = ("country", "admin1", "city")
WORD_FEATURE_WIDTH = len(SHAPES) + len(WORD_CLASSES) + len(COARSE_TAGS) + 1 + 2 * len(GAZETTEER_KINDS) + 1
# CoNLL04's "Other" (dates, nationalities, titles) is learned, so those words are not taken
# for names, and never returned.
NAME_LABELS = frozenset(RULE_TYPES)

Span = tuple[int, int, str]  # start token, end token, label or type
# Matrix products through thinc's single-threaded blis, as spaCy's own layers do: numpy's
# OpenBLAS wakes its threads for these small products, which cost 16 ms each on a busy machine
# (4 ms per CoNLL04 sentence against 0.1 ms).
_OPS = NumpyOps()


def capture_ner_vectors(nlp: Language) -> bool:
    """Make the pipeline's NER keep its token vectors on each Doc (``doc.user_data``) when it
    predicts, so the tagger reads them without computing them again. Idempotent; False if the
    pipeline has no NER of the expected shape (the tagger is then never used)."""
    if "ner" not in nlp.pipe_names:
        return False
    model = nlp.get_pipe("ner").model
    if not model.layers or not model.layers[0].layers:
        return False
    # A transition-based NER's first layer is chain(tok2vec, list2array, Linear): its tok2vec
    # gives one array per Doc.
    embedding = model.layers[0].layers[0]
    if embedding.attrs.get("newskg_capture", False):
        return True
    if not embedding.has_dim("nO") or embedding.get_dim("nO") != NER_VECTOR_WIDTH:
        return False
    forward = embedding._func

    def forward_keeping_vectors(layer: Model, docs: list[Doc], is_train: bool) -> tuple[Any, Any]:
        vectors, backprop = forward(layer, docs, is_train)
        if not is_train:
            for doc, doc_vectors in zip(docs, vectors):
                doc.user_data[NER_VECTORS_KEY] = doc_vectors
        return vectors, backprop

    embedding._func = forward_keeping_vectors
    embedding.attrs["newskg_capture"] = True
    return True


def has_input(doc: Doc) -> bool:
    """Whether ``doc`` carries the vectors of the pipeline the tagger was trained on."""
    ner_vectors = doc.user_data.get(NER_VECTORS_KEY)
    return (
        len(doc) > 0
        and doc.tensor.ndim == 2
        and doc.tensor.shape == (len(doc), TENSOR_WIDTH)
        and ner_vectors is not None
        and ner_vectors.shape == (len(doc), NER_VECTOR_WIDTH)
    )


def input_vectors(doc: Doc, rule_spans: list[Span], *, with_word_features: bool = False) -> numpy.ndarray:
    """Per token: the shared tok2vec's vector, the default NER's vector, then one-hot flags for
    the default NER's entity (begin, inside, label) and for the rules' mention (begin, inside, type),
    then, if asked, :func:`word_features`."""
    flags = numpy.zeros((len(doc), FLAG_WIDTH), dtype="float32")
    for entity in doc.ents:
        flags[entity.start, 0] = 1.0
        flags[entity.start + 1 : entity.end, 1] = 1.0
        label = entity.label_
        column = DEFAULT_NER_LABELS.index(label) if label in DEFAULT_NER_LABELS else len(DEFAULT_NER_LABELS)
        flags[entity.start : entity.end, 2 + column] = 1.0
    offset = 2 + len(DEFAULT_NER_LABELS) + 1
    for start, end, entity_type in rule_spans:
        flags[start, offset] = 1.0
        flags[start + 1 : end, offset + 1] = 1.0
        flags[start:end, offset + 2 + RULE_TYPES.index(entity_type)] = 1.0
    blocks = [doc.tensor.astype("float32", copy=False), doc.user_data[NER_VECTORS_KEY], flags]
    if with_word_features:
        blocks.append(word_features(doc))
    return numpy.hstack(blocks)


def word_features(doc: Doc) -> numpy.ndarray:
    """Per token: its shape, its word class (of, in, the, 's, ...), its coarse part of speech and
    what the gazetteer knows about the place names over it. Never the word itself."""
    features = numpy.zeros((len(doc), WORD_FEATURE_WIDTH), dtype="float32")
    class_offset = len(SHAPES)
    tag_offset = class_offset + len(WORD_CLASSES)
    gazetteer_offset = tag_offset + len(COARSE_TAGS) + 1
    for token in doc:
        text, lower, row = token.text, token.lower_, features[token.i]
        row[0] = text[:1].isupper() and not (len(text) > 1 and text.isupper())
        row[1] = len(text) > 1 and text.isupper()
        row[2] = text.islower()
        row[3] = any(character.isdigit() for character in text)
        row[4] = token.is_punct
        row[5] = "." in text[:-1] or (text.endswith(".") and len(text) <= 5)
        row[6] = "-" in text
        row[7] = len(text) == 1 and text.isalpha()
        row[8] = token.is_sent_start
        row[9] = token.is_stop
        word_class = (
            lower == "of",
            lower in PREPOSITIONS_OF_PLACE,
            lower in {"the", "a", "an"},
            lower in {"'s", "'"},
            text == ",",
            lower == "and",
            lower in SPEECH_VERBS,
            lower.rstrip(".") in TITLE_WORDS,
        )
        row[class_offset : class_offset + len(WORD_CLASSES)] = word_class
        column = COARSE_TAGS.index(token.pos_) if token.pos_ in COARSE_TAGS else len(COARSE_TAGS)
        row[tag_offset + column] = 1.0
    _mark_gazetteer_places(doc, features, gazetteer_offset)
    return features


def _mark_gazetteer_places(doc: Doc, features: numpy.ndarray, offset: int) -> None:
    """The gazetteer's kinds of the longest place name (up to three tokens, capitalized first word)
    over each token, then of the token alone, then whether it is a US state's abbreviation."""
    covered = 0
    for start, token in enumerate(doc):
        if not token.text[:1].isupper():
            continue
        for length in (3, 2, 1):
            end = start + length
            if end > len(doc) or end <= covered or any(t.is_punct and t.text != "." for t in doc[start:end]):
                continue
            places = gazetteer.lookup(doc[start:end].text)
            if places:
                kinds = {place.kind for place in places}
                for column, kind in enumerate(GAZETTEER_KINDS):
                    if kind in kinds:
                        features[max(start, covered) : end, offset + column] = 1.0
                        if length == 1:
                            features[start, offset + len(GAZETTEER_KINDS) + column] = 1.0
                covered = end
                break
        if gazetteer.us_state_for_abbreviation(token.text) and token.text.endswith("."):
            features[start, offset + 2 * len(GAZETTEER_KINDS)] = 1.0


def windowed(vectors: numpy.ndarray, window: int = 1) -> numpy.ndarray:
    """Each token's input next to its neighbours' (zeros past the ends): what the tagger reads,
    in the order of :func:`window_offsets`."""
    width = vectors.shape[1]
    blocks = []
    for offset in window_offsets(window):
        shifted = numpy.zeros_like(vectors)
        if offset < 0:
            shifted[-offset:] = vectors[:offset]
        elif offset > 0:
            shifted[:-offset] = vectors[offset:]
        else:
            shifted = vectors
        blocks.append(shifted)
    assert all(block.shape[1] == width for block in blocks)
    return numpy.hstack(blocks)


def window_offsets(window: int) -> tuple[int, ...]:
    """The token itself, then its neighbours nearest first: (0, -1, 1, -2, 2) for two."""
    offsets = [0]
    for distance in range(1, window + 1):
        offsets += [-distance, distance]
    return tuple(offsets)


@dataclass(frozen=True)
class NameTagger:
    """A one-hidden-layer network giving each token a BILUO tag, over :func:`windowed` input."""

    tags: tuple[str, ...]
    hidden_weights: numpy.ndarray  # ((2 * window + 1) * input width, hidden): rows per window_offsets
    hidden_bias: numpy.ndarray
    output_weights: numpy.ndarray  # (hidden, tags)
    output_bias: numpy.ndarray
    # How many neighbours on each side it reads, and whether it reads word_features.
    window: int = 1
    with_word_features: bool = False
    # The row blocks side by side, so a document needs one product, not a windowed copy.
    _by_position: numpy.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        positions = 2 * self.window + 1
        width = self.hidden_weights.shape[0] // positions
        blocks = [self.hidden_weights[index * width : (index + 1) * width] for index in range(positions)]
        object.__setattr__(self, "_by_position", numpy.ascontiguousarray(numpy.hstack(blocks)))

    @property
    def input_width(self) -> int:
        return self.hidden_weights.shape[0] // (2 * self.window + 1)

    @classmethod
    def from_disk(cls, path: Path) -> "NameTagger":
        with numpy.load(path, allow_pickle=False) as data:
            # Weights written before the window and word features were options have neither.
            settings = data["settings"] if "settings" in data.files else numpy.array([1, 0])
            return cls(
                tuple(str(tag) for tag in data["tags"]),
                data["hidden_weights"].astype("float32"),
                data["hidden_bias"].astype("float32"),
                data["output_weights"].astype("float32"),
                data["output_bias"].astype("float32"),
                window=int(settings[0]),
                with_word_features=bool(settings[1]),
            )

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        numpy.savez_compressed(
            buffer,
            tags=numpy.array(self.tags),
            hidden_weights=self.hidden_weights,
            hidden_bias=self.hidden_bias,
            output_weights=self.output_weights,
            output_bias=self.output_bias,
            settings=numpy.array([self.window, int(self.with_word_features)]),
        )
        return buffer.getvalue()

    def input_of(self, doc: Doc, rule_spans: list[Span]) -> numpy.ndarray:
        """What this tagger reads of ``doc`` (one row per token, before windowing)."""
        return input_vectors(doc, rule_spans, with_word_features=self.with_word_features)

    def scores(self, vectors: numpy.ndarray) -> numpy.ndarray:
        """Each token's score for each tag, from its own and its neighbours' input."""
        hidden_width = self.hidden_bias.shape[0]
        projected = _OPS.gemm(numpy.ascontiguousarray(vectors, dtype="float32"), self._by_position)
        hidden = projected[:, :hidden_width] + self.hidden_bias
        for block, offset in enumerate(window_offsets(self.window)[1:], start=1):
            # A token's neighbour at ``offset`` contributes that neighbour's row of this block.
            columns = slice(block * hidden_width, (block + 1) * hidden_width)
            if offset < 0:
                hidden[-offset:] += projected[:offset, columns]
            else:
                hidden[:-offset] += projected[offset:, columns]
        numpy.maximum(hidden, 0.0, out=hidden)
        return _OPS.gemm(hidden, self.output_weights) + self.output_bias

    def tag(self, vectors: numpy.ndarray) -> list[str]:
        """The most likely valid BILUO sequence (B and I go on to I or L of the same label).

        The best tag of each token mostly forms one already; where it does not, Viterbi decodes
        the stretch around the invalid move, between the nearest tokens tagged "O" on either side."""
        return self.decode(self.scores(vectors))

    def label_probabilities(self, scores: numpy.ndarray) -> dict[str, list[float]]:
        """Per label, each token's probability of being part of a name with that label (whatever
        its boundaries), from one softmax over the whole document."""
        probabilities = numpy.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        labels = {tag.partition("-")[2] for tag in self.tags} - {""}
        return {
            label: probabilities[:, [i for i, tag in enumerate(self.tags) if tag.partition("-")[2] == label]].sum(axis=1).tolist()
            for label in labels
        }

    def decode(self, scores: numpy.ndarray) -> list[str]:
        """The most likely valid BILUO sequence for :meth:`scores` (see :meth:`tag`)."""
        best = scores.argmax(axis=1)
        allowed, may_start, may_end = _biluo_moves(self.tags)
        valid = numpy.ones(len(best) + 1, dtype=bool)  # valid[i]: the move into token i (or past the end)
        valid[0] = may_start[best[0]]
        valid[1:-1] = allowed[best[:-1], best[1:]]
        valid[-1] = may_end[best[-1]]
        if valid.all():
            return [self.tags[index] for index in best]
        outside = self.tags.index("O")
        windows: list[list[int]] = []
        for position in numpy.flatnonzero(~valid):
            # The move into token ``position`` is invalid: decode again from the token after the
            # last "O" before ``position - 1`` up to the first "O" after ``position``.
            start = position - 2
            while start >= 0 and best[start] != outside:
                start -= 1
            end = position + 1
            while end < len(best) and best[end] != outside:
                end += 1
            start, end = max(start + 1, 0), min(end, len(best))
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        path = best.copy()
        for start, end in windows:
            path[start:end] = _viterbi(scores[start:end], allowed, may_start, may_end)
        return [self.tags[index] for index in path]


def _viterbi(scores: numpy.ndarray, allowed: numpy.ndarray, may_start: numpy.ndarray, may_end: numpy.ndarray) -> numpy.ndarray:
    """The best tag sequence over log-probabilities with the moves ``allowed`` rules out left out."""
    log_probabilities = scores - numpy.logaddexp.reduce(scores, axis=1, keepdims=True)
    penalty = numpy.where(allowed, 0.0, -numpy.inf)
    total = numpy.where(may_start, log_probabilities[0], -numpy.inf)
    back = numpy.zeros(scores.shape, dtype="int64")
    for index in range(1, len(scores)):
        candidates = total[:, None] + penalty
        back[index] = candidates.argmax(axis=0)
        total = candidates.max(axis=0) + log_probabilities[index]
    total = numpy.where(may_end, total, -numpy.inf)
    path = [int(total.argmax())]
    for index in range(len(scores) - 1, 0, -1):
        path.append(int(back[index, path[-1]]))
    return numpy.array(path[::-1])


@lru_cache(maxsize=4)
def _biluo_moves(tags: tuple[str, ...]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Which tag may follow which, which may start a text and which may end it."""
    parts = [tag.partition("-") for tag in tags]
    allowed = numpy.zeros((len(tags), len(tags)), dtype=bool)
    for before, (move_before, _, label_before) in enumerate(parts):
        for after, (move_after, _, label_after) in enumerate(parts):
            if move_before in {"B", "I"}:
                allowed[before, after] = move_after in {"I", "L"} and label_after == label_before
            else:
                allowed[before, after] = move_after in {"O", "B", "U"}
    may_start = numpy.array([move in {"O", "B", "U"} for move, _, _ in parts])
    may_end = numpy.array([move in {"O", "L", "U"} for move, _, _ in parts])
    return allowed, may_start, may_end


def spans_of_tags(tags: list[str]) -> list[Span]:
    """BILUO tags read into (start, end, label); read leniently, so a stray I or L starts a name.

    Examples:
        >>> spans_of_tags(["O", "B-Person", "L-Person", "U-Place", "O"])
        [(1, 3, 'Person'), (3, 4, 'Place')]
    """
    spans = []
    start, label = None, ""
    for index, tag in enumerate(tags + ["O"]):
        move, _, tag_label = tag.partition("-")
        continues = start is not None and move in {"I", "L"} and tag_label == label
        if start is not None and not continues:
            spans.append((start, index, label))
            start = None
        if move in {"B", "U"} or (move in {"I", "L"} and start is None):
            start, label = index, tag_label
        if start is not None and move in {"L", "U"}:
            spans.append((start, index + 1, label))
            start = None
    return spans


@lru_cache(maxsize=1)
def load_name_tagger(path: Path = MODEL_PATH) -> NameTagger | None:
    """The shipped tagger, loaded once; None if its weights are missing (rules only)."""
    if not Path(path).is_file():
        return None
    return NameTagger.from_disk(path)


def tag_names(doc: Doc, rule_spans: list[Span], tagger: NameTagger | None = None) -> list[Span]:
    """The tagger's names in ``doc`` as (start token, end token, label) with label Person,
    Organization or Place, given the rules' mentions as (start token, end token, type);
    nothing if ``doc`` lacks the vectors it reads or no tagger ships."""
    return [(start, end, label) for start, end, label, _ in tag_names_with_probability(doc, rule_spans, tagger)]


def tag_names_with_probability(doc: Doc, rule_spans: list[Span], tagger: NameTagger | None = None) -> list[tuple[int, int, str, float]]:
    """:func:`tag_names`, each with the tagger's mean probability over the name's tokens that
    they belong to a name of that label (its confidence in the type, whatever the boundaries)."""
    if tagger is None:
        tagger = load_name_tagger()
    if tagger is None or not has_input(doc):
        return []
    scores = tagger.scores(tagger.input_of(doc, rule_spans))
    names = [(start, end, label) for start, end, label in spans_of_tags(tagger.decode(scores)) if label in NAME_LABELS]
    if not names:
        return []
    by_label = tagger.label_probabilities(scores)
    return [(start, end, label, sum(by_label[label][start:end]) / (end - start)) for start, end, label in names]
