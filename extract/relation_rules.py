"""Parse rules that read typed relations off spaCy's dependency tree.

Each rule walks the tree from a trigger word (a role noun, a verb, a relation
noun) to the mentions that fill its slots, and yields :class:`Candidate` facts.
The rules never look at entity labels beyond ``Mention.entity_type``; whether a
candidate fits the predicate's domain and range is checked once, in
``extract/relations.py``.

Vocabulary used in comments: the *holder* of a role noun is the person who holds
it ("Ayman al-Zawahiri" for "leader"); its *object* is what the role is held in
("al-Qaeda"). An *argument token* is the token the parse puts in a slot (a
subject, a prepositional object); it is turned into mentions by
:meth:`ParseIndex.arguments`, which follows coordination, pronouns, relative
pronouns and collective nouns ("al-Qaeda fighters" stands for al-Qaeda).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from spacy.tokens import Doc, Span, Token

from extract.relation_lexicon import (
    ACQUITTAL_LEMMAS,
    ATTEMPT_MODIFIERS,
    CHIEF_MODIFIERS,
    COLLECTIVE_NOUNS,
    DEPUTY_MODIFIERS,
    DISTANCE_WORDS,
    FORMER_MODIFIERS,
    HEDGED_ROLE_MODIFIERS,
    HOME_NOUNS,
    INTENTION_VERBS,
    INTRANSITIVE_ONLY_VERBS,
    KILLER_NOUNS,
    KILLING_NOUNS,
    LEADER_ROLES,
    MEMBER_ROLES,
    NOUN_TRIGGERS,
    PART_NOUNS,
    PERSON_PRONOUNS,
    PHRASAL_TRIGGERS,
    PREPOSITION_ONLY_VERBS,
    PRESENCE_NOUNS,
    REGION_NAMES,
    RELATIVE_PRONOUNS,
    RESIDENCE_NOUNS,
    UNHELD_MODIFIERS,
    VERB_TRIGGERS,
)
from newskg.model import Mention, mention_key

if TYPE_CHECKING:  # the gazetteer is imported late at run time (import cycle)
    from extract import gazetteer

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Verbs that link a holder to a role noun: "X is/was/became/remains the leader of Y".
COPULAS = frozenset({"be", "become", "remain", "serve", "act", "work", "appoint", "name", "elect", "make", "choose", "install"})
ROLE_PREPOSITIONS = frozenset({"of", "at", "for", "with", "in"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "inside", "within"})


@dataclass(frozen=True)
class Argument:
    """A mention standing in a slot, and how sure we are it belongs there."""

    mention: Mention
    factor: float = 1.0
    via: str = ""


@dataclass
class Candidate:
    subject: Argument
    predicate: str
    object: Argument
    confidence: float
    method: str
    triggers: tuple[Token, ...]
    role: str | None = None
    former: bool = False
    time: str | None = None

    @property
    def score(self) -> float:
        return round(self.confidence * self.subject.factor * self.object.factor, 3)


@dataclass
class ParseIndex:
    """One parsed document with its mentions laid over the tokens."""

    doc: Doc
    mentions: list[Mention]
    token_mention: list[Mention | None] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, mentions: list[Mention]) -> "ParseIndex":
        index = cls(doc, sorted(mentions, key=lambda m: (m.start, -m.end)))
        index.token_mention = [None] * len(doc)
        for mention in index.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            index.spans[mention_key(mention)] = span
            for token in span:
                # Longest mention wins where mentions overlap (they are sorted longest first per start).
                if index.token_mention[token.i] is None:
                    index.token_mention[token.i] = mention
        return index

    def mention_at(self, token: Token) -> Mention | None:
        return self.token_mention[token.i]

    def span_of(self, mention: Mention) -> Span:
        return self.spans[mention_key(mention)]

    # -- turning a slot's token into mentions ---------------------------------------------

    def arguments(self, token: Token, *, collective: bool = True) -> list[Argument]:
        """Every mention a slot filled by ``token`` stands for, coordination included.

        "Kabul, Kunar, Kandahar, and Helmand" as the object of "in" gives four
        arguments; "the Taliban and Haqqani Network" gives two.
        """
        found: dict[str, Argument] = {}
        for member in coordinated(token):
            for argument in self._single_argument(member, collective=collective):
                found.setdefault(mention_key(argument.mention), argument)
            mention = self.mention_at(member)
            if mention is not None:
                # A conjunct may hang off any token inside a multi-token mention
                # ("the Taliban and Haqqani Network": Taliban is a conjunct of "Haqqani").
                for inner in self.span_of(mention):
                    for conjunct in inner.conjuncts:
                        other = self.mention_at(conjunct)
                        if other is not None and other is not mention:
                            found.setdefault(mention_key(other), Argument(other))
        return sorted(found.values(), key=lambda argument: argument.mention.start)

    def own_arguments(self, token: Token, *, collective: bool = True) -> list[Argument]:
        """The mentions ``token`` alone stands for, leaving out what is coordinated with it."""
        return self._single_argument(token, collective=collective)

    def _single_argument(self, token: Token, *, collective: bool) -> list[Argument]:
        mention = self.mention_at(token)
        if mention is not None:
            return [Argument(mention)]
        lower = token.lower_
        if lower in PERSON_PRONOUNS and token.dep_ in SUBJECT_DEPS | {"dobj", "pobj"}:
            antecedent = self.resolve_pronoun(token)
            return [Argument(antecedent, 0.85, "pronoun")] if antecedent else []
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            # "Qari Zakir, who was in charge of ...": the relative clause hangs off its antecedent.
            antecedent = token.head.head
            described = self.mention_at(antecedent.head) if antecedent.dep_ == "appos" else None
            if described is not None and self.mention_at(antecedent) is None:
                # "Derwinski, a Republican from Chicago who served in Congress": the antecedent describes the name.
                return [Argument(described, 0.95, "appos")]
            return self._single_argument(antecedent, collective=collective)
        if token.pos_ in {"NOUN", "PROPN"}:
            holders = [Argument(m, 0.95, "appos") for m in self.appositive_mentions(token)]
            if holders:
                return holders

            if collective and token.lemma_.lower() in COLLECTIVE_NOUNS:
                # "al-Qaeda fighters", "AQIS's leaders": the group stands for its people.
                owners = self.modifier_mentions(token, types={"Organization"})
                return [Argument(m, 0.9, "collective") for m in owners[-1:]]
        return []

    def appositive_mentions(self, token: Token) -> list[Mention]:
        """Named mentions in apposition to a noun: "the governors ..., Baryal and Hakeem"."""
        found: list[Mention] = []
        for child in token.children:
            if child.dep_ != "appos":
                continue
            for member in coordinated(child):
                mention = self.mention_at(member)
                if mention is not None and mention not in found:
                    found.append(mention)
                elif mention is None and member.pos_ == "NOUN":
                    # an appositive chain: "leader, the Egyptian doctor, Ayman al-Zawahiri"
                    for deeper in self.appositive_mentions(member):
                        if deeper not in found:
                            found.append(deeper)
        return found

    def modifier_mentions(self, token: Token, *, types: set[str]) -> list[Mention]:
        """Mentions that modify a noun from the left: "al-Qaeda leader", "the Talibans supreme leader"."""
        found: list[Mention] = []
        for child in token.lefts:
            if child.dep_ in {"compound", "poss", "nmod", "npadvmod", "amod", "nsubj"}:
                mention = self.mention_at(child)
                if mention is not None and mention.entity_type in types and not is_nationality(self, mention):
                    if mention not in found:
                        found.append(mention)
        if not found:
            found.extend(self.possessive_before(token, types=types))
        return found

    def possessive_before(self, token: Token, *, types: set[str]) -> list[Mention]:
        """A possessor the parser lost: "al-Qaedas recently killed leader" (apostrophe stripped).

        Accepted only when the mention is marked possessive ('s, or a name token that
        runs on past the mention with an "s", or a surface form that is another
        mention's name plus "s") and only adverbs, adjectives and participles
        stand between it and the noun.
        """
        index = token.i - 1
        while (
            index >= 0
            and token.i - index <= 3
            and self.mention_at(self.doc[index]) is None
            and (self.doc[index].pos_ in {"ADV", "ADJ"} or self.doc[index].tag_ in {"VBN", "VBD"})
        ):
            index -= 1
        if index < 0:
            return []
        before = self.doc[index]
        if before.tag_ == "POS" and index > 0:
            mention = self.mention_at(self.doc[index - 1])
        else:
            mention = self.mention_at(before)
            if mention is None:
                return []
            runs_on = before.idx + len(before.text) > mention.end and before.text.lower().endswith("s")
            if not (runs_on or self._is_plain_possessive(mention)):
                return []
        if mention is None or mention.entity_type not in types:
            return []
        return [mention]

    def _is_plain_possessive(self, mention: Mention) -> bool:
        # "Talibans" where the document also names "Taliban": the "s" is a lost apostrophe.
        text = mention.text
        if not text.endswith("s") or text.endswith("ss"):
            return False
        stem = text[:-1].casefold()
        return any(other.text.casefold() == stem for other in self.mentions)

    # -- pronouns ------------------------------------------------------------------------

    def resolve_pronoun(self, pronoun: Token) -> Mention | None:
        """A deliberately simple antecedent for he/she: the latest person who is a subject.

        Looks first earlier in the same sentence, then in up to two earlier
        sentences. When an earlier sentence names exactly one person but not as a
        subject ("... involves Taj Mir Jawad, a senior Taliban commander"), that
        person is taken. Anything less clear resolves to nothing.
        """
        sentence = pronoun.sent
        earlier = [m for m in self._persons_in(sentence) if self.span_of(m).end <= pronoun.i]
        if pronoun.dep_ in {"dobj", "pobj"}:
            # "when Sirhan shot him": an object pronoun is never its own clause's subject.
            verb = pronoun.head if pronoun.dep_ == "dobj" else pronoun.head.head
            own = {self.mention_at(s) for s in clause_subjects(verb)} - {None}
            earlier = [m for m in earlier if m not in own]
        subjects = [m for m in earlier if self._is_subject(m)]
        if subjects:
            return subjects[-1]
        previous = sentence.start - 1
        for _ in range(2):
            if previous < 0:
                return None
            sentence = self.doc[previous].sent
            persons = self._persons_in(sentence)
            subjects = [m for m in persons if self._is_subject(m)]
            if subjects:
                return subjects[-1]
            names = {(m.normalized or m.text).casefold() for m in persons}
            if len(names) == 1:
                return persons[-1]
            if persons:
                return None
            previous = sentence.start - 1
        return None

    def _persons_in(self, sentence: Span) -> list[Mention]:
        seen: list[Mention] = []
        for token in sentence:
            mention = self.mention_at(token)
            if mention is not None and mention.entity_type == "Person" and mention not in seen:
                seen.append(mention)
        return seen

    def _is_subject(self, mention: Mention) -> bool:
        root = self.span_of(mention).root
        if root.dep_ in SUBJECT_DEPS:
            return True
        # "The head of the Ministry, Sirajuddin Haqqani, retains ...": apposition to a subject.
        return root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS


# -- tree helpers -------------------------------------------------------------------------


def coordinated(token: Token) -> list[Token]:
    """The token and everything coordinated with it, in text order."""
    return sorted([token, *token.conjuncts], key=lambda t: t.i)


def clause_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject tokens of a verb, climbing to the verb it depends on when it has none.

    "Baryal is said to have been a leader": "been" has no subject of its own; it
    is an xcomp of "said", whose (passive) subject is Baryal. "recruiting and
    mobilizing": a conjoined verb shares its first conjunct's subject.
    """
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects or depth > 4:
        return subjects
    if verb.dep_ in {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl"} and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "pcomp" or head.pos_ == "ADP":
            # "Upon taking over as al-Qaeda leader ..., al-Zawahiri linked": pcomp → prep → verb.
            head = head.head
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            return [head]
        return clause_subjects(head, depth + 1)
    if verb.dep_ == "relcl":
        return [verb.head]
    return []


def governing_verb(token: Token) -> Token | None:
    """The verb a noun's clause hangs on ("leader" in "He was a leader" → "was")."""
    current = token
    for _ in range(4):
        if current.head is current:
            return current if current.pos_ in {"VERB", "AUX"} else None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def is_negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children) or any(
        child.lower_ in {"never", "no"} for child in verb.children if child.dep_ in {"advmod", "det"}
    )


def is_nationality(index: ParseIndex, mention: Mention) -> bool:
    """"Egyptian doctor", "Afghan Foreign Minister": an adjective, not an organization."""
    span = index.span_of(mention)
    return len(span) == 1 and span[0].pos_ == "ADJ"


def prepositional_objects(head: Token, prepositions: frozenset[str]) -> list[Token]:
    objects = []
    for child in head.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in prepositions:
            objects.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
    return objects


def time_of(verb: Token | None, index: ParseIndex) -> str | None:
    """A date the text attaches to the clause: "... killed ... on July 31, 2022"."""
    if verb is None:
        return None
    for child in verb.children:
        tokens = [child]
        if child.dep_ == "prep":
            tokens = [g for g in child.children if g.dep_ == "pobj"]
        for token in tokens:
            if token.ent_type_ == "DATE":
                for entity in index.doc.ents:
                    if entity.start <= token.i < entity.end:
                        return entity.text
    return None


# -- the rules ----------------------------------------------------------------------------

HEDGES = frozenset({"may", "might", "could", "allegedly", "reportedly", "possibly", "perhaps", "suspected", "alleged", "believed", "said"})


def hedge_factor(verb: Token | None) -> float:
    """Claims the text itself hedges ("is said to have been", "may have helped") count for less."""
    if verb is None:
        return 1.0
    current, seen = verb, 0
    while seen < 3:
        if any(child.lower_ in HEDGES for child in current.children if child.dep_ in {"aux", "advmod", "amod"}):
            return 0.85
        if current.lower_ in HEDGES and current.dep_ != "aux":
            return 0.85
        if current.head is current:
            break
        current, seen = current.head, seen + 1
    return 1.0


def role_title(role: Token, index: ParseIndex) -> str:
    """The role as written, without the organization or "former": "Senior Research Fellow"."""
    words = [
        child
        for child in role.lefts
        if child.dep_ in {"amod", "compound"}
        and index.mention_at(child) is None
        and child.lower_ not in FORMER_MODIFIERS
        and child.pos_ in {"ADJ", "NOUN", "PROPN"}
        and child.tag_ not in {"VBN", "VBD"}
    ]
    head = role.lemma_ if role.tag_ in {"NNS", "NNPS"} else role.text  # "governors" → "governor"
    return " ".join([*(token.text for token in words), head])


def premodifier_words(noun: Token) -> set[str]:
    """The words before a noun inside its own phrase, hyphenated ones joined again:
    "a possible Supreme Court nominee" → {"a", "possible", "supreme", "court"}; "would-be" stays whole."""
    found: set[str] = set()
    for child in noun.lefts:
        # Only the noun's own modifiers: a left edge reached through an apposition or a clause
        # ("as possible, ' said Suzanne Zachry, spokeswoman") is another phrase's.
        if child.dep_ not in {"amod", "compound", "nmod", "det", "advmod", "nummod", "poss", "punct", "npadvmod"}:
            continue
        words = noun.doc[child.left_edge.i : child.right_edge.i + 1]
        found.update(token.lower_ for token in words)
        found.update(words.text.lower().replace(" - ", "-").split())
    hyphenated = noun.doc[max(noun.i - 3, 0) : noun.i].text.lower().replace(" - ", "-").split()
    found.update(word for word in hyphenated if "-" in word)  # "would-be", parsed as three tokens
    return found


def is_former(role: Token) -> bool:
    for child in role.children:
        if child.lower_ in FORMER_MODIFIERS and child.dep_ in {"amod", "advmod", "compound"}:
            return True
    if premodifier_words(role) & FORMER_MODIFIERS:
        return True  # "a former Yale University law professor", where the parser hangs "former" on "University"
    before = role.doc[role.i - 1] if role.i > 0 else None
    return before is not None and before.lower_ in {"ex-", "ex"}


NAMING_VERBS = frozenset({"know", "call", "name", "dub", "nickname", "label"})


def named_mentions(noun: Token, index: ParseIndex, *, types: set[str]) -> list[Mention]:
    """Names given to a noun by a participle: "the special forces unit known as the Badri 313 battalion",
    "a commander called X"."""
    found: list[Mention] = []
    for child in noun.children:
        if child.dep_ != "acl" or child.lemma_.lower() not in NAMING_VERBS:
            continue
        targets = [t for t in child.children if t.dep_ in {"oprd", "attr", "dobj"}]
        targets += prepositional_objects(child, frozenset({"as"}))
        for target in targets:
            mention = index.mention_at(target)
            # "known as the Badri 313 battalion": the name modifies a generic noun.
            named = [mention] if mention is not None else index.modifier_mentions(target, types=types)
            found.extend(m for m in named if m.entity_type in types and m not in found)
    return found


def role_holders(role: Token, index: ParseIndex, *, types: set[str]) -> tuple[list[Argument], str]:
    """Who holds a role noun, and how the parse says so (for the method name)."""
    inside = index.mention_at(role)
    if inside is not None:
        # A title inside a name ("President Bush"): the name holds it.
        return ([Argument(inside)] if inside.entity_type in types else []), "title"
    holders = [Argument(m) for m in index.appositive_mentions(role) if m.entity_type in types]
    if holders:
        return holders, "appos"
    holders = holders_after_object(role, index, types=types)
    named = [Argument(m) for m in named_mentions(role, index, types=types)]
    if holders or named:
        return holders + [h for h in named if h.mention not in {a.mention for a in holders}], "appos" if holders else "named"
    if role.dep_ == "appos":
        if role.tag_ in {"NNS", "NNPS"}:
            # "Baryal and Hakeem, governors of ...": a plural role is held by every conjunct.
            return [a for a in index.arguments(role.head, collective=False) if a.mention.entity_type in types], "appos"
        # A singular role describes one name: the conjunct nearest before it, whatever the parser
        # attached it to ("Hunt and James Earl Ray, the killer of King" is Ray; in "Winter, a former
        # professor at Yale, and Starr" it is Winter, never Starr).
        before = [t for t in coordinated(role.head) if t.i < role.i] or [role.head]
        # "Rep. Anna Reyes, D-N.Y., chairwoman of …": the parser makes the party tag a conjunct; a
        # conjunct that names nobody is skipped, the nearest name before the role holds it.
        nearest = next((t for t in reversed(before) if index.mention_at(t) is not None), before[-1])
        if index.mention_at(nearest) is None and nearest.dep_ == "appos" and index.mention_at(nearest.head) is not None:
            nearest = nearest.head  # "Sen. Donald W. Riegle Jr., D-Mich., chairman of …": the tag is the name's apposition
        return [a for a in index.own_arguments(nearest, collective=False) if a.mention.entity_type in types][-1:], "appos"
    if role.dep_ == "conj":
        # "a senior Taliban commander and member of the Haqqani Network": share the first conjunct's holder.
        first = role
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if index.mention_at(first) is not None and first.dep_ == "pobj" and first.head.dep_ == "prep":
            # "a professor at Queens College and president of the Socialist International": the parser
            # hangs the second role on the name closing the first; it is the first role's conjunct.
            owner = first.head.head
            if owner.pos_ == "NOUN" and owner.lemma_.lower() in LEADER_ROLES | MEMBER_ROLES:
                first = owner
        if index.mention_at(first) is not None:
            # "his wife, Siti Hasmah and the deputy secretary of the Foreign Ministry, Abdul Halim Ali":
            # a role coordinated with a name is another person, not a title of that name.
            return [], ""
        holders, how = role_holders(first, index, types=types)
        return holders, how
    if role.dep_ == "compound":
        holder = index.mention_at(role.head)
        if holder is not None and holder.entity_type in types:
            # "Taliban commander Taj Mir Jawad", "IBM chairman John Akers".
            return [Argument(holder)], "compound"
    if role.dep_ in {"attr", "oprd", "acomp"} or (role.dep_ == "pobj" and role.head.lower_ == "as"):
        verb = role.head if role.dep_ != "pobj" else role.head.head
        if role.dep_ == "pobj" or verb.lemma_ in COPULAS:
            holders = [
                argument
                for subject in clause_subjects(verb)
                for argument in index.arguments(subject, collective=False)
                if argument.mention.entity_type in types
            ]
            return holders, "copula" if role.dep_ != "pobj" else "as"
    if role.dep_ in SUBJECT_DEPS and role.head.lemma_ == "be":
        # "The leader of X is Y."
        holders = [
            argument
            for child in role.head.children
            if child.dep_ == "attr"
            for argument in index.arguments(child, collective=False)
            if argument.mention.entity_type in types
        ]
        return holders, "copula"
    fronted = fronted_role_holder(role, index, types=types)
    if fronted:
        return fronted, "fronted"
    return comma_appositive_holder(role, index, types=types), "appos"


def comma_appositive_holder(role: Token, index: ParseIndex, *, types: set[str]) -> list[Argument]:
    """An apposition the parser missed: "Anderson, the GE attorney, said ..." parsed with the role as
    the subject. The role phrase must sit between commas (or a comma and the sentence's end) right
    after the name."""
    doc = index.doc
    start, end = role.left_edge.i, role.right_edge.i + 1
    if start < 2 or doc[start - 1].text != ",":
        return []
    if end < role.sent.end and doc[end].text not in {",", ";"}:
        return []
    name = index.mention_at(doc[start - 2])
    if name is None or name.entity_type not in types or index.span_of(name).end != start - 1:
        return []
    return [Argument(name, 0.9, "appos")]


def fronted_role_holder(role: Token, index: ParseIndex, *, types: set[str]) -> list[Argument]:
    """A role phrase that opens the sentence, set off by a comma before the name it describes:
    "A University of Texas law professor, Wright helped devise ...", "A former Associated Press
    reporter now representing IAI, Klemow protects ...". The parser rarely links the two."""
    sentence = role.sent
    subtree = {token.i for token in role.subtree}
    if any(i not in subtree for i in range(sentence.start, role.i)):
        return []
    comma = role.i + 1
    while comma < sentence.end and index.doc[comma].text != "," and comma in subtree:
        comma += 1
    if comma + 1 >= sentence.end or index.doc[comma].text != ",":
        return []
    holder = index.mention_at(index.doc[comma + 1])
    if holder is None or holder.entity_type not in types or index.span_of(holder).start != comma + 1:
        return []
    after = index.span_of(holder).end
    if after < sentence.end and index.doc[after].lower_ in {"and", "or", ","}:
        return []  # "A lawyer, John Smith and ...": a list, not one person described
    return [Argument(holder, 0.9, "fronted")]


# Roles held in the place they are sent "to".
POSTED_ROLES = frozenset({"ambassador", "envoy", "consul", "emissary", "attache", "attaché"})


def names_a_thing_between(modifier: Mention, role: Token, index: ParseIndex) -> bool:
    """Is there a common noun, outside any name, between a modifying name and its role noun?"""
    span = index.span_of(modifier)
    between = index.doc[span.end : role.i]
    return any(token.pos_ == "NOUN" and index.mention_at(token) is None for token in between)


def role_rule(role: Token, index: ParseIndex) -> Iterator[Candidate]:
    """Role nouns: "X, the leader of Y", "X is a fellow at Y", "Y commander X", "took over as Y leader"."""
    lemma = role.lemma_.lower()
    if role.pos_ not in {"NOUN", "PROPN"} and not is_nominal_adjective(role):
        return
    in_charge = lemma == "charge" and role.head.lower_ == "in"
    if not (lemma in LEADER_ROLES or lemma in MEMBER_ROLES or lemma in PART_NOUNS or lemma in KILLER_NOUNS or lemma in RESIDENCE_NOUNS or in_charge):
        return
    part = lemma in PART_NOUNS and lemma not in LEADER_ROLES and lemma not in MEMBER_ROLES
    holder_types = {"Organization"} if part else {"Person"}
    if in_charge:
        # "Qari Zakir, who was in charge of the Haqqani Networks suicide operations".
        verb = role.head.head
        holders = [a for s in clause_subjects(verb) for a in index.arguments(s, collective=False) if a.mention.entity_type == "Person"]
        how = "in-charge"
    else:
        holders, how = role_holders(role, index, types=holder_types)
    if not holders:
        return
    premodifiers = premodifier_words(role)
    if premodifiers & UNHELD_MODIFIERS:
        return  # "a possible Supreme Court nominee", "a would-be assassin": nobody holds the role
    modifiers = {child.lower_ for child in role.lefts if child.dep_ in {"amod", "compound", "nmod"}}
    if role.i > 1 and role.doc[role.i - 1].text == "-":
        modifiers.add(role.doc[role.i - 2].lower_)  # "vice-president"
    if part:
        predicate = "partOf"
    elif lemma in KILLER_NOUNS:
        predicate = "killed"
    elif lemma in RESIDENCE_NOUNS:
        predicate = "locatedIn"
    elif in_charge or lemma in LEADER_ROLES:
        predicate = "memberOf" if modifiers & DEPUTY_MODIFIERS else "leaderOf"
    else:
        predicate = "leaderOf" if modifiers & CHIEF_MODIFIERS else "memberOf"
    object_types = {"Organization", "Place"} if predicate in {"leaderOf", "partOf"} else {"Organization"}
    if predicate == "killed":
        object_types = {"Person"}
    elif predicate == "locatedIn":
        object_types = {"Place"}

    # Objects named by a preposition: "leader of the Kabul Network", "Fellow at the Asia-Pacific Foundation".
    prepositions = ROLE_PREPOSITIONS if predicate == "memberOf" else frozenset({"of", "for"})
    if predicate == "locatedIn":
        prepositions = frozenset({"of", "in", "from"})
    if predicate == "partOf" and how == "title":
        # "covers the State Department for the Daily Courier": a part noun inside a name takes its
        # whole only from "of"; "for" is the clause's.
        prepositions = frozenset({"of"})
    anchor = role
    object_tokens = prepositional_objects(anchor, prepositions)
    if in_charge:
        object_tokens = prepositional_objects(role, frozenset({"of"}))
    prepositional: list[Argument] = []
    nested_members: list[Argument] = []
    if in_charge:
        object_tokens = [member for token in object_tokens for member in coordinated(token)]
    for token in object_tokens:
        arguments = index.arguments(token, collective=False)
        if not arguments and predicate in EMPLOYER_PREDICATES:
            # "Robin Woods , a spokeswoman for the agency": the agency the sentence named before.
            arguments = definite_organization(token, index)
        if not arguments and in_charge and token.pos_ == "NOUN":
            # "in charge of ... the special forces unit known as the Badri 313 battalion": the named unit.
            arguments = [Argument(m) for m in named_mentions(token, index, types={"Organization"})]
        if not arguments and token.pos_ == "NOUN":
            # "in charge of the Haqqani Networks suicide operations": the owner of the thing led.
            arguments = [Argument(m, 0.8, "owner") for m in index.modifier_mentions(token, types={"Organization"})]
        if not arguments and token.pos_ == "NOUN" and predicate in {"leaderOf", "memberOf"} and not in_charge:
            # "vice president of daytime programs for ABC Entertainment", "director of marketing at IBM":
            # whoever holds a role over a part of an organization works for it, and leads only the part.
            nested_members.extend(
                Argument(a.mention, 0.9, "nested")
                for deeper in prepositional_objects(token, frozenset({"of", "for", "at", "with"}))
                for a in index.arguments(deeper, collective=False)
                if a.mention.entity_type == "Organization"
            )
        prepositional.extend(a for a in arguments if a.mention.entity_type in object_types)
    # Objects modifying the role noun: "al-Qaeda leader", "Taliban governors", "the Talibans supreme leader".
    modifier_types = {"Organization"} if predicate != "locatedIn" else {"Place"}
    if predicate in {"leaderOf", "memberOf"}:
        modifier_types = {"Organization", "Place"}
    elif predicate == "killed":
        modifier_types = {"Person"}  # "Kennedy assassin Lee Harvey Oswald": the modifier is the victim
    modifying = [Argument(m) for m in index.modifier_mentions(role, types=modifier_types)]
    if not modifying and predicate in EMPLOYER_PREDICATES:
        # "said Debra Bornstein , a company official": the company the sentence named before.
        modifying = [a for child in role.lefts if child.dep_ == "compound" for a in definite_organization(child, index)]
    if how == "compound" and not modifying:
        holder_span = index.span_of(holders[0].mention)
        modifying = [Argument(m) for m in index.modifier_mentions(holder_span.root, types=modifier_types) if m is not holders[0].mention]
    if predicate in {"leaderOf", "memberOf"} and not prepositional and not any(a.mention.entity_type == "Organization" for a in modifying):
        # "a Burlington operations manager", "the Red Cross disaster chairman": the organization two nouns
        # out employs the holder (who leads only the part named between).
        for noun in role.lefts:
            if noun.dep_ == "compound" and noun.pos_ == "NOUN" and index.mention_at(noun) is None:
                nested_members.extend(Argument(m, 0.9, "nested") for m in index.modifier_mentions(noun, types={"Organization"}))

    title = role_title(role, index) if predicate in {"leaderOf", "memberOf"} and not in_charge else None
    former = is_former(role)
    verb = governing_verb(role)
    time = time_of(verb, index)
    factor = hedge_factor(verb)
    if premodifiers & HEDGED_ROLE_MODIFIERS:
        factor *= 0.85  # "the accused assassin of President Kennedy": the text itself hedges
    method = f"dep:{how}-role" if predicate != "partOf" else f"dep:{how}-part"
    triggers = (role,)

    pairs: list[tuple[Argument, Argument, str]] = []
    # The sentence is read for "respectively" only where it could pair holders with objects.
    if len(holders) == len(prepositional) > 1 and any(token.lower_ == "respectively" for token in role.sent):
        # "The governors of Kapisa and Nuristan, Baryal and Hakeem respectively": pair them in order.
        pairs.extend((h, o, predicate) for h, o in zip(holders, prepositional))
    else:
        pairs.extend((h, o, predicate) for h in holders for o in prepositional)
    for holder in holders:
        for other in modifying:
            # With a prepositional object too, the modifier is the holder's affiliation:
            # "Taliban governors of Kapisa" are members of the Taliban, leaders of Kapisa.
            modifier_predicate = predicate
            if prepositional and predicate == "leaderOf":
                modifier_predicate = "memberOf"
            if predicate == "leaderOf" and other.mention.entity_type == "Place" and names_a_thing_between(other.mention, role, index):
                # "Dallas nightclub owner Jack Ruby", "Kabul police chief": the place is where the thing
                # led is, and so where its leader is; he leads the nightclub, not Dallas.
                modifier_predicate = "locatedIn"
            if predicate == "memberOf" and other.mention.entity_type == "Place":
                # "U.S. diplomat Felix Bloch", "Tempe plastic surgeon Richard Pavese", "Libya's deputy
                # ambassador": a member's place is where they are from or work, not a body they belong to.
                # Not so for a former role, a posting elsewhere ("U.S. Ambassador to Ukraine") or a
                # region a correspondent covers ("Middle East correspondent").
                if is_former(role) or is_wide_region(other.mention.text) or prepositional_objects(role, frozenset({"to"})):
                    continue
                modifier_predicate = "locatedIn"
            pairs.append((holder, other, modifier_predicate))
    pairs.extend((holder, other, "memberOf") for holder in holders for other in nested_members)
    if lemma in POSTED_ROLES:
        # "U.S. Ambassador to Ukraine William Miller", "envoy to Cuba": posted in the place.
        posts = [a for t in prepositional_objects(role, frozenset({"to"})) for a in index.arguments(t, collective=False)]
        pairs.extend((holder, post, "locatedIn") for holder in holders for post in posts if post.mention.entity_type == "Place")
    for holder, other, chosen in pairs:
        if holder.mention is other.mention:
            continue
        confidence = 0.9 if how in {"appos", "copula", "title"} else 0.8
        yield Candidate(holder, chosen, other, confidence * factor, method, triggers, title, former, time)


_PHRASAL_VERBS = frozenset(verb for verb, _ in PHRASAL_TRIGGERS)


def where_clause_rule(verb: Token, index: ParseIndex) -> Iterator[Candidate]:
    """A place verb in a "where" clause on a place: "Rolling Fork , where Muddy Waters was born",
    "northern Minnesota , where she was born and grew up". The clause's subject is in the place
    the clause hangs on (a second verb coordinated with the first shares its "where")."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    predicate = PHRASAL_TRIGGERS.get((lemma, particle)) or VERB_TRIGGERS.get(lemma, (None, None))[0]
    if predicate not in {"locatedIn", "diedIn"} or verb.pos_ not in {"VERB", "AUX"} or is_negated(verb):
        return
    clause = verb.head if verb.dep_ == "conj" else verb
    if clause.dep_ != "relcl" or not any(child.dep_ == "advmod" and child.lower_ == "where" for child in clause.children):
        return
    place = index.mention_at(clause.head)
    if place is None or place.entity_type != "Place" or is_intended_only(verb):
        return
    subject_tokens = clause_subjects(verb) or (clause_subjects(clause) if clause is not verb else [])
    for subject in (a for token in subject_tokens for a in index.arguments(token)):
        if subject.mention is not place:
            yield Candidate(subject, predicate, Argument(place), 0.75 * hedge_factor(verb), f"dep:where-{lemma}", (verb,))


def verb_rule(verb: Token, index: ParseIndex) -> Iterator[Candidate]:
    """Verbs: "X supports Y", "Y is supported by X", "X is based in Y", "X was killed in Y"."""
    lemma = verb.lemma_.lower()
    if lemma not in VERB_TRIGGERS and lemma not in _PHRASAL_VERBS:
        return  # most verbs trigger nothing: leave before reading their children
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if (lemma, particle) in PHRASAL_TRIGGERS:
        predicate, prepositions = PHRASAL_TRIGGERS[(lemma, particle)], frozenset({"in"})
    elif lemma in VERB_TRIGGERS and particle in {None, "up", "out"}:
        predicate, prepositions = VERB_TRIGGERS[lemma]
    else:
        return
    if verb.pos_ not in {"VERB", "AUX"} and not (verb.pos_ == "ADJ" and lemma in {"allied", "ally"}):
        return
    if is_negated(verb) or (predicate in UNREALIZED_PREDICATES and is_intended_only(verb)):
        return
    if lemma in INTRANSITIVE_ONLY_VERBS and any(child.dep_ in {"dobj", "nsubjpass"} for child in verb.children):
        return
    passive = any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)
    # "the Mediterranean Foundation headed by Juan Novara": a participle on a noun is passive, its noun the subject.
    passive = passive or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    subject_tokens = clause_subjects(verb)
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if verb.tag_ in {"VBD", "VBN"} and following is not None:
        possessors = index.possessive_before(following, types={"Person", "Organization", "Place"})
        if any(index.mention_at(subject) in possessors for subject in subject_tokens):
            # "al-Qaedas recently killed leader": a participle the parser took for the main verb,
            # with the possessor as its "subject". It describes the noun; it asserts nothing.
            return
    subjects = [a for s in subject_tokens for a in index.arguments(s)]
    if not subject_tokens and verb.dep_ == "ROOT":
        subjects = fronted_subject(verb, index)
    if verb.dep_ == "amod" and lemma in {"base", "headquarter"}:
        # "the Kansas City-based company": the noun is the subject, the modifier the place.
        subjects = index.arguments(verb.head)
        places = [index.mention_at(c) for c in verb.children if c.dep_ in {"npadvmod", "compound", "nmod"}]
        for place in places:
            for subject in subjects:
                if place is not None:
                    yield Candidate(subject, "locatedIn", Argument(place), 0.85, "dep:based-modifier", (verb,))
        return
    agents = [a for t in prepositional_objects(verb, frozenset({"by"})) for a in index.arguments(t)]
    direct = [] if lemma in PREPOSITION_ONLY_VERBS else [a for c in verb.children if c.dep_ in {"dobj", "attr"} for a in index.arguments(c)]
    prepositional = [a for t in prepositional_objects(verb, prepositions) for a in index.arguments(t)]
    time = time_of(verb, index)
    factor = hedge_factor(verb)
    preposition_word = next((c.lower_ for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions), "")
    method = f"dep:{'passive' if passive else 'verb'}-{verb.lower_}" + (f"-{preposition_word}" if preposition_word else "")
    triggers = (verb,)

    pairs: list[tuple[Argument, Argument, str]] = []
    if predicate in {"locatedIn", "diedIn"}:
        places = prepositional or nested_places(verb, prepositions, index)
        pairs.extend((s, p, predicate) for s in subjects for p in places)
    elif predicate == "killed":
        if passive:
            victims = subjects
            pairs.extend((killer, victim, "killed") for killer in agents for victim in victims)
            places = [a for t in prepositional_objects(verb, LOCATIVE_PREPOSITIONS) for a in index.arguments(t, collective=False)]
            if not places and verb.dep_ == "advcl" and VERB_TRIGGERS.get(verb.head.lemma_.lower(), ("",))[0] == "locatedIn":
                # "al-Zawahiri was discovered living in ... Kabul when he was killed in a strike".
                places = nested_places(verb.head, LOCATIVE_PREPOSITIONS, index)
            pairs.extend((victim, place, "diedIn") for victim in victims for place in places)
        else:
            if not subjects and verb.dep_ == "relcl":
                subjects = killer_behind_relative_clause(verb, index)
            if verb.dep_ == "pcomp":
                # "convicted Millikan of killing Martinelli", "pleaded guilty to killing John Lennon":
                # the killer is who the court or the plea names, not the clause's grammatical subject.
                accused = accused_of(verb, index)
                subjects = accused if accused is not None else subjects
            if not direct:
                # "Jack Ruby shot and mortally wounded Lee Harvey Oswald", "shooting and killing King":
                # the object hangs on the second verb of the pair.
                direct = [a for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for o in c.children if o.dep_ == "dobj" for a in index.arguments(o)]
            pairs.extend((s, o, "killed") for s in subjects for o in direct)
    elif passive:
        if agents:
            pairs.extend((agent, s, predicate) for agent in agents for s in subjects)
        else:
            # "is closely tied to Qari Zakir", "is allied with X": the subject keeps its place.
            pairs.extend((s, o, predicate) for s in subjects for o in prepositional)
    else:
        objects = direct + prepositional
        if not objects and predicate == "alliedWith":
            # "al-Qaeda helped the Taliban and Haqqani Network establish a base": the helped
            # party is the subject of the helped action.
            objects = [a for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj" for a in index.arguments(s)]
        pairs.extend((s, o, predicate) for s in subjects for o in objects)
    for first, second, chosen in pairs:
        if first.mention is second.mention:
            continue
        yield Candidate(first, chosen, second, 0.8 * factor, method, triggers, None, False, time)


# Predicates that state a fact which an intention does not make true: "tried to kill X" killed
# nobody, "plans to set up a base in Y" is not based there. Stances (opposes, alliedWith) stand.
UNREALIZED_PREDICATES = frozenset({"killed", "diedIn", "controls", "memberOf", "leaderOf", "locatedIn"})


def is_intended_only(verb: Token) -> bool:
    """"(who) tried to kill President Ford", "plotted to assassinate", "failed to take over": the verb is
    the complement of a verb of trying or intending."""
    current = verb
    for _ in range(2):  # "had tried and failed to kill": through one conjoined verb
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in INTENTION_VERBS:
            return True
        if current.dep_ != "conj":
            return False
        current = current.head
    return False


def fronted_subject(verb: Token, index: ParseIndex) -> list[Argument]:
    """A subject the parser swallowed into a fronted phrase.

    "First under bin Laden and then al-Zawahiri, al-Qaeda helped the Taliban": the
    parser makes al-Qaeda the last conjunct of the "under" phrase and leaves "helped"
    without a subject. Accepted only for a named last conjunct that follows a comma
    (a real list ends in "and X") and stands right before the subjectless verb,
    inside a phrase hanging to the verb's left.
    """
    position = verb.i - 1
    while position > verb.sent.start and verb.doc[position].pos_ == "ADV":
        position -= 1
    mention = index.mention_at(verb.doc[position]) if position >= verb.sent.start else None
    if mention is None:
        return []
    span = index.span_of(mention)
    root = span.root
    if root.dep_ != "conj" or span.start == 0 or verb.doc[span.start - 1].text != ",":
        return []
    if any(child.dep_ == "conj" for child in root.children):
        return []
    # spaCy makes a new Token object on each access: compare positions, not identity.
    head = root
    while head.head.i != head.i and head.head.i != verb.i:
        head = head.head
    if head.head.i != verb.i or head.dep_ != "prep" or head.i > verb.i:
        return []
    return [Argument(mention, 0.9, "fronted")]


def nested_places(head: Token, prepositions: frozenset[str], index: ParseIndex) -> list[Argument]:
    """Places one step further in: "living in a villa in Kabuls embassy quarter" → Kabul."""
    found: list[Argument] = []
    frontier = prepositional_objects(head, prepositions)
    for _ in range(2):
        next_frontier: list[Token] = []
        for token in frontier:
            if index.mention_at(token) is not None:
                continue
            for mention in index.modifier_mentions(token, types={"Place"}):
                found.append(Argument(mention, 0.85, "nested"))
            next_frontier.extend(prepositional_objects(token, LOCATIVE_PREPOSITIONS))
        for token in next_frontier:
            found.extend(Argument(a.mention, 0.85, "nested") for a in index.arguments(token, collective=False) if a.mention.entity_type == "Place")
        if found:
            return found
        frontier = next_frontier
    return found


def noun_rule(noun: Token, index: ParseIndex) -> Iterator[Candidate]:
    """Relation nouns: "retains deep ties to al-Qaeda", "the bond between the Taliban and al-Qaeda",
    "the assassination of Y by X"."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN":
        return
    if lemma in KILLING_NOUNS:
        if premodifier_words(noun) & ATTEMPT_MODIFIERS:
            return  # "the attempted murder of X": X survived
        victim_tokens = prepositional_objects(noun, frozenset({"of"}))
        for when in prepositional_objects(noun, frozenset({"in", "on"})):
            if when.ent_type_ in {"DATE", "TIME"} or when.like_num:
                # "the assassination in 1914 of Archduke Franz Ferdinand": the parser hangs "of" on the date.
                victim_tokens += prepositional_objects(when, frozenset({"of"}))
        victims = [a for t in victim_tokens for a in index.arguments(t, collective=False)]
        if not victims:
            # "convicted of Kennedy's murder", "the Kennedy slaying": the victim owns the killing.
            victims = [Argument(m) for m in index.modifier_mentions(noun, types={"Person"})]
        killers = [a for t in prepositional_objects(noun, frozenset({"by"})) for a in index.arguments(t, collective=False)]
        how = f"dep:noun-{lemma}"
        if not killers:
            # "Sirhan was convicted of Kennedy's murder", "Ray, serving 99 years for the assassination of King".
            killers = accused_of(noun, index) or []
            how += "-accused"
        for killer in killers:
            for victim in victims:
                if killer.mention is not victim.mention:
                    yield Candidate(killer, "killed", victim, 0.8, how, (noun,))
        return
    if lemma in AID_NOUNS:
        yield from aid_rule(noun, index)
        return
    if lemma in HOME_NOUNS:
        yield from home_rule(noun, index)
        return
    if lemma not in NOUN_TRIGGERS and lemma not in {"bond"}:
        return
    predicate, prepositions = NOUN_TRIGGERS.get(lemma, ("associatedWith", frozenset({"with"})))
    between = prepositional_objects(noun, frozenset({"between"}))
    if between:
        # "the links between al-Qaeda and the Taliban": every pair of the coordinated parties.
        parties = [a for t in between for a in index.arguments(t)]
        for i, first in enumerate(parties):
            for second in parties[i + 1 :]:
                yield Candidate(first, predicate, second, 0.75, f"dep:noun-{lemma}-between", (noun,))
        return
    owners: list[Argument] = [Argument(m) for m in index.modifier_mentions(noun, types={"Person", "Organization", "Place"})]
    verb = None
    if not owners and noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
        # "Sirajuddin Haqqani retains deep ties to al-Qaeda": the one who has the ties is the subject.
        verb = noun.head
        if verb.lemma_ in {"have", "retain", "maintain", "keep", "renew", "build", "establish", "forge", "strengthen", "deepen", "develop", "declare", "wage", "launch"}:
            if is_negated(verb):
                return
            owners = [a for s in clause_subjects(verb) for a in index.arguments(s)]
    others = [a for t in prepositional_objects(noun, prepositions) for a in index.arguments(t)]
    for owner in owners:
        for other in others:
            if owner.mention is not other.mention:
                yield Candidate(owner, predicate, other, 0.7 * hedge_factor(verb), f"dep:noun-{lemma}", (noun,))


def home_rule(noun: Token, index: ParseIndex) -> Iterator[Candidate]:
    """A person's home: "Nelson's hometown of Abbott", "her Germantown home", "died at his home in
    Larchmont", "Beaumont, Texas, Richardson's hometown", "his native South Carolina". The person is the possessor (a name, or
    "his"/"her" resolved like a pronoun); "their" and unnamed owners give nothing."""
    native = noun.lower_ == "native" and noun.dep_ == "amod" and index.mention_at(noun.head) is not None
    # The tagger often takes "home" for an adverb ("from her Germantown home"); a possessor says it is a noun.
    if not native and (noun.pos_ not in {"NOUN", "ADV"} or noun.lemma_.lower() not in HOME_NOUNS):
        return
    owned = noun.head if native else noun  # "his native South Carolina": the place itself is owned
    owners: list[Argument] = []
    for child in owned.children:
        if child.dep_ != "poss":
            continue
        mention = index.mention_at(child)
        if mention is not None:
            owners.append(Argument(mention))
        elif child.lower_ in {"his", "her"}:
            antecedent = index.resolve_pronoun(child)
            if antecedent is not None:
                owners.append(Argument(antecedent, 0.85, "pronoun"))
    owners = [owner for owner in owners if owner.mention.entity_type == "Person"]
    if not owners:
        return
    if native:
        place = index.mention_at(noun.head)
        if place is not None and place.entity_type == "Place":
            for owner in owners:
                yield Candidate(owner, "locatedIn", Argument(place), 0.75, "dep:home-native", (noun,))
        return
    places = [a for t in prepositional_objects(noun, frozenset({"of", "in"})) for a in index.arguments(t, collective=False)]
    places += [Argument(m) for m in index.modifier_mentions(noun, types={"Place"}) if m not in {o.mention for o in owners}]
    if noun.dep_ == "appos" and index.mention_at(noun.head) is not None:
        places.append(Argument(index.mention_at(noun.head)))
    for owner in owners:
        for place in places:
            if place.mention.entity_type == "Place":
                yield Candidate(owner, "locatedIn", place, 0.75, f"dep:home-{noun.lemma_.lower()}", (noun,))


AID_NOUNS = frozenset({"help", "support", "backing", "assistance", "aid", "funding", "sponsorship"})


def aid_rule(noun: Token, index: ParseIndex) -> Iterator[Candidate]:
    """"Y was created with the help of X", "Y, which was founded with the backing of X": X is allied with Y."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"with", "through", "by"}:
        return
    verb = noun.head.head
    if verb.pos_ != "VERB" or is_negated(verb):
        return
    helpers = [a for t in prepositional_objects(noun, frozenset({"of"})) for a in index.arguments(t, collective=False)]
    if not helpers:
        return
    helped: list[Argument] = []
    for subject in clause_subjects(verb):
        arguments = index.arguments(subject, collective=False)
        if not arguments and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            # "the Badri 313 battalion, which was created with the help of al-Qaeda": the unit's name
            # modifies the antecedent noun.
            antecedent = verb.head
            if antecedent.lemma_.lower() in PART_NOUNS:
                arguments = [Argument(m, 0.9, "named") for m in index.modifier_mentions(antecedent, types={"Organization"})]
        helped.extend(arguments)
    for helper in helpers:
        for other in helped:
            if helper.mention is not other.mention:
                yield Candidate(helper, "alliedWith", other, 0.75 * hedge_factor(verb), f"dep:noun-{noun.lemma_.lower()}-of", (noun,))


def presence_rule(noun: Token, index: ParseIndex) -> Iterator[Candidate]:
    """Where a group is: "al-Qaeda camps in Kunar", "al-Qaeda training sites have been created in
    Helmand", "Nuristan and Kunar provinces ... host to al-Qaeda camps"."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or (lemma not in PRESENCE_NOUNS and lemma not in COLLECTIVE_NOUNS):
        return
    owners = index.modifier_mentions(noun, types={"Organization"})
    if not owners:
        return
    owner = Argument(owners[-1], 0.9, "collective")
    places = [a for t in prepositional_objects(noun, frozenset({"in", "at", "inside"})) for a in index.arguments(t, collective=False)]
    if lemma in PRESENCE_NOUNS:
        # "the NRC's Rockville headquarters", "al-Qaeda's Kabul office": the place names where the site is.
        places += [Argument(m) for m in index.modifier_mentions(noun, types={"Place"}) if m is not owners[-1]]
    if not places and noun.dep_ == "nsubjpass" and noun.head.lemma_ in {"create", "establish", "set", "build", "open", "locate", "base", "situate", "station"}:
        places = [a for t in prepositional_objects(noun.head, frozenset({"in", "at"})) for a in index.arguments(t, collective=False)]
    if not places and noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_ == "host":
        host = noun.head.head
        verb = host.head if host.dep_ == "attr" else None
        if verb is not None:
            places = [a for s in clause_subjects(verb) for a in index.arguments(s, collective=False)]
            if not places:
                # "eastern Afghanistan especially, Nuristan and Kunar provinces in particular, is host to":
                # the subject noun is generic; the named places stand in apposition to it.
                places = [Argument(m, 0.85) for s in clause_subjects(verb) for m in index.appositive_mentions(s)]
    for place in places:
        if place.mention.entity_type == "Place":
            yield Candidate(owner, "locatedIn", place, 0.8, f"dep:presence-{lemma}", (noun,))


def name_rules(index: ParseIndex) -> Iterator[Candidate]:
    """Relations the names themselves imply.

    - "the Taliban General Directorate of Intelligence": an organization named
      after another one the document names is part of it;
    - "Kabul, Afghanistan": a place followed by a place in apposition is part of it;
    - "PERUGIA, Italy (AP)": a dateline places the news agency.
    """
    # The per-Doc token table and the gazetteer's nesting test; imported late (import cycle).
    from extract.relation_model import could_contain, token_table

    doc = index.doc
    organizations = [m for m in index.mentions if m.entity_type == "Organization" and not is_nationality(index, m)]
    names = {(m.normalized or m.text).casefold(): m for m in organizations}
    for mention in organizations:
        span = index.span_of(mention)
        words = [t for t in span if t.lower_ not in {"the"}]
        text = " ".join(t.text for t in words).replace(" - ", "-").casefold()
        for name, other in names.items():
            if other is mention or len(name) < 3 or not text.startswith(name + " "):
                continue
            rest = text[len(name) + 1 :]
            if rest and rest[:1].isalpha() and any(w.is_title or w.is_upper for w in words[len(name.split()) :]):
                nearest = min(
                    (m for m in organizations if (m.normalized or m.text).casefold() == name),
                    key=lambda m: abs(m.start - mention.start),
                )
                yield Candidate(Argument(mention), "partOf", Argument(nearest), 0.75, "name:prefix", tuple(words[: len(name.split())]))
        # An organization modifying an adjacent organization's head: "Taliban Ministry of Defense".
        root = span.root
        for child in root.lefts:
            other = index.mention_at(child)
            coordinated_modifier = any(c.dep_ in {"cc", "conj"} for c in child.children)
            if (
                other is not None
                and other is not mention
                and other.entity_type == "Organization"
                and child.dep_ in {"compound", "nmod", "poss"}
                and not coordinated_modifier  # "the Taliban and Haqqani Network": two groups, not one inside the other
                and not is_nationality(index, other)
            ):
                yield Candidate(Argument(mention), "partOf", Argument(other), 0.7, "name:modifier", (child,))
    places = [m for m in index.mentions if m.entity_type == "Place"]
    # "the Haitian Parliament ... Haiti", "Bulgarian Socialist Party ... in Bulgaria": an
    # organization named by the adjective of a country or province the sentence names is based there.
    for mention in organizations:
        span = index.span_of(mention)
        first = next((t for t in span if t.lower_ != "the"), None)
        if first is None or first.i + 1 >= span.end or not first.is_title:
            continue
        sentence = first.sent
        for place in places:
            place_span = index.span_of(place)
            if place_span.sent == sentence and names_the_people_of(first.text, place.text):
                yield Candidate(Argument(mention), "locatedIn", Argument(place), 0.7, "name:national-adjective", (first,))
    for mention in places:
        span = index.span_of(mention)
        after = span.end
        if after + 1 < len(doc) and doc[after].text == ",":
            other = index.mention_at(doc[after + 1])
            if other is not None and other.entity_type == "Place" and other is not mention:
                other_span = index.span_of(other)
                root = other_span.root
                first_span = index.span_of(mention)
                before = doc[first_span.start - 1] if first_span.start > 0 else None
                after_token = doc[other_span.end] if other_span.end < len(doc) else None
                # "clashes between Pakistan, Afghanistan", "Afghanistan, Pakistan Agree to ...":
                # two countries side by side, not one inside the other.
                paired = (before is not None and before.lower_ in {"between", "and", "with"}) or (
                    after_token is not None and after_token.pos_ in {"VERB", "AUX"}
                )
                if paired and before is not None and before.lower_ == "and" and is_state_or_country(other.text) and could_contain(other, mention):
                    # "between Salida and Gunnison, Colorado": a town before a state or country the
                    # gazetteer knows, not two countries side by side.
                    paired = False
                conjoined = other_span.root.dep_ == "conj"
                # "In Pittsburgh , Dade County , Fla. , and Rochester , N.Y.": a state's abbreviation
                # closes its town even inside a list (nobody lists "Fla." beside a town as its peer).
                listed = _in_list(other_span) and not is_state_abbreviation(other.text)
                if not paired and not listed and (not conjoined or could_contain(other, mention)):
                    # A pair the parser coordinated ("Caracas, Venezuela") must also fit the gazetteer:
                    # "Helmand, Zabul" are two provinces side by side.
                    yield Candidate(Argument(mention), "partOf", Argument(other), 0.8, "name:place-comma-place", (doc[after],))
                    # "between Salida and Gunnison, Colorado", "near Grande Isle and St. Albans, Vt.": the
                    # state closes the whole list of towns before it, unless a town has its own.
                    for conjunct in first_span.root.conjuncts:
                        earlier = index.mention_at(conjunct)
                        if earlier is None or earlier.entity_type != "Place" or conjunct.i > first_span.start:
                            continue
                        earlier_end = index.span_of(earlier).end
                        if earlier_end < len(doc) and doc[earlier_end].text == ",":
                            continue  # "Rome, Italy and Paris, France" or a list of towns each with a comma
                        if could_contain(other, earlier):
                            yield Candidate(Argument(earlier), "partOf", Argument(other), 0.7, "name:place-comma-place-list", (doc[after],))
    # Dateline: "PERUGIA, Italy (AP) -" places the agency in the dateline's places.

    lower = token_table(doc).lower
    for sentence in doc.sents:
        if "(" not in lower[sentence.start : min(sentence.start + 8, sentence.end)]:
            continue  # no "(" in the first words, no dateline: skip building the sentence's tokens
        tokens = list(sentence[:10])  # a dateline is in the first words: no need to read the rest
        for position, token in enumerate(tokens[:8]):
            if token.text == "(" and position + 2 < len(tokens) and tokens[position + 2].text == ")":
                agency = index.mention_at(tokens[position + 1])
                dateline = {index.mention_at(t) for t in tokens[:position]} - {None}
                if agency is not None and agency.entity_type == "Organization" and dateline and all(m.entity_type == "Place" for m in dateline):
                    for place in sorted(dateline, key=lambda m: m.start):
                        yield Candidate(Argument(agency), "locatedIn", Argument(place), 0.7, "name:dateline", (tokens[position + 1],))
                break


DEMONYM_ENDINGS = ("an", "ian", "ese", "i", "ish", "ic", "ch")


def names_the_people_of(adjective: str, place: str) -> bool:
    """"Haitian" and "Haiti", "Chinese" and "China", "Afghan" and "Afghanistan": the adjective
    spells out nearly all of a country's or first-level area's name ("Afghan" all but "-istan")."""
    from extract import gazetteer  # a relation rule reads the gazetteer only here

    adjective_key, place_key = adjective.casefold(), place.casefold()
    if not adjective_key.endswith(DEMONYM_ENDINGS) or gazetteer.is_generic_area_name(place):
        return False
    shared = 0
    while shared < min(len(adjective_key), len(place_key)) and adjective_key[shared] == place_key[shared]:
        shared += 1
    if shared == len(adjective_key):
        # The place goes on past the whole adjective: only "-istan" ("Afghan") is a country's ending.
        spelled_out = place_key[shared:] in {"istan", "stan"}
    else:
        spelled_out = shared >= len(place_key) - 2
    if shared < 4 or not spelled_out:
        return False
    return any(p.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1} for p in gazetteer.lookup(place))


