"""A learned second opinion on a name's type: person, organization or place.

NER's label and the typing rules in ``extract/mentions.py`` leave the hard cases to
evidence neither reads: a lone surname that NER calls an organization ("Okafor said"),
a small town NER calls an organization ("a diver from Millinocket"), a company NER
calls a place. This classifier reads the evidence around a name as sparse features:

* what NER and the rules said, and why (a title, an organization word, place syntax);
* the name's shape and the last letters of its last word ("-ski", "-ville", "-co"),
  never the name itself, so nothing about particular names is learned;
* the gazetteer's kind for the name, and how common its words are in English;
* the lowercase words around it and the dependency relation to its head ("said",
  "in", "of", "'s") — capitalized neighbours count only as their shape.

It is a multinomial logistic regression trained on CoNLL04's training split by
``benchmarks/train_entity_typer.py``; its weights ship as JSON
(``extract/data/entity_typer.json``: feature → one weight per class) and are applied
with plain Python. A candidate is retyped only when the model gives another type at
least the probability its ``thresholds`` ask for that change, and rules that decided a type from strong evidence
("Tupelo, Miss.") are never overruled.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from extract import gazetteer

MODEL_PATH = Path(__file__).resolve().parent / "data" / "entity_typer.json"
_CHILD_DEPENDENCIES = frozenset({"appos", "compound", "amod", "prep", "poss"})
# Lowercase words anywhere in the sentence that tell what kind of thing it talks about:
# a town ("the town 's mayor"), a company ("sells", "shares"), a person ("his wife").
_SENTENCE_CUES = frozenset(
    """town city village community county state mayor resident residents hometown native suburb downtown
    company firm share shares stock sell sells sold maker manufacturer airline airlines business customer
    customers product products profit executive wife husband son daughter widow actor singer""".split()
)
# Marks after a sentence's first name that make it a dateline or heading ("Montana : A fire ...").
DATELINE_MARKS = frozenset({":", "_", "--", "—"})
# "None" is what CoNLL04 calls no actor (dates, titles, works) or nothing at all.
CLASSES = ("Person", "Organization", "Place", "None")


_CUES_KEY = "newskg.entity_typer.sentence_cues"


def _sentence_cues(doc: Doc, sentence_start: int, sentence_end: int) -> frozenset[str]:
    """The cue words of one sentence, found once per sentence, not once per name in it."""
    by_sentence = doc.user_data.setdefault(_CUES_KEY, {})
    cues = by_sentence.get((sentence_start, sentence_end))
    if cues is None:
        cues = frozenset(
            token.lower_ for token in doc[sentence_start:sentence_end] if token.lower_ in _SENTENCE_CUES and token.text.islower()
        )
        by_sentence[(sentence_start, sentence_end)] = cues
    return cues


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "XX"
    if "." in text and any(char.isalpha() for char in text):
        return "X.X."
    if text[:1].isupper():
        return "Xx"
    if text[:1].isdigit():
        return "d"
    if text[:1].isalpha():
        return "x"
    return "p"


def _context_word(token: Token | None, sentence_start: int, edge: str) -> str:
    """A neighbour as a lowercase word, or only its shape when it is capitalized (a name)."""
    if token is None:
        return edge
    text = token.text
    if text[:1].isupper() and token.i > sentence_start:
        return _shape(text)
    return token.lower_


@lru_cache(maxsize=16384)
def _zipf_bucket(word: str) -> str:
    from wordfreq import zipf_frequency

    return str(min(int(zipf_frequency(word.lower(), "en")), 6))


@lru_cache(maxsize=16384)
def _gazetteer_kind(name: str) -> str:
    places = gazetteer.lookup(name)
    if not places:
        return "none"
    return places[0].kind + ("+big" if places[0].kind == "city" and places[0].population >= 100_000 else "")


def span_features(
    doc: Doc, start: int, end: int, *, label: str, rule_type: str, reason: str, sentence: tuple[int, int] | None = None
) -> list[str]:
    """Sparse binary features of the name ``doc[start:end]``; ``sentence`` its sentence's token bounds if known."""
    span = doc[start:end]
    words = [token for token in span if token.is_alpha or "." in token.text]
    last = span[-1]
    first = span[0]
    last_lower = last.lower_
    root = span.root
    head = root.head
    features = [
        "bias",
        f"label={label}",
        f"rule={rule_type}",
        f"label+rule={label}|{rule_type}",
        f"reason={reason}",
        f"length={min(len(span), 4)}",
        f"shape={'|'.join(_shape(token.text) for token in span[:3])}",
        f"suffix3={last_lower[-3:]}",
        f"suffix2={last_lower[-2:]}",
        f"gazetteer={_gazetteer_kind(span.text)}",
        f"dep={root.dep_}",
        f"head={root.dep_}|{head.lemma_.lower() if not start <= head.i < end else 'self'}",
    ]
    if len(span) > 1:
        features.append(f"gazetteer_last={_gazetteer_kind(last.text)}")
        features.append(f"gazetteer_first={_gazetteer_kind(first.text)}")
        features.append(f"first_suffix3={first.lower_[-3:]}")
    if len(words) == 1:
        features.append(f"zipf={_zipf_bucket(words[0].text)}")
        features.append(f"zipf+label={_zipf_bucket(words[0].text)}|{label}")
    if sentence is None:
        sentence = (span.sent.start, span.sent.end)
    sentence_start, sentence_end = sentence
    before = _context_word(doc[start - 1] if start > sentence_start else None, sentence_start, "<s>")
    before2 = _context_word(doc[start - 2] if start - 1 > sentence_start else None, sentence_start, "<s>")
    after = _context_word(doc[end] if end < sentence_end else None, sentence_start, "</s>")
    after2 = _context_word(doc[end + 1] if end + 1 < sentence_end else None, sentence_start, "</s>")
    features += [
        f"before={before}",
        f"after={after}",
        f"before2={before2}",
        f"after2={after2}",
        f"around={before}|{after}",
        f"after12={after}|{after2}",
    ]
    for child in root.children:
        if child.dep_ in _CHILD_DEPENDENCIES and not start <= child.i < end:
            features.append(f"child={child.dep_}|{child.lemma_.lower() if not child.text[:1].isupper() else _shape(child.text)}")
    # What a preposition's object hangs on: "diver Brian Michaud of Millinocket" (of a person) reads
    # as a town, "shares of" as a company.
    if root.dep_ == "pobj":
        attached = head.head
        features.append(f"pobj={head.lower_}|{attached.ent_type_ or attached.pos_}")
        if not attached.text[:1].isupper():
            features.append(f"pobj_head={head.lower_}|{attached.lemma_.lower()}")
    if root.dep_ == "appos" and not start <= head.i < end:
        features.append(f"appos_of={head.lemma_.lower() if not head.text[:1].isupper() else head.ent_type_ or _shape(head.text)}")
    if start == sentence_start and end < sentence_end and doc[end].text in DATELINE_MARKS:
        features.append("dateline")
    cues = _sentence_cues(doc, sentence_start, sentence_end)
    features += [f"cue={cue}" for cue in sorted(cues)]
    # The verb a subject goes with: people say, tell and are born, places are visited.
    if root.dep_ in {"nsubj", "nsubjpass"}:
        features.append(f"subject_of={head.lemma_.lower()}")
    return features


