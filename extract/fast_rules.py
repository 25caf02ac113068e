"""Exact, faster stand-ins for spaCy's rule-based ``attribute_ruler`` and ``lemmatizer``.

On news text the two rule components of spaCy's English pipelines cost about a fifth of
the whole parse (CoNLL-2003 documents with en_core_web_sm: attribute_ruler 12 %,
lemmatizer 9 %), more than the parser. Both spend that time re-deriving answers that
depend on a handful of token attributes only:

* the attribute ruler runs ~180 Matcher patterns over every token, although all but a
  few look at one token and read only its TAG, LOWER, DEP and IS_SPACE;
* the rule lemmatizer caches only some of its answers, and builds Python objects for
  the rest each time, although its answer depends only on the token's text, POS and
  morphology (its own cache key).

:func:`speed_up_rule_components` makes both components remember each answer by exactly
those attributes and look it up for every token, so the annotations are unchanged
(``tests/extract/test_fast_rules.py`` compares them with spaCy's own on real text). The
components stay spaCy's objects, with their patterns and tables; only how they are
applied changes. Pipelines whose components are configured in ways this module does not
know (patterns with operators or other predicates, another lemmatizer mode, a custom
subclass) keep spaCy's implementation.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes a one-token pattern may test, in the order of the lookup key.
_KEY_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_ATTRIBUTE_IDS = [TAG, LOWER, DEP, IS_SPACE]

# Stands in for every attribute value no pattern names (hashes are never negative).
_UNNAMED = -1

TokenTest = Callable[[tuple[int, ...]], bool]


class _UnsupportedPattern(ValueError):
    """A pattern this module cannot evaluate exactly: the component keeps spaCy's code."""


def speed_up_rule_components(nlp: Language) -> list[str]:
    """Switch ``nlp``'s attribute ruler and rule lemmatizer to the cached application.

    Returns the names of the components switched (none when the pipeline has neither, or
    configures them in a way this module does not reproduce exactly).
    """
    switched = []
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            try:
                _CachedAttributeRuler.adopt(component)
            except _UnsupportedPattern:
                continue
            switched.append(name)
        elif type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode == "rule" and not component.overwrite:
            _cached_lemmatizer_class(type(component)).adopt(component)
            switched.append(name)
    return switched


# --- attribute ruler ---------------------------------------------------------------------------


class _RuleKeys:
    """Turns a Doc's tokens into lookup keys that decide every one-token rule.

    A key holds a token's TAG, LOWER, DEP and IS_SPACE hashes, then one truth value per
    regular expression the rules apply to an attribute's text. Any value no rule names
    passes and fails exactly the same tests as every other such value, so the key holds
    one stand-in for all of them: a few hundred distinct keys then cover a corpus.
    """

    def __init__(self, strings: Any) -> None:
        self.strings = strings
        # IS_SPACE is 0 or 1 already, and its test reads truth, which a stand-in would change.
        self.named: list[set[int] | None] = [None if attribute == "IS_SPACE" else set() for attribute in _KEY_ATTRIBUTES]
        self.expressions: list[tuple[int, re.Pattern[str]]] = []

    def _hash(self, value: str | bool) -> int:
        if isinstance(value, bool):
            return int(value)
        return self.strings.as_int(value) if value else 0

    def _name(self, position: int, values: list) -> None:
        named = self.named[position]
        if named is not None:
            named.update(self._hash(value) for value in values)

    def value_test(self, attribute: str, spec: Any) -> TokenTest:
        """The Matcher's test of one attribute value, read off a key."""
        position = _KEY_ATTRIBUTES.index(attribute)
        if attribute == "IS_SPACE":
            if not isinstance(spec, bool):
                raise _UnsupportedPattern(f"IS_SPACE {spec!r}")
            return lambda key: bool(key[position]) == spec
        if isinstance(spec, str):
            self._name(position, [spec])
            wanted = self._hash(spec)
            return lambda key: key[position] == wanted
        if isinstance(spec, dict) and len(spec) == 1:
            ((operator, operand),) = spec.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(item, str) for item in operand):
                self._name(position, operand)
                members = frozenset(self._hash(item) for item in operand)
                if operator == "IN":
                    return lambda key: key[position] in members
                return lambda key: key[position] not in members
            if operator == "REGEX" and isinstance(operand, str):
                # The Matcher searches the attribute's text with re.search.
                slot = len(_KEY_ATTRIBUTES) + len(self.expressions)
                self.expressions.append((position, re.compile(operand)))
                return lambda key: key[slot]
        raise _UnsupportedPattern(f"{attribute} {spec!r}")

    def token_test(self, token_pattern: dict) -> TokenTest:
        tests = []
        for attribute, spec in token_pattern.items():
            if attribute not in _KEY_ATTRIBUTES:
                raise _UnsupportedPattern(attribute)
            tests.append(self.value_test(attribute, spec))
        return lambda key: all(test(key) for test in tests)

    def keys(self, doc: Doc) -> Iterator[tuple[int, ...]]:
        if not len(doc):
            return iter(())
        raw = doc.to_array(_KEY_ATTRIBUTE_IDS).T.tolist()
        columns = [
            values if named is None else [value if value in named else _UNNAMED for value in values]
            for values, named in zip(raw, self.named)
        ]
        strings = self.strings
        for position, expression in self.expressions:
            columns.append([bool(expression.search(strings[value] if value else "")) for value in raw[position]])
        return zip(*columns)