# Nouns that say what kind of place a name is: "Yerevan, the capital of Armenia".
PLACE_NOUNS = frozenset({
    "capital", "city", "town", "village", "province", "state", "region", "district", "county", "suburb", "port",
    "republic", "island", "nation", "country", "area", "municipality", "borough", "neighborhood", "neighbourhood",
    "hometown", "territory", "enclave", "resort",
})


def appositive_rule(index: ParseIndex) -> Iterator[Candidate]:
    """What an appositive noun phrase says about the name it describes.

    - "Yerevan, the capital of Armenia", "Madagascar, an island nation in the Indian Ocean":
      a place described as a kind of place of or in another place is partOf it;
    - "Sun Hung Kai Properties, a Hong Kong construction firm", "Daniel Bakst, a Palm Beach lawyer":
      an organization or person described by a noun a place modifies is locatedIn that place.
    """
    for mention in index.mentions:
        span = index.spans.get(mention_key(mention))
        if span is None or mention.entity_type not in {"Place", "Organization", "Person"}:
            continue
        if span.end >= len(index.doc) or index.doc[span.end].text != ",":
            continue  # a real apposition is set off by a comma; tables and results lines parse into false ones
        if mention.entity_type == "Place":
            # "Yerevan, the capital of Armenia", "Port Nolloth, one of the few towns in South Africa".
            for noun in described_by(span.root, index):
                if noun.pos_ != "NOUN" or noun.lemma_.lower() not in PLACE_NOUNS:
                    continue
                for token in prepositional_objects(noun, frozenset({"of", "in"})):
                    for other in index.arguments(token, collective=False):
                        if other.mention.entity_type == "Place" and other.mention is not mention:
                            yield Candidate(Argument(mention), "partOf", other, 0.8, "dep:appos-place-of", (noun,))
        for noun in span.root.children:
            if noun.dep_ != "appos" or noun.pos_ != "NOUN" or index.mention_at(noun) is not None:
                continue
            if mention.entity_type == "Place":
                continue  # read below, with "one of the towns in X"
            for child in noun.lefts:
                if child.dep_ not in {"compound", "nmod", "amod"}:
                    continue
                other = index.mention_at(child)
                if other is not None and other is not mention and other.entity_type == "Place" and not is_nationality(index, other):
                    yield Candidate(Argument(mention), "locatedIn", Argument(other), 0.7, "dep:appos-place-modifier", (noun,))