@dataclass(frozen=True)
class EntityTyper:
    """Class weights per feature, the intercepts, and the retyping threshold."""

    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    intercepts: list[float]
    # Probability the new type needs, per change ("Organization>Person"); a change not listed never happens.
    thresholds: dict[str, float]
    # "None" at least this likely drops the name; above 1 never.
    drop_threshold: float
    info: dict

    @classmethod
    def from_disk(cls, path: Path) -> "EntityTyper":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            tuple(data["classes"]),
            data["weights"],
            data["intercepts"],
            data["thresholds"],
            data.get("drop_threshold", 2.0),
            data.get("info", {}),
        )

    def to_json(self) -> str:
        data = {
            "classes": list(self.classes),
            "drop_threshold": self.drop_threshold,
            "info": self.info,
            "intercepts": self.intercepts,
            "thresholds": self.thresholds,
            "weights": self.weights,
        }
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    def retype(self, features: list[str], current: str) -> str | None:
        """The type the name should have ("None": drop it), or None to keep ``current``."""
        probabilities = self.probabilities(features)
        if probabilities.get("None", 0.0) >= self.drop_threshold:
            return "None"
        best = max((name for name in self.classes if name != "None"), key=probabilities.__getitem__)
        if best != current and probabilities[best] >= self.thresholds.get(f"{current}>{best}", 2.0):
            return best
        return None

    def probabilities(self, features: list[str]) -> dict[str, float]:
        weights = self.weights
        vectors = [weights[feature] for feature in features if feature in weights]
        scores = [intercept + sum(column) for intercept, column in zip(self.intercepts, zip(*vectors))] if vectors else list(self.intercepts)
        top = max(scores)
        exponentials = [math.exp(score - top) for score in scores]
        total = sum(exponentials)
        return {name: value / total for name, value in zip(self.classes, exponentials)}


@lru_cache(maxsize=1)
def load_entity_typer(path: Path = MODEL_PATH) -> EntityTyper | None:
    """The shipped model, loaded once; None if the weights file is missing (rules only)."""
    if not Path(path).is_file():
        return None
    return EntityTyper.from_disk(path)