class _CachedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, its one-token rules looked up per distinct token key.

    Semantics kept from ``AttributeRuler.match``/``set_annotations``: every pattern is
    matched against the annotations as they were before the ruler ran, and the matches
    are applied in the order the rules were added, so a later rule wins.
    """

    _one_token_rules: list[tuple[int, TokenTest]]
    _longer_rules: Matcher
    _has_longer_rules: bool
    _rules_by_key: dict[tuple[int, ...], tuple[int, ...]]
    _rule_keys: _RuleKeys

    @classmethod
    def adopt(cls, ruler: AttributeRuler) -> None:
        rule_keys = _RuleKeys(ruler.vocab.strings)
        one_token: list[tuple[int, TokenTest]] = []
        longer = Matcher(ruler.vocab, validate=False)
        for rule_id, rule in enumerate(ruler.patterns):
            patterns = rule["patterns"]
            if all(len(pattern) == 1 for pattern in patterns):
                alternatives = [rule_keys.token_test(pattern[0]) for pattern in patterns]
                one_token.append((rule_id, lambda key, tests=alternatives: any(test(key) for test in tests)))
            else:
                longer.add(str(rule_id), patterns)
        ruler.__class__ = cls
        ruler._one_token_rules = one_token
        ruler._longer_rules = longer
        ruler._has_longer_rules = len(longer) > 0
        ruler._rules_by_key = {}
        ruler._rule_keys = rule_keys

    def _rules_for(self, key: tuple[int, ...]) -> tuple[int, ...]:
        rules = self._rules_by_key.get(key)
        if rules is None:
            rules = self._rules_by_key[key] = tuple(rule_id for rule_id, test in self._one_token_rules if test(key))
        return rules

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as error:  # noqa: BLE001 - spaCy's own error handling, as the original
            return error_handler(self.name, self, [doc], error)

    def _apply(self, doc: Doc) -> None:
        rules_of_token: dict[int, list[int]] = {}
        for position, key in enumerate(self._rule_keys.keys(doc)):
            rules = self._rules_for(key)
            if rules:
                rules_of_token[position] = list(rules)
        if self._has_longer_rules:
            # Matched before any rule is applied, as the original does.
            for match_id, start, end in self._longer_rules(doc, allow_missing=True, as_spans=False):
                rule_id = int(self.vocab.strings[match_id])
                index = self.indices[rule_id]
                length = end - start
                if not -length <= index < length:
                    raise ValueError(f"attribute_ruler: index {index} outside a match of {length} tokens")
                rules_of_token.setdefault(start + index % length, []).append(rule_id)
        for position, rule_ids in rules_of_token.items():
            token = doc[position]
            for rule_id in sorted(rule_ids) if len(rule_ids) > 1 else rule_ids:
                set_token_attrs(token, self.attrs[rule_id])


# --- lemmatizer --------------------------------------------------------------------------------

_CACHED_LEMMATIZER_CLASSES: dict[type, type] = {}


def _cached_lemmatizer_class(base: type) -> type:
    """A subclass of ``base`` (spaCy's Lemmatizer or EnglishLemmatizer) with the cached ``__call__``."""
    cached = _CACHED_LEMMATIZER_CLASSES.get(base)
    if cached is None:
        cached = _CACHED_LEMMATIZER_CLASSES[base] = type(f"Cached{base.__name__}", (_CachedLemmatizerMixin, base), {})
    return cached


class _WordList(list):
    """A lemma index list that answers ``in`` from a set.

    ``rule_lemmatize`` asks ``form in index`` for every candidate form, and each index is
    a list of ~20,000 words: 110 µs per new word, the lemmatizer's whole cost. Still a
    list, so the tables serialize as before.
    """

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


class _CachedLemmatizerMixin:
    """A rule lemmatizer that remembers every lemma by (text, POS, morphology).

    The original's ``rule_lemmatize`` keys its own cache the same way but stores only
    some answers; the lemma of each key is computed once here by the original code.
    Tokens that already have a lemma (set by the attribute ruler) keep it, as with
    ``overwrite=False``.
    """

    _lemma_by_key: dict[tuple[int, int, int], int]

    @classmethod
    def adopt(cls, lemmatizer: Lemmatizer) -> None:
        lemmatizer.__class__ = cls
        lemmatizer._lemma_by_key = {}
        index_table = lemmatizer.lookups.get_table("lemma_index", None)
        if index_table is not None:
            for part_of_speech, words in list(index_table.items()):
                if type(words) is list:
                    index_table[part_of_speech] = _WordList(words)

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as error:  # noqa: BLE001 - spaCy's own error handling, as the original
            error_handler(self.name, self, [doc], error)

    def _apply(self, doc: Doc) -> None:
        if not len(doc):
            return
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemma_by_key = self._lemma_by_key
        strings = self.vocab.strings
        lemmas = array[:, 3]
        changed = False
        for position, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = lemma_by_key.get(key)
            if found is None:
                found = lemma_by_key[key] = strings.add(self.lemmatize(doc[position])[0])
            lemmas[position] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas, dtype=numpy.uint64))