def _in_list(span: Span) -> bool:
    """Is this place one item of a list ("Kabul, Kunar, Kandahar, and Helmand")?

    The parser also makes "Caracas, Venezuela" two conjuncts; two names with no "and"/"or" between
    them and no third are a place and its country, not a list."""
    root = span.root
    if any(child.dep_ == "cc" for child in root.children):
        return True
    if root.dep_ != "conj" and not any(child.dep_ == "conj" for child in root.children):
        return False
    first = root.head if root.dep_ == "conj" else root
    group = [first, *first.conjuncts]
    if len(group) > 2 or any(child.dep_ == "cc" for member in group for child in member.children):
        return True
    return False


def described_by(root: Token, index: ParseIndex) -> list[Token]:
    """The nouns of the appositions that describe a name: "X, a lawyer" gives "lawyer"; "X, one of
    the top strategists" gives "strategists" (the group "one of" picks from); and "X, an executive
    with Titan and one of the leading experts" gives both coordinated descriptions."""
    found: list[Token] = []
    for appositive in root.children:
        if appositive.dep_ != "appos" or index.mention_at(appositive) is not None:
            continue
        for noun in coordinated(appositive):
            if noun.pos_ in {"NOUN", "PROPN"} and index.mention_at(noun) is None:
                found.append(noun)
            elif noun.lower_ == "one":
                found.extend(t for t in prepositional_objects(noun, frozenset({"of"})) if t.pos_ == "NOUN")
    return found


def origin_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A name followed by where it is from or at: "Marie Ferraro, 50, of Bethany, Conn.",
    "diver Brian Michaud of Millinocket", "Wang Ziqiang at the Institute of Mechanics".

    Person "of"/"from" Place → locatedIn; Person "of"/"at" Organization → memberOf.
    Weaker than a role noun, so lower confidence.
    """
    for mention in index.mentions:
        if mention.entity_type != "Person":
            continue
        root = index.span_of(mention).root
        heads = [root] + [child for child in root.children if child.dep_ in {"appos", "npadvmod", "amod"} and child.pos_ == "NUM"]
        for child in root.children:
            place = index.mention_at(child)
            if child.dep_ == "poss" and place is not None and place.entity_type == "Place" and not is_nationality(index, place):
                # "Rochester's Peter McWalters", "Ohio's Richard Celeste": the place claims the person.
                yield Candidate(Argument(mention), "locatedIn", Argument(place), 0.65, "dep:name-possessive-place", (child,))
            elif child.dep_ == "poss" and place is not None and place.entity_type == "Organization" and not is_nationality(index, place):
                # "NBC's Tom Brokaw", "IBM's John Akers": the organization claims the person.
                yield Candidate(Argument(mention), "memberOf", Argument(place), 0.6, "dep:name-possessive-organization", (child,))
        for noun in described_by(root, index):
            # "Derwinski, a Republican from Chicago", "David Cicippio, an electronics technician from North
            # Wales, Pa.": where the description says the person is from.
            for token in prepositional_objects(noun, frozenset({"from", "in", "on"})):
                for argument in index.arguments(token, collective=False):
                    if argument.mention.entity_type == "Place":
                        yield Candidate(Argument(mention), "locatedIn", argument, 0.65, f"dep:appos-{token.head.lower_}-place", (token.head,))
        for head in heads:
            for token in prepositional_objects(head, frozenset({"of", "from", "at"})):
                preposition = token.head.lower_
                for argument in index.arguments(token, collective=False):
                    other = argument.mention
                    if other.entity_type == "Place" and preposition in {"of", "from"}:
                        yield Candidate(Argument(mention), "locatedIn", argument, 0.65, f"dep:name-{preposition}-place", (token.head,))
                    elif other.entity_type == "Organization" and preposition in {"of", "at"} and not is_nationality(index, other):
                        yield Candidate(Argument(mention), "memberOf", argument, 0.6, f"dep:name-{preposition}-organization", (token.head,))
        yield from _employers_after_name(mention, root, index)


# Nouns that stand for an organization named beside them: "of the smaller Rollei company".
ORGANIZATION_NOUNS = frozenset({
    "company", "firm", "agency", "department", "bank", "university", "college", "institute", "party",
    "group", "corporation", "newspaper", "network", "station", "magazine", "ministry", "office", "organization",
})


def _employers_after_name(mention: Mention, root: Token, index: ParseIndex) -> Iterator[Candidate]:
    """What "Person of/at Organization" says beyond the organization's own name: "Dietmar Kanzer of
    the Rollei company" (a generic noun the name modifies), "David Welch of Harvard University 's
    Kennedy School" (the school's owner employs him too), "James Blight and David Welch of Harvard"
    (the parser hangs "of Harvard" on the last name of a list of names; it is every name's)."""
    owners = [root]
    if not any(c.dep_ == "prep" and c.lower_ in {"of", "at"} for c in root.children):
        # Only the first of a list of names borrows from the last: "Blight and Welch of Harvard".
        conjuncts = [t for t in root.conjuncts if t.i > root.i]
        if conjuncts and all(index.mention_at(t) is not None and index.mention_at(t).entity_type == "Person" for t in conjuncts):
            owners = [conjuncts[-1]]
    for owner in owners:
        for token in prepositional_objects(owner, frozenset({"of", "at"})):
            preposition = token.head.lower_
            organization = index.mention_at(token)
            found: list[tuple[Mention, str]] = []
            if organization is None and token.pos_ == "NOUN" and token.lemma_.lower() in ORGANIZATION_NOUNS:
                found += [(m, "noun") for m in index.modifier_mentions(token, types={"Organization"})]
            elif organization is not None and organization.entity_type == "Organization":
                if owner is not root:
                    found.append((organization, "list"))
                span = index.span_of(organization)
                found += [(index.mention_at(c), "owner") for c in span.root.children if c.dep_ == "poss" and index.mention_at(c) is not None]
            for other, how in found:
                if other.entity_type == "Organization" and other is not mention and not is_nationality(index, other):
                    yield Candidate(Argument(mention), "memberOf", Argument(other, 0.9), 0.6, f"dep:name-{preposition}-organization-{how}", (token.head,))


# Verbs of thinking and saying: their subject holds a view; it is not placed or tied by the
# clause the view is about ("As al-Zawahiri envisioned, al-Qaedas cultivation ... in Afghanistan").
VIEW_VERBS = frozenset({
    "envision", "envisage", "think", "believe", "say", "tell", "claim", "argue", "predict", "hope", "want",
    "expect", "fear", "warn", "note", "write", "insist", "suggest", "imagine", "foresee", "plan", "wish",
    "report", "announce", "state", "add", "explain", "recall", "acknowledge", "admit", "deny",
})


def voices_other_clause(doc: Doc, subject: Mention, obj: Mention) -> bool:
    """True when one argument only thinks or says something in an aside and the other sits outside it.

    The subject of a view verb is linked to what its own clause (and the clauses under
    it) says; a mention outside that verb's phrase belongs to another clause.
    """
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in (subject, obj)]
    if spans[0] is None or spans[1] is None:
        return False
    for speaker, other in ((spans[0], spans[1]), (spans[1], spans[0])):
        root = speaker.root
        verb = root.head
        if root.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() not in VIEW_VERBS:
            continue
        if verb.dep_ not in {"advcl", "parataxis"}:
            # Only an aside ("As X envisioned, ...", "..., X said, ..."): in "Walesa said Solidarity
            # wants ...", Solidarity's view is the content of Walesa's clause, not apart from him.
            continue
        # A projective parse keeps a verb's phrase contiguous: left_edge..right_edge.
        if not verb.left_edge.i <= other.root.i <= verb.right_edge.i:
            return True
    return False


def contradicted_by_words(doc: Doc, subject: Mention, obj: Mention, predicate: str) -> bool:
    """Words that deny what a learned pair classifier reads into a pair: "X was acquitted of the
    murder of Y" (no `killed`: an acquittal between the two), "grew up in Sweetwater, far from
    Abilene" (no `locatedIn`/`diedIn` Abilene: "far (away) from" just before the place)."""
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in (subject, obj)]
    if spans[0] is None or spans[1] is None:
        return False
    first, second = sorted(spans, key=lambda span: span.start)
    if predicate == "killed":
        between = doc[first.end : second.start]
        if any(token.lemma_.lower() in ACQUITTAL_LEMMAS for token in between):
            return True
        return any(token.lower_ == "not" and token.nbor().lower_ == "guilty" for token in between if token.i + 1 < len(doc))
    if predicate in {"locatedIn", "diedIn"}:
        place = spans[1]
        before = [token.lower_ for token in doc[max(place.sent.start, place.start - 3) : place.start]]
        while before and before[0] not in DISTANCE_WORDS:
            before.pop(0)
        return bool(before) and before[-1] == "from" and set(before[1:-1]) <= {"away"}
    return False


def seat_of_office(candidates: list[Candidate]) -> Iterator[Candidate]:
    """The leader of a place is there: "Ohio's governor, Richard Celeste", "Hun Sen, second prime
    minister of Cambodia" also place the person in the place they govern (confidence a little lower)."""
    for candidate in candidates:
        if candidate.predicate != "leaderOf" or candidate.former or is_counted_in_history(candidate.triggers[0]):
            continue
        if candidate.subject.mention.entity_type == "Person" and candidate.object.mention.entity_type == "Place":
            yield Candidate(
                candidate.subject, "locatedIn", candidate.object, round(candidate.confidence * 0.9, 3),
                candidate.method + "+seat", candidate.triggers, candidate.role, candidate.former, candidate.time,
            )


CO_OFFICE_ORDINALS = frozenset({"first", "second", "1st", "2nd"})


def is_counted_in_history(role: Token) -> bool:
    """"the 34th president of the United States", "the last Incan King of Peru": an office counted
    among its holders through history says nothing of where the holder is now. ("first prime
    minister", "second deputy" are titles held side by side, not a count.)"""
    # spaCy's NER calls "18th" a DATE as often as an ORDINAL: read the word itself.
    ordinals = [child for child in role.lefts if child.dep_ in {"amod", "nummod"} and is_ordinal_word(child.lower_)]
    return any(token.lower_ not in CO_OFFICE_ORDINALS for token in ordinals)


ORDINAL_WORDS = frozenset({
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "last",
})


def is_ordinal_word(word: str) -> bool:
    """"18th", "23rd", "fifth", "twentieth", "last"."""
    if word in ORDINAL_WORDS or word.endswith("ieth"):
        return True
    return word[:-2].isdigit() and word[-2:] in {"st", "nd", "rd", "th"}


def place_closure(candidates: list[Candidate]) -> Iterator[Candidate]:
    """X in Bethany and Bethany part of Conn. in the same sentence: X is in Conn. too, and a place
    part of Bethany is part of Conn."""
    within = [c for c in candidates if c.predicate == "partOf" and c.subject.mention.entity_type == "Place"]
    if not within:
        return
    nested = {id(c) for c in within}
    for candidate in candidates:
        # "Yatsushiro in Kumamoto Prefecture in southern Japan": a place inside a place is inside what
        # holds that one too (one step, so a wrong link cannot run on).
        if candidate.predicate not in {"locatedIn", "diedIn"} and id(candidate) not in nested:
            continue
        for part in within:
            if part.subject.mention is candidate.object.mention and part.object.mention is not candidate.subject.mention:
                yield Candidate(
                    candidate.subject, candidate.predicate, Argument(part.object.mention, 0.9, "closure"),
                    candidate.confidence, candidate.method + "+partOf", candidate.triggers, candidate.role, candidate.former, candidate.time,
                )


BIRTH_WORDS = frozenset({"native", "born"})
# Words that may stand between "Modesto native" and the name it describes: "Minnesota born artist Duane Hanson".
DESCRIPTION_GAP = 3


def native_name_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place followed by "native" or "born" describing a name next to it: "Modesto native George
    Lucas", "Minnesota-born artist Duane Hanson", "James Dickey , Georgia born , has ...". Read off
    the words, since the parser hangs "native" and "born" anywhere. A name further off ("his fellow
    New Jersey native" has no name beside it) gives nothing."""
    doc = index.doc
    for place in index.mentions:
        if place.entity_type != "Place" or is_nationality(index, place):
            continue
        span = index.span_of(place)
        position = span.end
        if position < span.sent.end and doc[position].text == "-":
            position += 1  # "Minnesota-born"
        if position >= span.sent.end or doc[position].lower_ not in BIRTH_WORDS:
            continue
        trigger = doc[position]
        people: list[Mention] = []
        following = position + 1
        while following < span.sent.end and following - position <= DESCRIPTION_GAP and doc[following].pos_ == "NOUN" and doc[following].is_lower:
            following += 1  # "born artist", "native son"
        named = index.mention_at(doc[following]) if following < span.sent.end else None
        if named is not None and index.span_of(named).start == following:
            people.append(named)
        elif span.start >= 2 and doc[span.start - 1].text == "," and (following >= span.sent.end or doc[following].is_punct):
            # "James Dickey , Georgia born ,": an aside on the name before it.
            before = index.mention_at(doc[span.start - 2])
            if before is not None and index.span_of(before).end == span.start - 1:
                people.append(before)
        for person in people:
            if person.entity_type == "Person":
                yield Candidate(Argument(person), "locatedIn", Argument(place), 0.75, f"name:place-{trigger.lower_}", (trigger,))


def _past_description(index: ParseIndex, position: int, limit: int) -> int:
    """The first token at or after ``position`` (and before ``limit``) that is no longer a
    lower-case noun or adjective describing a name ("teacher union leader"); "former" and a
    mention end the description."""
    doc = index.doc
    while (
        position < limit
        and doc[position].pos_ in {"NOUN", "ADJ"}
        and doc[position].is_lower
        and doc[position].lower_ not in FORMER_MODIFIERS
        and index.mention_at(doc[position]) is None
    ):
        position += 1
    return position


def _places_before_a_possessive(index: ParseIndex) -> Iterator[tuple[Mention, Span, int]]:
    """Each place mention (not a nationality) followed by a possessive marker ("Croatia 's",
    "Texas '"), with its span and the marker's token index."""
    doc = index.doc
    for place in index.mentions:
        if place.entity_type != "Place" or is_nationality(index, place):
            continue
        span = index.span_of(place)
        if span.end < span.sent.end and doc[span.end].text in {"'s", "'", "’s", "’"}:
            yield place, span, span.end


def place_possessive_name_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place's person: "Croatia 's Granic", "Texas ' Bill Clements", "North Carolina 's native son
    Thomas Wolfe". Read off the words (the parser often runs such a headline together); at most a
    few lower-case words between, none of them marking a past ("Ohio 's former governor X")."""
    doc = index.doc
    for place, span, position in _places_before_a_possessive(index):
        marker = doc[position]
        position = _past_description(index, position + 1, min(span.sent.end, marker.i + DESCRIPTION_GAP + 1))
        person = index.mention_at(doc[position]) if position < span.sent.end else None
        if person is not None and person.entity_type == "Person" and index.span_of(person).start == position:
            yield Candidate(Argument(person), "locatedIn", Argument(place), 0.7, "name:place-possessive-person", (marker,))


def place_described_name_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place before the common noun that describes a name: "Soviet historian Roy Medvedev",
    "Rochester teacher union leader Adam Urbanski", "Atlanta lawyer Mark Hill". Read off the words:
    the place, one to three lower-case nouns (or adjectives) naming what the person is, then the
    name. Roles the role rules read ("Ohio Governor X") are left to them; "former" stops it."""
    doc = index.doc
    for place in index.mentions:
        if place.entity_type != "Place":
            continue
        span = index.span_of(place)
        position = _past_description(index, span.end, min(span.sent.end, span.end + DESCRIPTION_GAP))
        if position == span.end or position >= span.sent.end or doc[position - 1].pos_ != "NOUN":
            continue
        person = index.mention_at(doc[position])
        if person is not None and person.entity_type == "Person" and index.span_of(person).start == position:
            yield Candidate(Argument(person), "locatedIn", Argument(place), 0.65, "name:place-described-person", (doc[position - 1],))


def place_possessive_kind_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place's kind of place named after a comma: "Bosnia 's capital , Sarajevo", "Serbia 's
    southern province , Kosovo". Read off the words: the place, "'s", a few adjectives, a noun for
    a kind of place ("capital", "province", "city"), a comma, then the named place."""
    doc = index.doc
    for place, span, position in _places_before_a_possessive(index):
        position += 1
        while position < span.sent.end and position - span.end <= DESCRIPTION_GAP and doc[position].pos_ == "ADJ":
            position += 1
        if position + 2 >= span.sent.end or doc[position].lemma_.lower() not in NAMED_BY_OF_NOUNS or doc[position + 1].text != ",":
            continue
        named = index.mention_at(doc[position + 2])
        if named is not None and named.entity_type == "Place" and named is not place and index.span_of(named).start == position + 2:
            yield Candidate(Argument(named), "partOf", Argument(place), 0.75, "name:place-possessive-kind", (doc[position],))


COMPASS_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "-", "upstate", "downstate",
})


def place_set_off_in_place_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place followed, after a comma, by the part of a state or country it lies in, or by "in"
    and another place: "Mohammadia , south-east Algeria", "the Palace of Fine Arts , in San
    Francisco", "the Savannah River Plant , in Aiken". The part of a country must be one the
    gazetteer knows as a state or country, so "Kabul , northern Afghanistan" but not a list."""
    doc = index.doc
    for mention in index.mentions:
        if mention.entity_type not in {"Place", "Organization"} or is_nationality(index, mention):
            continue
        span = index.span_of(mention)
        comma = span.end
        if comma + 2 >= span.sent.end or doc[comma].text != ",":
            continue
        position = comma + 1
        if doc[position].lower_ == "in":
            position += 1
            while position < span.sent.end and position - comma <= 4 and doc[position].lower_ in COMPASS_WORDS | {"the"}:
                position += 1
            needs_state = False
        else:
            start = position
            while position < span.sent.end and position - comma <= 4 and doc[position].lower_ in COMPASS_WORDS:
                position += 1
            if position == start:
                continue
            needs_state = True
        other = index.mention_at(doc[position]) if position < span.sent.end else None
        if other is None or other is mention or other.entity_type != "Place" or index.span_of(other).start != position:
            continue
        if needs_state and (mention.entity_type != "Place" or not is_state_or_country(other.text)):
            continue
        if mention.entity_type == "Place" and is_country(mention.text):
            continue  # "France , in Europe": left to the rules for wide regions
        predicate = "partOf" if mention.entity_type == "Place" else "locatedIn"
        yield Candidate(Argument(mention), predicate, Argument(other), 0.7, "name:place-set-off-in-place", (doc[comma],))


EMPLOYER_PREDICATES = frozenset({"memberOf", "leaderOf"})


def employer_place_closure(candidates: list[Candidate]) -> Iterator[Candidate]:
    """A person who works for an organization named with its place is there too: "Lou Ray, owner of
    the Smokehouse cafe in Fontana", "Phillip Lieberman of Brown University in Providence". Only a
    place read off the organization's own name ("dep:organization-in-place", "…-of-place",
    "…-at-place"), not one the organization merely acts in; not for a former post."""
    places: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.predicate == "locatedIn" and candidate.method.startswith("dep:organization-") and "+" not in candidate.method:
            places.setdefault(id(candidate.subject.mention), []).append(candidate)
    if not places:
        return
    for candidate in candidates:
        if candidate.predicate not in EMPLOYER_PREDICATES or candidate.former:
            continue
        if candidate.subject.mention.entity_type != "Person" or candidate.object.mention.entity_type != "Organization":
            continue
        for located in places.get(id(candidate.object.mention), []):
            yield Candidate(
                candidate.subject, "locatedIn", Argument(located.object.mention, 0.9, "employer"),
                round(min(candidate.confidence, located.confidence) * 0.9, 3), candidate.method + "+employer",
                candidate.triggers, None, False, candidate.time,
            )


def source_line_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A wire service's source line names the city a newspaper, agency or broadcaster is in:
    "Moscow ITAR-TASS", "LD2504174394 Kiev UT-1 Television Network in Ukrainian 0500 GMT 22 Apr 94",
    "Bangkok THE NATION in English 5 Feb 94". The line is the place and the source's name side by
    side, alone, or after a document number, and followed by nothing, the language or the date.
    """
    doc = index.doc
    for mention in index.mentions:
        if mention.entity_type != "Organization":
            continue
        span = index.span_of(mention)
        sentence = span.sent
        before = span.start - 1
        if before >= sentence.start and doc[before].lower_ == "the":
            before -= 1  # "Bangkok THE NATION"
        if before < sentence.start:
            continue
        place = index.mention_at(doc[before])
        if place is None or place.entity_type != "Place":
            continue
        place_span = index.span_of(place)
        if place_span.end != before + 1:
            continue
        line_start = place_span.start
        if line_start > sentence.start and doc[line_start - 1].lower_ == "the":
            line_start -= 1  # "The Hague ANP"
        opens_line = line_start == sentence.start or is_document_number(doc[line_start - 1].text)
        if not opens_line or not closes_source_line(doc, span.end, sentence.end):
            continue
        yield Candidate(Argument(mention), "locatedIn", Argument(place), 0.75, "name:source-line", (doc[place_span.start],))


def is_document_number(word: str) -> bool:
    """"LD2504174394", "94WD0125D", "944E0738B": a wire service's item number (digits and capitals)."""
    digits = sum(c.isdigit() for c in word)
    return len(word) >= 8 and word.isalnum() and word.upper() == word and 5 <= digits < len(word)


def closes_source_line(doc: Doc, after: int, sentence_end: int) -> bool:
    """Is what follows a source's name the rest of a source line: nothing, "in <Language>", or a date?"""
    if after >= sentence_end:
        return True
    if doc[after].text == "(":
        # "Beijing CHINA DAILY ( SCIENCE MEDICINE ) in English": the paper's section, then the line goes on.
        closing = next((i for i in range(after + 1, min(after + 6, sentence_end)) if doc[i].text == ")"), None)
        if closing is None or not all(t.is_upper or t.is_punct for t in doc[after + 1 : closing]):
            return False
        after = closing + 1
        if after >= sentence_end:
            return True
    following = doc[after]
    if following.lower_ == "in" and after + 1 < sentence_end:
        return doc[after + 1].is_title and doc[after + 1].pos_ in {"PROPN", "ADJ"}  # "in Russian": tagged either
    return following.like_num


def organization_place_rule(index: ParseIndex) -> Iterator[Candidate]:
    """An organization followed by its place: "Keen Corp. of New York", "McGill University in
    Montreal", "State University of New York at Albany". The preposition must hang on the
    organization's name itself, so "sued IBM in Texas" (the suing was in Texas) gives nothing."""
    for mention in index.mentions:
        if mention.entity_type != "Organization" or is_nationality(index, mention):
            continue
        span = index.span_of(mention)
        # The parser may hang the place on the last word of the name ("the International Committee of
        # the Red Cross in Khartoum"): any word of the name, for a preposition after the name.
        objects = [
            token
            for word in span
            for token in prepositional_objects(word, ORGANIZATION_PLACE_PREPOSITIONS)
            if token.head.i >= span.end
        ]
        for token in objects:
            preposition = token.head.lower_
            if preposition == "of" and len(span) == 1:
                continue  # "the Army of Northern Virginia", "the Senate of the Republic": the place names the body
            if preposition != "of" and span.root.dep_ == "dobj":
                continue  # "sued Dunmore Holdings in Cleveland": the parser often hangs the verb's place on its object
            for argument in index.arguments(token, collective=False):
                if argument.mention.entity_type == "Place" and argument.mention is not mention:
                    yield Candidate(Argument(mention), "locatedIn", argument, 0.7, f"dep:organization-{preposition}-place", (token.head,))


ORGANIZATION_PLACE_PREPOSITIONS = frozenset({"of", "in", "at"})


def place_in_place_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A place named with the place it lies in: "Haifa in northern Israel", "Perugia in Umbria
    province", "the Lenin Shipyard in Gdansk". The "in" must hang on the first place's own name,
    or follow it directly with at most a few adjectives before the second ("in rural western X")."""
    doc = index.doc
    for mention in index.mentions:
        if mention.entity_type != "Place" or is_nationality(index, mention):
            continue
        span = index.span_of(mention)
        objects = prepositional_objects(span.root, frozenset({"in"}))
        containers: list[Argument] = []
        for token in objects:
            arguments = index.arguments(token, collective=False)
            if not arguments and token.lemma_.lower() in PLACE_NOUNS:
                # "in Umbria province": the name modifies the kind of place.
                arguments = [Argument(m) for m in index.modifier_mentions(token, types={"Place"})]
            if not arguments and token.lemma_.lower() in PART_OF_PLACE_NOUNS:
                # "Bugesera in the southeastern part of Rwanda".
                arguments = [a for t in prepositional_objects(token, frozenset({"of"})) for a in index.arguments(t, collective=False)]
            containers.extend(arguments)
        # "grew up in Bedford in southern Indiana playing basketball": the parser may give the "in"
        # an object that is no place; the words after it still name one.
        objects_name_a_place = any(argument.mention.entity_type == "Place" for argument in containers)
        for child in span.root.children:
            owner = index.mention_at(child)
            if child.dep_ == "poss" and owner is not None and owner is not mention:
                # "Zambia's Kafue River", "Beijing's Tiananmen Square".
                containers.append(Argument(owner))
        modifier = span.root
        while modifier.dep_ == "conj" and modifier.head.i != modifier.i:
            modifier = modifier.head  # "Umbria and Lazio provinces in central Italy": Lazio shares Umbria's noun
        described = modifier.head
        if modifier.dep_ in {"compound", "nmod"} and index.mention_at(described) is None and described.lemma_.lower() in SITE_NOUNS:
            # "the Rocky Flats plutonium processing plant in Colorado", "the Brighton Beach section of Brooklyn":
            # the name's site lies where the site does.
            prepositions = frozenset({"in", "of"}) if described.lemma_.lower() in PART_OF_PLACE_NOUNS else frozenset({"in"})
            containers.extend(a for t in prepositional_objects(described, prepositions) for a in index.arguments(t, collective=False))
        if modifier.dep_ in {"compound", "nmod", "poss", "amod"} and index.mention_at(described) is None and described.lemma_.lower() in NAMED_BY_OF_NOUNS:
            for token in prepositional_objects(described, frozenset({"of"})):
                for part in index.arguments(token, collective=False):
                    if part.mention.entity_type == "Place" and part.mention is not mention and not is_country(part.mention.text):
                        yield Candidate(part, "partOf", Argument(mention), 0.75, "dep:place-named-by-of", (described,))
        if span.end < len(doc) and doc[span.end].lower_ == "in" and not objects_name_a_place:
            # The parser often hangs "in northern Israel" on the verb; read the words themselves.
            position = span.end + 1
            while position < span.sent.end and position - span.end <= 3 and doc[position].pos_ == "ADJ" and index.mention_at(doc[position]) is None:
                position += 1
            following = index.mention_at(doc[position]) if position < span.sent.end else None
            if following is not None and index.span_of(following).start == position:
                containers.append(Argument(following))
        if span.root.dep_ == "dobj":
            continue  # "beat Argentina in Rio de Janeiro": where the verb's action was
        for argument in containers:
            if argument.mention.entity_type != "Place" or argument.mention is mention:
                continue
            if is_country(mention.text) and not is_wide_region(argument.mention.text):
                continue  # "the match between France and Germany in Paris": a country lies in no city or area
            yield Candidate(Argument(mention), "partOf", argument, 0.75, "dep:place-in-place", (doc[span.end] if span.end < len(doc) else span[-1],))


def known_containment_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A sentence framed by a state or country ("In Idaho, ...", "Oregon: ...") about a town the
    gazetteer puts inside it: "In Colorado, 13 inches of snow in Denver prompted ...". The frame
    says where the sentence is; the gazetteer only confirms the town lies there, read from the
    town's first (most prominent) entry, so an ambiguous name is taken in its best-known sense.
    Two places merely named together ("Sirhan shot him in Los Angeles" after "California's
    primary") give nothing: the frame must open the sentence."""
    from extract import gazetteer  # read only by the place rules

    places = [m for m in index.mentions if m.entity_type == "Place" and not is_nationality(index, m)]
    if len(places) < 2:
        return
    frames = [m for m in places if is_sentence_frame(index, m)]
    if not frames:
        return
    entries = {id(m): known_place(m.text) for m in places}
    for inner in places:
        entry = entries[id(inner)]
        inner_span = index.span_of(inner)
        if entry is None and inner_span[-1].lower_ in LOCAL_FEATURE_WORDS and not is_wide_region(inner.text):
            # "Oregon : Fires east of the Cascade Mountains ...", "In Montana , ... the Custer National
            # Forest": a forest, range or county the gazetteer does not list lies in the state framing it.
            for outer in frames:
                container = entries[id(outer)]
                if outer is not inner and container is not None and container.feature_class in {gazetteer.FEATURE_ADMIN1, gazetteer.FEATURE_COUNTRY}:
                    if index.span_of(outer).sent.start == inner_span.sent.start:
                        yield Candidate(Argument(inner), "partOf", Argument(outer), 0.55, "name:place-framed-feature", (inner_span.root,))
            continue
        if entry is None or entry.feature_class == gazetteer.FEATURE_COUNTRY:
            continue
        if entry.feature_class != gazetteer.FEATURE_CITY:
            continue
        for outer in frames:
            container = entries[id(outer)]
            if outer is inner or container is None or container.country != entry.country:
                continue
            if index.span_of(outer).sent.start != inner_span.sent.start:
                continue
            if (outer.normalized or outer.text).casefold() == (inner.normalized or inner.text).casefold():
                continue
            holds = container.feature_class == gazetteer.FEATURE_COUNTRY or (
                container.feature_class == gazetteer.FEATURE_ADMIN1
                and entry.feature_class == gazetteer.FEATURE_CITY
                and container.admin1 is not None
                and container.admin1 == entry.admin1
            )
            if holds:
                yield Candidate(Argument(inner), "partOf", Argument(outer), 0.6, "name:place-known-in-place", (inner_span.root,))


# Last words of a local feature's name: the feature lies in one state ("Custer National Forest").
LOCAL_FEATURE_WORDS = frozenset({
    "forest", "mountains", "wilderness", "river", "park", "lake", "valley", "county", "canyon", "creek",
    "refuge", "monument", "reservoir", "dam", "peak",
})


def is_sentence_frame(index: ParseIndex, mention: Mention) -> bool:
    """Does the place open its sentence as a frame: "In Idaho , ..." or "Oregon : ..."?"""
    span = index.span_of(mention)
    start = span.sent.start
    opens = span.start == start or (span.start == start + 1 and index.doc[start].lower_ == "in")
    return opens and span.end < span.sent.end and index.doc[span.end].text in {",", ":"}


def known_place(name: str) -> gazetteer.Place | None:
    """The gazetteer's first entry for a place name, US state abbreviations ("Fla.") included."""
    from extract import gazetteer

    state = gazetteer.us_state_for_abbreviation(name)
    places = gazetteer.lookup(state or name)
    return places[0] if places else None


# Nouns for a part of a place: "in the southeastern part of Rwanda".
PART_OF_PLACE_NOUNS = frozenset({"part", "corner", "section", "portion", "half", "edge", "outskirts", "heart", "center", "centre"})
# Kinds of place whose "of" names the place itself: "the Louisville suburb of Okolona", "the Soviet
# republic of Byelorussia", "Serbia's southern province of Kosovo": the named place is part of the modifier.
NAMED_BY_OF_NOUNS = frozenset({
    "suburb", "province", "city", "town", "state", "republic", "capital", "county", "district", "region", "village",
    "island", "municipality", "borough", "neighborhood", "neighbourhood", "port", "enclave", "territory",
})


# Nouns for a site a name can be given to: "the Savannah River plant in South Carolina".
SITE_NOUNS = PLACE_NOUNS | PART_OF_PLACE_NOUNS | frozenset({
    "plant", "site", "airport", "base", "park", "forest", "river", "lake", "mountain", "valley", "beach", "bay",
    "area", "coast", "island", "peninsula", "desert", "canyon", "reservoir", "dam", "mine", "field", "prison",
})


def is_country(name: str) -> bool:
    from extract import gazetteer  # read only by the place rules

    places = gazetteer.lookup(name)
    return bool(places) and places[0].feature_class == gazetteer.FEATURE_COUNTRY


def is_state_or_country(name: str) -> bool:
    """Does the gazetteer know the name as a country or a first-level area ("Colorado", "Vt.")?"""
    from extract import gazetteer

    if gazetteer.us_state_for_abbreviation(name):
        return True
    places = gazetteer.lookup(name)
    return bool(places) and places[0].feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1}


def is_state_abbreviation(name: str) -> bool:
    """"Fla.", "N.Y", "Tenn.": a US state written the way only a place's container is written."""
    from extract import gazetteer

    return bool(gazetteer.us_state_for_abbreviation(name)) and not gazetteer.is_us_state_name(name)


def is_wide_region(name: str) -> bool:
    """"Europe", "the Balkans", "the Middle East": a region that holds countries."""
    from extract import gazetteer

    key = name.casefold().removeprefix("the ")
    return key in REGION_NAMES or gazetteer.is_continent(name)


# Verbs of a court, a plea or a sentence: "convicted of", "sentenced for", "pleaded guilty to",
# "serving 99 years for", "arrested in". The killing they name is the accused's.
ACCUSATION_VERBS = frozenset({
    "convict", "sentence", "charge", "indict", "arrest", "try", "accuse", "jail", "imprison", "execute",
    "hang", "blame", "serve", "plead", "confess", "admit", "prosecute", "condemn", "detain", "find",
})
# Of these, the ones whose active subject is the accused ("X pleaded guilty to", "X is serving").
SELF_ACCUSATION_VERBS = frozenset({"serve", "plead", "confess", "admit"})


def accused_of(start: Token, index: ParseIndex) -> list[Argument] | None:
    """Who a court, a plea or a sentence says did what ``start`` (a killing noun or gerund) names.

    Climbs from ``start`` through prepositions and a noun object ("a sentence for") to the first
    verb. None when that verb is no accusation verb or is negated ("was acquitted of", "denied
    killing"); otherwise the accused: the subject of a passive ("Sirhan was convicted of") or of a
    plea ("Chapman pleaded guilty to"), else the active verb's object ("convicted Millikan of")."""
    current = start
    for _ in range(6):
        head = current.head
        if head.i == current.i or current.dep_ not in {"pobj", "pcomp", "prep", "dobj", "oprd", "acomp"}:
            return None
        if current.dep_ == "prep" and current.lower_ not in ACCUSATION_PREPOSITIONS:
            return None  # "arrested after the assassination": a time, not a charge
        if current.pos_ == "ADJ" and is_negated(current):
            return None  # "was found not guilty of the murder"
        if head.pos_ in {"VERB", "AUX"}:
            lemma = head.lemma_.lower()
            if lemma not in ACCUSATION_VERBS or is_negated(head):
                return None
            # "Sirhan was convicted of", "Adamson, convicted of murdering ...": the accused is the subject.
            passive = any(child.dep_ in {"nsubjpass", "auxpass"} for child in head.children) or (
                head.dep_ == "acl" and head.tag_ == "VBN"
            ) or (
                # "Sirhan was tried and convicted for ...": the second participle shares the first's passive.
                head.dep_ == "conj" and head.tag_ == "VBN" and any(child.dep_ in {"nsubjpass", "auxpass"} for child in head.head.children)
            )
            factor = 0.85 if lemma in SUSPICION_VERBS else 1.0
            if passive or lemma in SELF_ACCUSATION_VERBS:
                found = [a for s in clause_subjects(head) for a in index.arguments(s, collective=False) or described_name(s, index)]
            else:
                found = [a for c in head.children if c.dep_ == "dobj" and c.i != current.i for a in index.arguments(c, collective=False)]
            return [Argument(a.mention, a.factor * factor, a.via or "accused") for a in found]
        current = head
    return None


ACCUSATION_PREPOSITIONS = frozenset({"of", "for", "in", "to", "with", "on"})
# Accusation verbs that say only that someone is suspected: a lower confidence.
SUSPICION_VERBS = frozenset({"charge", "indict", "arrest", "accuse", "detain", "blame", "prosecute", "try"})


# What a killer fires, throws or plants: "the shots that killed Kennedy" were the shooter's.
WEAPON_NOUNS = frozenset({"shot", "bullet", "bomb", "grenade", "rifle", "gun", "pistol", "missile", "rocket", "blast", "round"})


def killer_behind_relative_clause(verb: Token, index: ParseIndex) -> list[Argument]:
    """The killer a relative clause's antecedent stands for: "Oswald was the lone gunman who killed
    Kennedy" (the antecedent is what a name is said to be), "the spot where Oswald fired the shots
    that killed Kennedy" (the antecedent is what a name fired)."""
    antecedent = verb.head
    if antecedent.pos_ != "NOUN" or index.mention_at(antecedent) is not None:
        return []
    if not any(child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVE_PRONOUNS for child in verb.children):
        return []
    governor = antecedent.head
    if antecedent.dep_ == "attr" and governor.lemma_ in {"be", "become", "remain"}:
        if is_negated(governor):
            return []  # "Booth wasn't a shiftless actor who killed Lincoln" is still read by nobody
        return [a for s in clause_subjects(governor) for a in index.arguments(s, collective=False)]
    if antecedent.dep_ == "dobj" and antecedent.lemma_.lower() in WEAPON_NOUNS and governor.pos_ == "VERB" and not is_negated(governor):
        return [Argument(a.mention, a.factor * 0.9, "weapon") for s in clause_subjects(governor) for a in index.arguments(s, collective=False)]
    return []


def holders_after_object(role: Token, index: ParseIndex, *, types: set[str]) -> list[Argument]:
    """The name after a role's object, which the parser hangs on the object: "the chairman of the
    United Djibouti Opposition Front, Mohamed Ahmed Issa", "the deputy secretary of the Foreign
    Ministry, Datuk Abdul Halim Ali". Only a name in apposition, set off by a comma right after
    the object's name."""
    found: list[Argument] = []
    for token in prepositional_objects(role, frozenset({"of", "for", "at"})):
        owner = index.mention_at(token)
        if owner is None or owner.entity_type in types:
            continue
        owner_span = index.span_of(owner)
        for inner in owner_span:
            for child in inner.children:
                if child.dep_ != "appos":
                    continue
                holder = index.mention_at(child)
                if holder is None or holder.entity_type not in types:
                    continue
                holder_span = index.span_of(holder)
                if holder_span.start == owner_span.end + 1 and index.doc[owner_span.end].text == ",":
                    found.append(Argument(holder, 0.9, "appos"))
    return found


def described_name(token: Token, index: ParseIndex) -> list[Argument]:
    """The name a noun describes in apposition: "Sirhan Sirhan, the man convicted of killing Kennedy"."""
    if token.dep_ == "appos" and token.pos_ == "NOUN":
        mention = index.mention_at(token.head)
        if mention is not None:
            return [Argument(mention, 0.95, "appos")]
    return []


def is_nominal_adjective(token: Token) -> bool:
    """"Mr. Vee, a Fargo native": a residence word the tagger calls an adjective but the parse uses as a
    noun (with a determiner, in apposition or as a complement)."""
    return (
        token.pos_ == "ADJ"
        and token.lemma_.lower() in RESIDENCE_NOUNS
        and token.dep_ in {"appos", "attr", "pobj", "nsubj", "dobj", "conj"}
        and any(child.dep_ == "det" for child in token.children)
    )


def parenthesized_aliases(index: ParseIndex) -> dict[str, list[Mention]]:
    """Organizations named twice, the second in parentheses: "the Party of the Democratic Revolution
    (PRD)", "PAN (National Action Party)". Each mention key maps to its other names."""
    doc = index.doc
    aliases: dict[str, list[Mention]] = {}
    for mention in index.mentions:
        if mention.entity_type != "Organization":
            continue  # "Charles Guiteau (Jonathan Hadary)": a person in parentheses is the actor, not an alias
        span = index.spans.get(mention_key(mention))
        if span is None or span.end + 2 >= len(doc) or doc[span.end].text != "(":
            continue
        inner = index.mention_at(doc[span.end + 1])
        if inner is None or inner is mention or inner.entity_type != mention.entity_type:
            continue
        inner_span = index.span_of(inner)
        if inner_span.start != span.end + 1 or inner_span.end >= len(doc) or doc[inner_span.end].text != ")":
            continue
        aliases.setdefault(mention_key(mention), []).append(inner)
        aliases.setdefault(mention_key(inner), []).append(mention)
    return aliases


def alias_closure(candidates: list[Candidate], index: ParseIndex) -> Iterator[Candidate]:
    """A fact about a name holds for the name it is given in parentheses: "candidate of the PRD (Party
    of the Democratic Revolution)" makes him a member of both."""
    aliases = parenthesized_aliases(index)
    if not aliases:
        return
    for candidate in candidates:
        for alias in aliases.get(mention_key(candidate.object.mention), []):
            if alias is not candidate.subject.mention:
                yield Candidate(
                    candidate.subject, candidate.predicate, Argument(alias, 0.95, "alias"), candidate.confidence,
                    candidate.method + "+alias", candidate.triggers, candidate.role, candidate.former, candidate.time,
                )
        for alias in aliases.get(mention_key(candidate.subject.mention), []):
            if alias is not candidate.object.mention:
                yield Candidate(
                    Argument(alias, 0.95, "alias"), candidate.predicate, candidate.object, candidate.confidence,
                    candidate.method + "+alias", candidate.triggers, candidate.role, candidate.former, candidate.time,
                )


# Verbs that say where someone is from: "Mrs. Tsuruyama is from Yatsushiro", "hails from Ohio". Kept out
# of VERB_TRIGGERS, whose verbs are also the pair classifier's location words ("be" is in every sentence).
ORIGIN_VERBS = frozenset({"be", "hail"})


def origin_verb_rule(verb: Token, index: ParseIndex) -> Iterator[Candidate]:
    """"X is from Place", "X hails from Place": X is located there (a person's or group's origin)."""
    if verb.lemma_.lower() not in ORIGIN_VERBS or is_negated(verb):
        return
    places = [a for t in prepositional_objects(verb, frozenset({"from"})) for a in index.arguments(t, collective=False)]
    if not places:
        return
    subjects = [a for s in clause_subjects(verb) for a in index.arguments(s)]
    for subject in subjects:
        for place in places:
            if subject.mention is not place.mention:
                yield Candidate(subject, "locatedIn", place, 0.8 * hedge_factor(verb), f"dep:verb-{verb.lower_}-from", (verb,))


# Words that may stand between an organization's name and the title before a person's name:
# "Coast Guard Lt. Steve Hardy", "Fire Department Capt. Hugh Madlock", "Edison senior vice president X".
TITLE_GAP_WORDS = frozenset({".", "senior", "chief", "deputy", "assistant", "vice", "acting", "executive", "general"})
TITLE_GAP = 4


def organization_title_name_rule(index: ParseIndex) -> Iterator[Candidate]:
    """An organization's name, a title and a person's name side by side: "said Coast Guard Lt. Steve
    Hardy", "county Fire Department Capt. Hugh Madlock". Read off the words, for the parser often
    takes an abbreviated rank for the subject and the name for another. Only role words (and their
    modifiers) may stand between the two names; the last one decides leader or member."""
    doc = index.doc
    for mention in index.mentions:
        if mention.entity_type != "Organization" or is_nationality(index, mention):
            continue
        span = index.span_of(mention)
        position, roles = span.end, []
        while position < min(span.end + TITLE_GAP, len(doc)) and index.mention_at(doc[position]) is None:
            word = doc[position].lower_
            if word in LEADER_ROLES or word in MEMBER_ROLES or (word + "." in MEMBER_ROLES and position + 1 < len(doc) and doc[position + 1].text == "."):
                roles.append(doc[position])
            elif word not in TITLE_GAP_WORDS:
                break
            position += 1
        if not roles or position >= len(doc) or position == span.end:
            continue
        person = index.mention_at(doc[position])
        if person is None or person.entity_type != "Person" or index.span_of(person).start != position:
            continue
        if doc[position - 1].text == "," or any(t.text == "," for t in doc[span.end : position]):
            continue
        last = roles[-1].lower_
        deputy = any(t.lower_ in DEPUTY_MODIFIERS for t in doc[span.end : roles[-1].i])
        predicate = "leaderOf" if last in LEADER_ROLES and not deputy else "memberOf"
        yield Candidate(Argument(person), predicate, Argument(mention), 0.8, "name:organization-title-person", tuple(roles))


def victim_killer_name_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A victim's name, a killer noun and the killer's name side by side: "defended Kennedy assassin
    Sirhan B. Sirhan", "Lennon 's killer , Mark Chapman". Read off the words, for the parser often
    takes the noun for a verb. Nothing else may stand between ("Reagan would-be assassin" is no
    killer: the hedge or the attempt sits between the victim and the noun)."""
    from extract.relation_model import token_table  # imported late (import cycle)

    doc = index.doc
    # The cached lowercase words rule out almost every token before a Token is built.
    for position, lower in enumerate(token_table(doc).lower):
        if lower not in KILLER_NOUNS or position == 0 or position + 1 >= len(doc):
            continue
        token = doc[position]
        before = token.i - 1
        if doc[before].text in {"'s", "'", "’s"}:
            before -= 1
        victim = index.mention_at(doc[before]) if before >= 0 else None
        if victim is None or victim.entity_type != "Person" or index.span_of(victim).end != before + 1:
            continue
        after = token.i + 1
        if doc[after].text == ",":
            after += 1
        killer = index.mention_at(doc[after]) if after < len(doc) else None
        if killer is None or killer is victim or killer.entity_type != "Person" or index.span_of(killer).start != after:
            continue
        yield Candidate(Argument(killer), "killed", Argument(victim), 0.8, "name:victim-killer-person", (token,))


# Gerunds of killing after "of" or "for": "convicted of murdering", "sentenced for killing".
KILLING_GERUNDS = frozenset({"kill", "murder", "assassinate", "slay", "strangle", "behead"})
CONVICTION_WORDS = frozenset({"convicted", "sentenced", "executed", "jailed", "imprisoned", "hanged", "serving"})
CONVICTED_GAP = 8
# Words of a sentence's length that may stand between the conviction and its charge: "sentenced to
# 20 years to life for", "serving 99 years for".
SENTENCE_LENGTH_TAGS = frozenset({"NUM", "NOUN", "ADP", "DET", "ADJ", "PART"})


def convicted_of_killing_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A conviction for a killing read off the words where the parse misplaces it: "John Harvey
    Adamson , convicted of murdering reporter Don Bolles", "the jury convicted sniper Kenneth
    Earl Millikan of killing Peter Martinelli", "Mark Chapman , sentenced to 20 years to life for the
    murder of John Lennon", "James Earl Ray , 60 , serving 99 years for assassinating King". The
    convicted is the name right before ", convicted" (an age between allowed), or the only name
    between "convicted" and "of"; the victim the gerund's object or the name after it, or the
    killing noun's "of". A negation or an acquittal in the sentence leaves it out."""
    doc = index.doc
    from extract.relation_model import token_table  # imported late (import cycle)

    lower = token_table(doc).lower
    for position in range(2, len(lower)):
        # The word before is checked first, from the cached table: it rules out almost every token
        # before a Token is built (the costly part).
        if lower[position - 1] not in {"of", "for", "the"}:
            continue
        trigger = doc[position]
        lemma = trigger.lemma_.lower()
        if trigger.tag_ == "VBG" and lemma in KILLING_GERUNDS and doc[trigger.i - 1].lower_ in {"of", "for"}:
            preposition = trigger.i - 1
        elif trigger.pos_ == "NOUN" and lemma in KILLING_NOUNS and doc[trigger.i - 1].lower_ == "the" and doc[trigger.i - 2].lower_ in {"of", "for"}:
            preposition = trigger.i - 2
        else:
            continue
        sentence = trigger.sent
        if any(t.lower_ in {"not", "n't", "never"} or t.lemma_.lower() in ACQUITTAL_LEMMAS for t in sentence):
            continue
        if premodifier_words(trigger) & ATTEMPT_MODIFIERS:
            continue
        conviction = next(
            (doc[i] for i in range(preposition - 1, max(sentence.start, preposition - 1 - CONVICTED_GAP) - 1, -1) if doc[i].lower_ in CONVICTION_WORDS),
            None,
        )
        if conviction is None:
            continue
        killers: list[Mention] = []
        between = doc[conviction.i + 1 : preposition]
        named = {index.mention_at(t) for t in between} - {None}
        last = index.mention_at(between[-1]) if between else None
        if last is not None and conviction.lower_ != "serving" and all(
            index.mention_at(t) is not None or t.pos_ in {"NOUN", "ADJ", "DET", "NUM", "PROPN"} for t in between
        ):
            # "convicted Highway 50 sniper Kenneth Earl Millikan of killing": the name closing the object.
            killers = [last]
        elif not named and all(t.pos_ in SENTENCE_LENGTH_TAGS for t in between):
            # "Adamson , convicted of murdering ...": the participle describes the name before its comma.
            comma = conviction.i - 1
            if comma - 3 >= sentence.start and doc[comma].text == "," and doc[comma - 1].like_num and doc[comma - 2].text == ",":
                comma -= 2  # "James Earl Ray , 60 , serving"
            if comma - 1 >= sentence.start and doc[comma].text == ",":
                before = index.mention_at(doc[comma - 1])
                if before is not None and index.span_of(before).end == comma:
                    killers = [before]
        killers = [m for m in killers if m.entity_type == "Person"]
        if not killers:
            continue
        if trigger.pos_ == "NOUN":
            victims = [a.mention for t in prepositional_objects(trigger, frozenset({"of"})) for a in index.arguments(t, collective=False)]
        else:
            victims = [a.mention for c in trigger.children if c.dep_ == "dobj" for a in index.arguments(c, collective=False)]
        if not victims:
            position = trigger.i + 1
            if trigger.pos_ == "NOUN" and position < sentence.end and doc[position].lower_ == "of":
                position += 1
            while position < min(trigger.i + 6, sentence.end) and index.mention_at(doc[position]) is None and doc[position].pos_ in {"NOUN", "ADJ", "DET", "PROPN"}:
                position += 1
            victim = index.mention_at(doc[position]) if position < sentence.end else None
            victims = [victim] if victim is not None else []
        for killer in killers:
            for victim in victims:
                if victim.entity_type == "Person" and victim is not killer:
                    yield Candidate(Argument(killer), "killed", Argument(victim), 0.8, "name:convicted-of-killing", (conviction, trigger))


# Editorial markers a wire service's item may open with before its dateline: "( Text ) Hefei , ...".
EDITORIAL_MARKERS = frozenset({"text", "excerpts", "excerpt", "summary", "editorial report"})
MONTH_WORDS = frozenset({
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
})


def dated_dateline_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A wire item's dateline with its date: "( Text ) Hefei , February 11 ( XINHUA ) --", "Knin , 12
    Feb ( TANJUG ) --". The agency is in the dateline's city. Only at the opening of a sentence (after
    an editorial marker in parentheses, if any), with a day and a month between the city and the
    agency, and the agency alone in its parentheses."""
    doc = index.doc
    for sentence in doc.sents:
        position = sentence.start
        if position + 2 < sentence.end and doc[position].text == "(" and doc[position + 2].text == ")" and doc[position + 1].lower_ in EDITORIAL_MARKERS:
            position += 3
        if position >= sentence.end:
            continue
        place = index.mention_at(doc[position])
        if place is None or place.entity_type != "Place" or index.span_of(place).start != position:
            continue
        cursor = index.span_of(place).end
        if cursor < sentence.end and doc[cursor].text == ",":
            cursor += 1
        date_words = []
        while cursor < sentence.end and len(date_words) < 3 and (doc[cursor].like_num or doc[cursor].lower_.rstrip(".") in MONTH_WORDS):
            date_words.append(doc[cursor])
            cursor += 1
        if not any(t.like_num for t in date_words) or not any(t.lower_.rstrip(".") in MONTH_WORDS for t in date_words):
            continue
        if cursor + 2 >= sentence.end or doc[cursor].text != "(":
            continue
        agency = index.mention_at(doc[cursor + 1])
        if agency is None or agency.entity_type != "Organization" or index.span_of(agency).start != cursor + 1:
            continue
        closing = index.span_of(agency).end
        if closing >= len(doc) or doc[closing].text != ")":
            continue
        yield Candidate(Argument(agency), "locatedIn", Argument(place), 0.7, "name:dated-dateline", (doc[cursor + 1],))



# Words that close a company's name and stand for "company": "Waste Disposal Co.", "Acme Corp.".
COMPANY_NAME_ENDINGS = frozenset({"co", "co.", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "company", "corporation"})
DEFINITE_NOUN_WINDOW = 40


def definite_organization(noun: Token, index: ParseIndex) -> list[Argument]:
    """The organization a definite noun stands for: "the agency" after "The Environmental Protection
    Agency", "a company official" after "Waste Disposal Co.". Only a noun for an organization
    ("agency", "department", "company"), unnamed itself, as the head of "the ..." or a noun's modifier,
    and only the nearest organization named before it in the sentence or the one before whose own
    name has that noun ("company" also matches "Co.", "Corp.", "Inc.")."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in ORGANIZATION_NOUNS or index.mention_at(noun) is not None:
        return []
    if noun.dep_ != "compound" and not any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children):
        return []
    if any(child.dep_ in {"compound", "poss", "amod", "nmod"} for child in noun.children):
        return []  # "the Rollei company", "the state agency": the noun's own modifier says which
    words = {lemma, noun.lower_}
    if lemma in {"company", "firm", "corporation"}:
        words |= COMPANY_NAME_ENDINGS
    start = noun.sent.start
    if start > 0:
        start = index.doc[start - 1].sent.start
    start = max(start, noun.i - DEFINITE_NOUN_WINDOW)
    for mention in sorted(index.mentions, key=lambda m: -m.start):
        if mention.entity_type != "Organization" or is_nationality(index, mention):
            continue
        span = index.span_of(mention)
        if span.end > noun.i or span.start < start:
            continue
        if words & {token.lower_.rstrip(",") for token in span} or words & {token.lemma_.lower() for token in span}:
            return [Argument(mention, 0.85, "definite")]
    return []


def name_comma_role_rule(index: ParseIndex) -> Iterator[Candidate]:
    """A name, a comma and a role "of"/"at"/"for" an organization, read off the words: "Ernesto Zedillo ,
    candidate of the Institutional Revolutionary Party ( PRI ) by only 5 percent", "Ruben Blades ,
    presidential candidate of the Papa Egoro Movement , MPE , by …", where the parser hangs the role
    elsewhere. Only articles and adjectives may stand between the comma and the role; a role nobody
    holds yet ("a possible nominee") gives nothing."""
    doc = index.doc
    for mention in index.mentions:
        if mention.entity_type != "Person":
            continue
        span = index.span_of(mention)
        position = span.end
        if position + 3 >= len(doc) or doc[position].text != ",":
            continue
        position += 1
        modifiers: list[Token] = []
        while position < len(doc) and len(modifiers) < 3 and doc[position].pos_ in {"DET", "ADJ", "ADV"} and index.mention_at(doc[position]) is None:
            modifiers.append(doc[position])
            position += 1
        if position + 2 >= len(doc):
            continue
        role = doc[position]
        lemma = role.lemma_.lower()
        if role.pos_ != "NOUN" or index.mention_at(role) is not None or (lemma not in LEADER_ROLES and lemma not in MEMBER_ROLES):
            continue
        words = {t.lower_ for t in modifiers}
        if words & UNHELD_MODIFIERS:
            continue
        preposition = doc[position + 1]
        if preposition.lower_ not in {"of", "for", "at"}:
            continue
        start = position + 2
        if doc[start].lower_ == "the":
            start += 1
        organization = index.mention_at(doc[start]) if start < len(doc) else None
        if organization is None or organization.entity_type != "Organization" or index.span_of(organization).start != start:
            continue
        if is_nationality(index, organization):
            continue
        if lemma in LEADER_ROLES:
            predicate = "memberOf" if words & DEPUTY_MODIFIERS else "leaderOf"
        else:
            predicate = "leaderOf" if words & CHIEF_MODIFIERS else "memberOf"
        former = bool(words & FORMER_MODIFIERS)
        factor = 0.85 if words & HEDGED_ROLE_MODIFIERS else 1.0
        yield Candidate(
            Argument(mention), predicate, Argument(organization), 0.7 * factor, "name:name-comma-role",
            (role,), role.text, former, None,
        )
