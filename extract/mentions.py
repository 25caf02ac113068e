"""Name mentions in one parsed document: spaCy's entities, repaired, typed and cleaned.

spaCy's NER proposes candidates. The rules here make them right for news text:

* repair spans: a name followed by "(ACRONYM)" is extended to the words that spell
  it ("Khorasan Province" -> "Islamic State Khorasan Province (IS-KP)"); a person's
  name is extended over the capitalized words before it ("Jawad" -> "Taj Mir Jawad"),
  and other occurrences of it are found even where NER missed them;
* split and cut organizations' names where news runs them together: a wire-service
  source line is a city and a source ("Moscow IZVESTIYA in Russian"), a name ends before
  the title of the person named next ("Coast Guard Lt. Steve Hardy"), an organization and
  the unit it owns are two ("Bar-Ilan University 's Center for Strategic Studies");
* people's and places' names: a portfolio before a name is no part of it ("Foreign Roland
  Dumas"), a name split at its apostrophe is one ("James O 'Brien"), a lowercase feature noun
  after a place names the feature ("the Ontario airport"), "Buenos Aires Province" is the province;
* type by evidence: organization words ("Network", "Ministry") make an
  organization, and so do a lowercase organization noun after a person's or place's
  name ("the Minox company") and a spokesman or executive after a name; a name listed
  among places ("in Kabul, Helmand, Farah, and Herat") or before "provinces" is a place;
* people and places by what the sentence says of them: who is shot or killed ("he shot Mendes",
  "King was shot"), who kills ("killed by Oswald", "after shooting Lincoln"), a relative sharing a
  surname found ("Leroy Ivy ... his brother John Henry Ivy"); a person's town ("Brian Michaud of
  Millinocket"), a place named by its kind ("the department of Solola");
* drop junk: lowercase words, names of works ("General Guidelines"), nationalities
  that name no organized group ("Afghan"), verbs capitalized by a title;
* optionally (off by default, an experiment), a second opinion: a token tagger trained on
  CoNLL04 (``extract/ner_conll04.py``), reading the default model's token vectors and the rules'
  own names, adds names the rules missed and completes names NER cut short;
* resolve within the document: possessives whose apostrophe was lost ("al-Qaedas"),
  short names ("Jawad", "al-Zawahiri") and acronyms ("AQIS") get the full name
  used elsewhere in the document as their ``normalized`` form.

Every mention keeps its original surface text and character offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.entity_typer import DATELINE_MARKS, EntityTyper, load_entity_typer, span_features
from extract.ner_conll04 import tag_names_with_probability
from extract.normalize import clean_name, matches_acronym, name_key, strip_lost_possessive
from newskg.model import Document, EntityType, Mention, Sentence

LABEL_TO_TYPE: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}

# Last words that make a name an organization whatever NER said ("Haqqani Network").
ORGANIZATION_WORDS = frozenset(
    """network networks ministry department directorate agency office bureau council committee commission
    foundation institute institution university college school academy press party movement front army
    brigade brigades battalion regiment corps force forces police guard militia group organization
    organisation association union federation league alliance coalition company corporation corp inc ltd
    bank fund court parliament assembly senate congress government administration authority service
    services center centre tribunal taliban times post news journal herald tribune gazette daily
    telegraph express guardian chronicle observer monitor board chamber house church voice friends patrol navy
    fleet tech""".split()
)
# Last words that make a name a place ("Custer National Forest", "Cameron Parish", "Nelson Street",
# "Clear Air Force Station", "Rocky Flats Plant": a site, even where an organization runs it).
PLACE_NAME_WORDS = frozenset(
    """forest forests river channel parish county canyon valley mountains island islands street avenue boulevard
    lake bay beach park range peninsula desert station seashore airport plant square dam palace""".split()
)
# Of those, the ones that are also surnames ("Michael Bay", "Robert Plant"): NER's person label stands.
SURNAME_PLACE_WORDS = frozenset("lake bay beach park range plant".split())
# A lowercase noun just before a name that says what kind of thing it is ("the copper company
# Codelco", "the port city Chittagong"). "state" and "country" are left out: "the state Legislature".
ORGANIZATION_KIND_NOUNS = frozenset(
    """company firm airline carrier maker manufacturer automaker retailer bank newspaper magazine broadcaster
    agency conglomerate subsidiary brokerage insurer utility studio""".split()
)
PLACE_KIND_NOUNS = frozenset("town city village port island province region district suburb hamlet".split())
# What a place has, so that "X 's" before it makes X a place ("Winterset 's busiest street").
PLACE_POSSESSIONS = frozenset(
    "mayor residents inhabitants citizens street streets downtown outskirts suburbs population skyline neighborhoods".split()
)
# Nouns whose "of" names a person ("the assassination of Lincoln", "assassin of Lincoln") or
# whose possessor is one ("Sohn 's home", "Booth 's grave").
PERSONAL_NOUNS = frozenset(
    """assassination assassin murder murderer killer killing death funeral grave widow biography memoirs
    home""".split()
)
# Words that start an organization's name ("Ministry of the Interior").
ORGANIZATION_STARTS = frozenset("ministry department directorate office bureau council university institute".split())
# Heads that make the names before them places ("Nuristan and Kunar provinces").
PLACE_HEADS = frozenset(
    "province provinces city cities district districts region regions capital village valley state states county counties parish parishes township settlement".split()
)
# Names of works are not actors ("General Guidelines for the Work of Jihad").
WORK_WORDS = frozenset("guidelines guideline plan report manual book treaty act law doctrine strategy memo letter".split())
# Titles that go before a name but are not part of it.
PERSON_TITLES = frozenset(
    """leader president director deputy minister commander chief head secretary spokesman spokeswoman governor
    mr mrs ms dr prof sen rep gen general col capt lt sgt king queen prince premier chairman fm pm
    commissioner administrator assistant judge officer inspector superintendent detective sheriff academician
    linguist anatomist anthropologist archaeologist historian economist physicist scientist soprano tenor
    baritone pianist composer novelist playwright count lord sir""".split()
)
# A minister's portfolio or a chamber that news puts before a name once the title is gone ("Foreign
# Roland Dumas said", "Senate Bob Dole of Kansas"): part of the title, never of the name.
PORTFOLIO_WORDS = frozenset(
    """foreign interior finance defense defence justice economy trade agriculture health education labor labour
    transport energy culture treasury commerce senate""".split()
)
# NORP names that are organized groups rather than nationalities or religions.
# Adjectives that news uses as the name of a state that no longer exists ("the Soviet Navy"), where
# a nationality ("American", "Afghan") would name its people.
STATE_ADJECTIVES = frozenset({"soviet"})
GROUP_NAMES = frozenset("taliban talibans hamas hezbollah hizbollah houthis houthi mujahideen".split())
# Role nouns in an apposition mark the name before them as a person.
ROLE_NOUNS = frozenset(
    """leader commander member official minister director chief head spokesman spokeswoman governor
    president founder deputy adviser advisor envoy ambassador militant fighter cleric mullah""".split()
)
# Nouns for people: a name in apposition to one is a person ("Tidwell, a retired officer").
PERSON_NOUNS = ROLE_NOUNS | frozenset(
    """man woman boy girl child son daughter father mother wife husband brother sister widow actor actress singer
    writer author poet artist composer musician player coach lawyer attorney judge officer agent soldier general
    senator governor mayor candidate secretary chairman chairwoman executive manager owner worker employee
    teacher professor student scientist researcher doctor physician nurse priest bishop pastor rabbi imam
    reporter journalist correspondent editor photographer spokesperson analyst economist activist farmer
    rancher resident native citizen victim suspect killer assassin gunman prisoner inmate defendant witness
    engineer technician businessman businesswoman banker founder veteran diplomat politician king queen
    prince princess emperor pope designer producer comedian entertainer dancer novelist historian playwright
    philosopher sculptor painter architect astronaut pilot""".split()
)
# Nouns a person owns in news ("Pereira's father", "Smith's lawyer"): the owner is a person.
KIN_NOUNS = frozenset(
    "father mother wife husband son daughter brother sister widow family parents children lawyer attorney girlfriend boyfriend".split()
)
# Head nouns that make the name modifying them a place ("a Fargo native", "the Boise area").
PLACE_MODIFIED_NOUNS = frozenset("native natives resident residents area suburb suburbs outskirts neighborhood county".split())
# Prepositions after which a name the gazetteer knows as a town is that town ("of Oxford", "in Dayton").
LOCATIVE_PREPOSITIONS = frozenset("in near from at outside of to into across around".split())
CONNECTORS = frozenset("of in the for and on & al".split())
ACRONYM = re.compile(r"^[A-Z][A-Za-z&.\-]*[A-Z][a-z]?s?$")
# A word that title case capitalized is common in lowercase English text above this Zipf frequency.
COMMON_WORD_ZIPF = 3.2
# "Future of …": an organization's name does not start with a word this common.
TOPIC_WORD_ZIPF = 4.5
# A name NER calls a person is a city only if the city is this large and the word this rare
# ("Vladivostok"; "Lincoln" and "Kennedy" are common surnames).
PERSON_TOWN_MIN_POPULATION = 200_000
PERSON_TOWN_MAX_ZIPF = 3.0
# A single word this common is no place unless the gazetteer knows it.
TOWN_NAME_MAX_ZIPF = 4.0


@dataclass
class _Candidate:
    start: int  # token indices into the spaCy Doc
    end: int
    label: str
    entity_type: EntityType
    weak: bool = False
    acronym_of: str | None = None
    # Set by a rule that decided the type from strong evidence ("Tupelo, Miss."): kept as is.
    fixed_type: bool = False
    # Which evidence decided the type (a feature of the learned typer).
    reason: str = "ner"
    # The name to file the mention under when it is not its text ("Tupelo, Mississippi").
    normalized: str | None = None


def sentence_index(sentences: tuple[Sentence, ...], offset: int) -> int:
    low, high = 0, len(sentences) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if sentences[middle].start <= offset:
            low = middle
        else:
            high = middle - 1
    return max(low, 0)


@lru_cache(maxsize=65536)
def zipf_of(word: str) -> float:
    """How common the word is in lowercase English text (wordfreq's Zipf scale, 0 to 8)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


def is_common_word(word: str) -> bool:
    return zipf_of(word) >= COMMON_WORD_ZIPF


@dataclass
class _Scan:
    """What the rules need from the tokens, read in one pass: iterating a Doc is the costly part."""

    texts: list[str]
    title_case: bool
    open_parens: list[int]
    # Capitalized alphabetic proper nouns that are not titles: the words names are made of.
    name_tokens: list[int]


def scan_tokens(doc: Doc, *, headline: bool = False) -> _Scan:
    """Read the tokens once, and judge whether the text is in Title Case.

    Headlines in Title Case capitalize every word, so capitals say little about names.
    Only words outside names count: a sentence full of names is not Title Case, a
    headline whose verbs and nouns are capitalized ("Agree to Ceasefire") is.
    """
    texts: list[str] = []
    open_parens: list[int] = []
    name_tokens: list[int] = []
    counted = capitalized = 0
    for token in doc:
        text = token.text
        texts.append(text)
        if text == "(":
            open_parens.append(token.i)
        elif token.is_alpha:
            upper = text[0].isupper()
            if upper and token.pos_ == "PROPN" and token.lower_ not in PERSON_TITLES:
                name_tokens.append(token.i)
            if len(text) > 3 and not token.ent_type_ and not token.is_sent_start:
                counted += 1
                capitalized += upper
    if headline:
        title_case = capitalized / counted > 0.5 if counted >= 2 else counted == capitalized == 1
    else:
        # A body text is judged on enough words that a capitalized role title
        # ("a Senior Research Fellow") cannot tip it.
        title_case = counted >= 8 and capitalized / counted > 0.7
    return _Scan(texts, title_case, open_parens, name_tokens)


def find_mentions(
    spacy_doc: Doc, document: Document, sentences: tuple[Sentence, ...], *, learned_tagger: bool = True
) -> list[Mention]:
    """The mentions of people, organizations and places in one document.

    ``learned_tagger`` adds the learned name tagger's second opinion: names the rules missed,
    names NER cut short completed, and names NER ran together split (CoNLL04 dev: entity F1
    0.803 -> 0.819, relation micro-F1 0.537 -> 0.563; test 0.463 -> 0.490). It reads the NER's token vectors, which
    :func:`extract.extractor.load_model` keeps on each Doc
    (:func:`extract.ner_conll04.capture_ner_vectors`); on a pipeline without them it adds nothing."""
    scan = scan_tokens(spacy_doc, headline=document.kind == "headline")
    candidates = _rule_candidates(spacy_doc, document, scan)
    # Trained on sentences in ordinary case: in Title Case the capitals it reads say little.
    if learned_tagger and not scan.title_case:
        candidates = _corrected_by_learned_tagger(spacy_doc, candidates, scan.title_case)
    candidates = _join_qualified_places(spacy_doc, candidates)
    mentions = []
    for candidate in candidates:
        span = spacy_doc[candidate.start : candidate.end]
        start, end = span.start_char, span.start_char + _run_on_length(span)
        text = document.text[start:end]
        mentions.append(
            Mention(
                doc_id=document.id,
                sentence=sentence_index(sentences, start),
                start=start,
                end=end,
                text=text,
                label=candidate.label,
                entity_type=candidate.entity_type,
                normalized=candidate.acronym_of or candidate.normalized or clean_name(text),
                weak=candidate.weak,
                resolved_by="acronym" if candidate.acronym_of else "",
            )
        )
    return resolve_within_document(mentions)


def _rule_candidates(spacy_doc: Doc, document: Document, scan: _Scan | None = None) -> list[_Candidate]:
    candidates = _typed_candidates(spacy_doc, document, scan)
    typer = load_entity_typer()
    if typer is not None:
        candidates = _retype(spacy_doc, candidates, typer)
    return candidates


def rule_spans(spacy_doc: Doc, document: Document) -> list[tuple[int, int, EntityType]]:
    """The rules' and typer's names as (start token, end token, type): what the learned NER reads."""
    return [(c.start, c.end, c.entity_type) for c in _rule_candidates(spacy_doc, document)]


# Reasons for a span that only NER and the learned typer gave: the learned tagger may widen it.
_UNRULED_REASONS = frozenset({"ner", "typer"})


def _corrected_by_learned_tagger(doc: Doc, candidates: list[_Candidate], title_case: bool) -> list[_Candidate]:
    """The learned tagger's second opinion on the rules' names (``extract/ner_conll04.py``).

    A name it finds that no rule found is added if it reads like a name and passes the same
    trimming, typing and junk rules as NER's names; names NER found and the rules dropped
    ("Afghans") stay dropped. Where only NER or the learned typer decided a name, the tagger's
    span wins if it completes the name (see :func:`_widens`); where NER ran two names together
    and the tagger is sure of both, they become two (see :func:`_split_by_tagger`; CoNLL04 dev
    relation micro-F1 0.557 -> 0.563). It never changes the type of a name it agrees on and never
    drops a name: on CoNLL04 dev its retypings gained no relation, and on
    CoNLL-2003 news they cost organizations (0.445 -> 0.406 F1); it misses more of the rules'
    good names than it rules out bad ones. It learned from 922 sentences.
    """
    scored_names = tag_names_with_probability(doc, [(c.start, c.end, c.entity_type) for c in candidates])
    if not scored_names:
        return candidates
    names = [(start, end, label) for start, end, label, _ in scored_names]
    corrected = []
    for candidate in candidates:
        overlapping = [name for name in scored_names if name[0] < candidate.end and candidate.start < name[1]]
        pieces = _split_by_tagger(doc, candidate, overlapping) if len(overlapping) > 1 else []
        if pieces:
            corrected.extend(pieces)
            continue
        if len(overlapping) == 1 and not candidate.fixed_type:
            start, end, label, _ = overlapping[0]
            if candidate.reason in _UNRULED_REASONS and label == candidate.entity_type and _widens(doc, candidate, start, end, candidates):
                candidate = replace(candidate, start=start, end=end, reason="learned_tagger")
        corrected.append(candidate)
    dropped_by_rules = [(entity.start, entity.end) for entity in doc.ents if not any(c.start < entity.end and entity.start < c.end for c in candidates)]
    added = []
    for start, end, label in names:
        if any(c.start < end and start < c.end for c in corrected) or any(s < end and start < e for s, e in dropped_by_rules):
            continue
        if not _reads_like_a_name(doc[start:end]):
            continue
        trimmed = _trim(doc, _Candidate(start, end, "learned_tagger", label, reason="learned_tagger"), title_case)
        if trimmed is not None and _decide_type(doc, trimmed, corrected) and not _is_junk(doc[trimmed.start : trimmed.end], trimmed):
            added.append(trimmed)
    return _drop_overlaps(corrected + added)


TAGGER_SPLIT_THRESHOLD = 0.7
TAGGER_SPLIT_REASONS = frozenset({"ner", "typer"})


def _split_by_tagger(doc: Doc, candidate: _Candidate, names: list[tuple[int, int, str, float]]) -> list[_Candidate]:
    """The rules' name as the tagger's two or more names inside it, where NER ran names together
    ("London Kanal-6 Television" is a city and a broadcaster, "Cairo AL-AHALI" a city and a
    paper); nothing if any piece is unsure, reaches outside the name or does not read like a name,
    or what lies between the pieces is more than a possessive or "of the"."""
    if candidate.fixed_type or candidate.reason not in TAGGER_SPLIT_REASONS:
        return []
    if any(start < candidate.start or end > candidate.end or probability < TAGGER_SPLIT_THRESHOLD for start, end, _, probability in names):
        return []
    covered = {index for start, end, _, _ in names for index in range(start, end)}
    left_over = [doc[index] for index in range(candidate.start, candidate.end) if index not in covered]
    if any(token.lower_ not in {"'s", "'", "of", "the", "-"} for token in left_over):
        return []
    pieces = []
    for start, end, label, _ in names:
        span = doc[start:end]
        if not _reads_like_a_name(span) or (label == "Person" and not _written_like_a_person(span)):
            return []
        pieces.append(replace(candidate, start=start, end=end, entity_type=label, label="learned_tagger", reason="learned_tagger"))
    return pieces


def _widens(doc: Doc, candidate: _Candidate, start: int, end: int, candidates: list[_Candidate]) -> bool:
    """Whether the tagger's span is the rules' name completed: longer, over no punctuation but
    in abbreviations and compounds, no title before a person, and over no name of another type
    ("United States Agency for International Development" for NER's two halves is one)."""
    if not start <= candidate.start <= candidate.end <= end or (start, end) == (candidate.start, candidate.end):
        # Never shorter or shifted: "Sajjan M. Gohel" became "M. Gohel", "Martin Luther King Jr."
        # "Rev. Martin Luther King".
        return False
    span = doc[start:end]
    if any(token.is_punct and token.text not in {".", "&", "-", "'"} for token in span):
        # "North Bend, Ohio" is a town and a state: the graph needs both (partOf).
        return False
    if any(other is not candidate and other.start < end and start < other.end and (other.entity_type != candidate.entity_type or other.fixed_type) for other in candidates):
        # Joining halves of one name is completing it; swallowing a name of another kind is not.
        return False
    if candidate.entity_type == "Person" and (
        span[0].lower_.rstrip(".") in PERSON_TITLES or span[0].lower_ in PORTFOLIO_WORDS or _gerund_opening_a_sentence(span[0])
    ):
        return False
    if span[0].lower_ in {"the", "a", "an"}:
        # A sentence's capitalized "The" is no part of "Bank of England".
        return False
    return not _lowercase_word(span[0]) and not _lowercase_word(span[-1])


def _lowercase_word(token: Token) -> bool:
    """A name's first or last word in lowercase ("the Solidarity union") is a description of it."""
    return token.is_alpha and token.is_lower


def _reads_like_a_name(span: Span) -> bool:
    """Capitalized proper nouns, not only common words capitalized at a sentence start, and no
    punctuation inside but in abbreviations and compounds ("Tupelo, Miss." is two names)."""
    if any(token.is_punct and token.text not in {".", "&", "-"} for token in span):
        return False
    if not any(_name_token(token) for token in span):
        return False
    return not all(_capitalized_common_word(token) or not token.is_alpha for token in span)


def typing_examples(spacy_doc: Doc, document: Document) -> list[tuple[int, int, EntityType, list[str]]]:
    """The names the learned typer may retype, as (start char, end char, rule type, features):
    what ``benchmarks/train_entity_typer.py`` learns from."""
    examples = []
    for candidate in _typed_candidates(spacy_doc, document):
        if candidate.fixed_type:
            continue
        span = spacy_doc[candidate.start : candidate.end]
        examples.append((span.start_char, span.start_char + _run_on_length(span), candidate.entity_type, _typer_features(spacy_doc, candidate)))
    return examples


def _typer_features(doc: Doc, candidate: _Candidate, sentence_starts: list[int] | None = None) -> list[str]:
    sentence = None
    if sentence_starts is not None:
        # Reading the sentence off the Doc once per document is cheaper than Span.sent per name.
        position = bisect_right(sentence_starts, candidate.start) - 1
        sentence = (sentence_starts[position], sentence_starts[position + 1] if position + 1 < len(sentence_starts) else len(doc))
    return span_features(
        doc, candidate.start, candidate.end, label=candidate.label, rule_type=candidate.entity_type, reason=candidate.reason, sentence=sentence
    )


def _retype(doc: Doc, candidates: list[_Candidate], typer: EntityTyper) -> list[_Candidate]:
    """The learned typer's second opinion where no rule fixed the type."""
    kept = []
    sentence_starts = [sentence.start for sentence in doc.sents]
    for candidate in candidates:
        if not candidate.fixed_type:
            new_type = typer.retype(_typer_features(doc, candidate, sentence_starts), candidate.entity_type)
            if new_type == "None":
                continue
            if new_type == "Person" and not _written_like_a_person(doc[candidate.start : candidate.end]):
                new_type = None
            if new_type is not None:
                candidate = replace(candidate, entity_type=new_type, reason="typer")
        kept.append(candidate)
    return kept


def _written_like_a_person(span: Span) -> bool:
    """Capitalized words, not all capitals: "al-Qaeda" and "NATO" are no one's name."""
    return span.text[:1].isupper() and not any(token.is_upper and len(token) > 1 for token in span if token.is_alpha)


def _typed_candidates(spacy_doc: Doc, document: Document, scan: _Scan | None = None) -> list[_Candidate]:
    """Candidates repaired, typed by the rules and cleaned of junk; ``weak`` set as on mentions."""
    if scan is None:
        scan = scan_tokens(spacy_doc, headline=document.kind == "headline")
    title_case = scan.title_case
    candidates = [
        _Candidate(span.start, span.end, span.label_, LABEL_TO_TYPE[span.label_], weak=title_case)
        for span in spacy_doc.ents
        if span.label_ in LABEL_TO_TYPE
    ]
    candidates = _extend_to_acronyms(spacy_doc, candidates, scan)
    candidates = _extend_person_names(spacy_doc, candidates, scan)
    candidates = _join_names_split_at_apostrophe(spacy_doc, candidates)
    candidates = _extend_over_generational_suffixes(spacy_doc, candidates)
    if not title_case:
        candidates = _add_appositive_people(spacy_doc, candidates, scan)
        candidates = _add_people_by_what_befell_them(spacy_doc, candidates, scan)
        candidates = _add_places_named_by_their_kind(spacy_doc, candidates, scan)
        candidates = _add_people_sharing_a_surname(spacy_doc, candidates, scan)
    candidates = _rescan_known_names(spacy_doc, candidates, scan)
    candidates = _split_source_lines(spacy_doc, candidates, scan)
    candidates = _split_company_from_its_town(spacy_doc, candidates)
    candidates = _split_organization_from_person(spacy_doc, candidates)
    candidates = _split_organizations_by_possessive(spacy_doc, candidates)
    candidates = _split_place_before_source(spacy_doc, candidates, scan)
    if not title_case:
        candidates = _add_capitalized_acronyms(spacy_doc, candidates, scan)
    candidates = [trimmed for c in candidates if (trimmed := _trim(spacy_doc, c, title_case)) is not None]
    candidates = _drop_overlaps(candidates)
    candidates = _type_towns_and_states(spacy_doc, candidates, scan)
    typed = [c for c in candidates if _decide_type(spacy_doc, c, candidates)]
    typed = [_with_kind_noun_after(spacy_doc, c) for c in typed]
    typed = [_with_place_feature_after(spacy_doc, c) for c in typed]
    result = []
    for candidate in typed:
        span = spacy_doc[candidate.start : candidate.end]
        if _is_junk(span, candidate):
            continue
        weak = candidate.weak and not all(token.is_upper for token in span if token.is_alpha)
        result.append(replace(candidate, weak=weak))
    return result


def _extend_to_acronyms(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """'al-Qaeda in the Indian Subcontinent (AQIS)': the long name spells the acronym."""
    added: list[_Candidate] = []
    for index in scan.open_parens:
        if index >= len(doc) - 2:
            continue
        token = doc[index]
        close = next((t.i for t in doc[token.i + 1 : token.i + 6] if t.text == ")"), None)
        if close is None or close == token.i + 1:
            continue
        acronym = doc[token.i + 1 : close]
        # "(IS-KP)" is several tokens but one word.
        if any(t.whitespace_ for t in acronym[:-1]) or not ACRONYM.match(acronym.text):
            continue
        sentence_start = token.sent.start
        best: Span | None = None
        for start in range(max(sentence_start, token.i - 12), token.i):
            span = doc[start : token.i]
            words = span.text.split()
            first = words[0] if words else ""
            if not words or first.lower() in CONNECTORS - {"al"} or not (first[:1].isupper() or first.startswith("al-")):
                continue
            if matches_acronym(words, acronym.text):
                best = span
                break
        if best is None:
            continue
        overlapping = [c for c in candidates if c.start < best.end and best.start < c.end]
        label = "ORG"
        if overlapping and all(c.label == "PERSON" for c in overlapping):
            label = "PERSON"
        entity_type = LABEL_TO_TYPE[label]
        long_name = clean_name(best.text)
        added.append(_Candidate(best.start, best.end, label, entity_type, reason="acronym-long"))
        added.append(_Candidate(acronym.start, acronym.end, label, entity_type, acronym_of=long_name, reason="acronym"))
    if not added:
        return candidates
    kept = [c for c in candidates if not any(c.start < a.end and a.start < c.end for a in added)]
    return kept + added


def _name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha and token.lower_ not in PERSON_TITLES


def _extend_person_names(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """'Taj Mir Jawad': extend person names over the capitalized names before them,
    and find the other occurrences of a person's last name that NER missed."""
    covered = [False] * len(doc)
    for candidate in candidates:
        for index in range(candidate.start, candidate.end):
            covered[index] = True
    surnames = {doc[c.end - 1].text for c in candidates if c.label == "PERSON" and doc[c.end - 1].is_alpha}
    result = []
    for candidate in candidates:
        if candidate.label == "PERSON" and not candidate.weak:
            start = candidate.start
            while start > candidate.start - 3 and start > doc[candidate.start].sent.start:
                previous = doc[start - 1]
                if covered[previous.i] or not _name_token(previous):
                    break
                start -= 1
            for index in range(start, candidate.start):
                covered[index] = True
            # "Amir Khan Muttaqi": NER may stop early and call the rest a place.
            end = candidate.end
            person_tokens = {i for c in candidates if c.label == "PERSON" and c is not candidate for i in range(c.start, c.end)}
            while (
                end < candidate.end + 2
                and end < len(doc)
                and doc[end].sent.start == doc[candidate.start].sent.start
                and _name_token(doc[end])
                and end not in person_tokens
                and doc[end].lower_ not in ORGANIZATION_WORDS
                and not doc[end - 1].whitespace_ == ""
            ):
                end += 1
            candidate = replace(candidate, start=start, end=end)
        result.append(candidate)
    for index in scan.name_tokens:
        if covered[index] or scan.texts[index] not in surnames:
            continue
        token = doc[index]
        start = token.i
        while start > token.i - 3 and start > token.sent.start and not covered[start - 1] and _name_token(doc[start - 1]):
            start -= 1
        if start < token.i:
            result.append(_Candidate(start, token.i + 1, "PERSON", "Person", weak=scan.title_case, reason="surname"))
            for index in range(start, token.i + 1):
                covered[index] = True
    return result


# What may follow an apostrophe in a contraction, never the rest of a name ("Joe 's", "they 're").
CONTRACTION_ENDINGS = frozenset("s re ve ll em d m t til".split())
APOSTROPHES = frozenset({"'", "’"})


def _join_names_split_at_apostrophe(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"James O 'Brien", "Samih al-Sa 'id", "Ze 'ev Eytan": where the text has a space before a
    name's apostrophe, NER keeps only the part before it. A person's name ending in a short
    capitalized syllable ("O", "Sa", "Ze") before an apostrophe glued to two or more letters goes
    on over them, and over a name right after ("Eytan", which NER read as one of its own)."""
    result = sorted(candidates, key=lambda c: c.start)
    joined: list[_Candidate] = []
    index = 0
    while index < len(result):
        candidate = result[index]
        index += 1
        end = _end_of_name_after_apostrophe(doc, candidate) if candidate.label == "PERSON" else None
        if end is not None:
            if index < len(result) and result[index].start == end and doc[end].text[:1].isupper():
                end = result[index].end
                index += 1
            candidate = replace(candidate, end=end, entity_type="Person")
        joined.append(candidate)
    return joined


# What follows a person's full name to tell father from son ("William O 'Brien III", "Jr."): part of it.
GENERATIONAL_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _extend_over_generational_suffixes(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"William O 'Brien III", "Thomas Gardner III": a person's name of two or more words goes on
    over the generational suffix after it, which NER sometimes leaves out."""
    starts = {c.start for c in candidates}
    result = []
    for candidate in candidates:
        end = candidate.end
        if (
            candidate.entity_type == "Person"
            and candidate.end - candidate.start >= 2
            and end < len(doc)
            and doc[end].text in GENERATIONAL_SUFFIXES
            and end not in starts
        ):
            candidate = replace(candidate, end=end + 1)
        result.append(candidate)
    return result


def _end_of_name_after_apostrophe(doc: Doc, candidate: _Candidate) -> int | None:
    """Where a name split at its apostrophe ends, or None if it is not one."""
    apostrophe = candidate.end - 1 if doc[candidate.end - 1].text in APOSTROPHES else candidate.end
    if apostrophe - 1 < candidate.start or apostrophe >= len(doc) or doc[apostrophe].text not in APOSTROPHES:
        return None
    syllable = doc[apostrophe - 1].text.rsplit("-", 1)[-1]
    if not (syllable[:1].isupper() and syllable.isalpha() and len(syllable) <= 3) or doc[apostrophe].whitespace_:
        return None
    end = apostrophe + 1
    letters = ""
    while end < len(doc) and doc[end].is_alpha and doc[end - 1].whitespace_ == "":
        letters += doc[end].text
        end += 1
    if len(letters) < 2 or letters.lower() in CONTRACTION_ENDINGS:
        return None
    return end


def _add_appositive_people(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """'Taj Mir Jawad, a senior Taliban commander': capitalized names that NER missed but
    that an apposition describes with a role noun are people."""
    covered = {index for c in candidates for index in range(c.start, c.end)}
    added = []
    for index in scan.name_tokens:
        if index in covered or is_common_word(scan.texts[index]):
            continue
        token = doc[index]
        if not _followed_by_age(doc, token.i + 1) and not any(
            child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS for child in token.children
        ):
            continue
        start = token.i
        while start > token.sent.start and doc[start - 1].i not in covered and _name_token(doc[start - 1]) and doc[start - 1].dep_ == "compound":
            start -= 1
        if start < token.i or _followed_by_age(doc, token.i + 1):  # a full name, or a surname with an age
            added.append(_Candidate(start, token.i + 1, "PERSON", "Person", reason="appositive"))
            covered.update(range(start, token.i + 1))
    for sentence in doc.sents:
        token = sentence[0]
        if token.i not in covered and token.i not in scan.name_tokens and _surname_opening_a_description(doc, token):
            added.append(_Candidate(token.i, token.i + 1, "PERSON", "Person", reason="appositive"))
            covered.add(token.i)
    return candidates + added


def _surname_opening_a_description(doc: Doc, token: Token) -> bool:
    """"Tal , a senior Defense Ministry official , ...", "Winter , 53 , a former law professor ...": a
    lone capitalized word the tagger took for a common noun or an interjection opens the sentence,
    described as a person in apposition: by an age and a person noun, or by "a" and a role."""
    if not (token.is_alpha and token.text[:1].isupper() and not token.is_upper) or token.lower_ in PERSON_TITLES:
        return False
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != "," or gazetteer.is_place_name(token.text):
        return False
    appositions = [child.lemma_.lower() for child in token.children if child.dep_ == "appos"]
    if not any(noun in PERSON_NOUNS for noun in appositions):
        return False
    if _followed_by_age(doc, token.i + 1):
        return True
    # Without an age: a role ("official", "leader"), and a word rarer than the common nouns a
    # sentence may open with ("Police , a ...").
    return any(noun in ROLE_NOUNS for noun in appositions) and zipf_of(token.text) < TOWN_NAME_MAX_ZIPF and doc[token.i + 2].lower_ in {"a", "an"}


# Verbs whose subject and object are people when a bare name fills them ("Ruby fatally shot Oswald").
PERSON_VERBS = frozenset("shoot kill murder assassinate stab slay strangle wound".split())
# Nouns whose "of" names the person it befell ("the slaying of King").
PERSON_EVENT_NOUNS = frozenset("slaying murder assassination killing shooting".split())


def _add_people_by_what_befell_them(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """A bare capitalized name NER missed that shoots or is shot, kills or is killed, was born
    somewhere, or whose slaying or murder the sentence tells, is a person ("Ruby fatally shot
    Oswald", "Aldrin was born in Montclair", "the slaying of King"). Names of organizations
    ("Hamas killed ...") are NER's and stay so: only names no candidate covers are read.

    The one who is shot or killed is read more freely than the one who shoots, since places and
    organizations kill in news ("Israel killed ...") but are not killed: a small town's name
    ("he shot Mendes"), a title word with no name after it ("King was shot"), the one a passive
    names ("killed by Oswald") and a lone word NER called a place or organization ("the murder
    of King") count there, a country, province or large city never."""
    covered = {index for c in candidates for index in range(c.start, c.end)}
    single_word_guesses = {c.start: c for c in candidates if c.end == c.start + 1 and c.reason == "ner" and c.label != "PERSON"}
    added = []
    replaced: set[int] = set()
    for index in _bare_word_candidates(doc, scan):
        token = doc[index]
        guess = single_word_guesses.get(index)
        if (index in covered and guess is None) or token.dep_ not in {"nsubj", "dobj", "nsubjpass", "pobj"}:
            continue  # no role any test below reads (a compound: the name goes on, its last word decides)
        if token.lower_ in ORGANIZATION_WORDS or token.lower_ in GROUP_NAMES:
            continue
        head = token.head
        verbs = [head] + [conjunct for conjunct in head.conjuncts if token.dep_ in {"nsubj", "nsubjpass"}]
        verbs = [verb for verb in verbs if not _across_a_colon(doc, token.i, verb.i)]
        kills = any(verb.pos_ == "VERB" and verb.lemma_.lower() in PERSON_VERBS for verb in verbs)
        victim = (token.dep_ in {"dobj", "nsubjpass"} and kills) or (
            token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PERSON_EVENT_NOUNS
        )
        killer = (token.dep_ == "nsubj" and (kills or any(_kills_by_a_gerund(verb) for verb in verbs if verb.pos_ == "VERB"))) or (
            token.dep_ == "pobj" and head.dep_ == "agent" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in PERSON_VERBS
        )
        born = token.dep_ == "nsubjpass" and head.lemma_.lower() == "bear" and head.lower_ == "born" and head in verbs
        if victim:
            if not _could_be_a_victim(token):
                continue
        elif guess is not None or not (killer or born) or not _name_token(token) or gazetteer.is_place_name(token.text):
            continue
        start = token.i
        while start > token.sent.start and start - 1 not in covered and _name_token(doc[start - 1]) and doc[start - 1].dep_ == "compound":
            start -= 1
        if guess is not None:
            replaced.add(index)
        added.append(_Candidate(start, token.i + 1, "PERSON", "Person", reason="person-verb"))
        covered.update(range(start, token.i + 1))
    kept = [c for c in candidates if not (c.start in replaced and c is single_word_guesses.get(c.start))]
    return kept + added


def _kills_by_a_gerund(verb: Token) -> bool:
    """The subject of ``verb`` shoots or kills in a gerund that has no subject of its own: "Booth used
    a network for his escape after shooting Lincoln", "Booth thought he could save the South by
    killing Lincoln" (through a clause whose subject is a pronoun, never another name)."""
    frontier = [verb]
    for _ in range(3):
        following = []
        for word in frontier:
            for child in word.children:
                if child.dep_ == "prep":
                    following.append(child)
                elif child.dep_ in {"pcomp", "advcl"} and child.pos_ == "VERB" and child.tag_ == "VBG":
                    if not any(grandchild.dep_ in {"nsubj", "nsubjpass"} for grandchild in child.children):
                        if child.lemma_.lower() in PERSON_VERBS:
                            return True
                        following.append(child)
                elif child.dep_ in {"ccomp", "xcomp"} and child.pos_ == "VERB":
                    subjects = [grandchild for grandchild in child.children if grandchild.dep_ == "nsubj"]
                    if all(subject.pos_ == "PRON" for subject in subjects):
                        following.append(child)
        frontier = following
    return False


def _bare_word_candidates(doc: Doc, scan: _Scan) -> list[int]:
    """Name tokens, and title words that stand alone ("King was shot", not "King Hussein" or "the
    last King of Peru")."""
    words = set(scan.name_tokens)
    # The cached texts rule out almost every token before a Token is built (the costly part).
    for index, text in enumerate(scan.texts):
        if text.lower() not in PERSON_TITLES:
            continue
        token = doc[index]
        if (
            token.pos_ == "PROPN"
            and token.is_alpha
            and token.text[:1].isupper()
            and not token.is_upper
            and token.lower_ in PERSON_TITLES
            and not (token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper())
            and not any(True for _ in token.children)
        ):
            words.add(token.i)
    return sorted(words)


def _could_be_a_victim(token: Token) -> bool:
    """A capitalized word that may name someone killed: no country, province or large city
    ("the shelling killed Kabul" is no news), no all-capital acronym."""
    if token.is_upper or not token.text[:1].isupper() or not token.is_alpha:
        return False
    places = gazetteer.lookup(token.text)
    return not any(
        place.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1}
        or (place.population or 0) >= PERSON_TOWN_MIN_POPULATION
        for place in places
    ) and not gazetteer.is_continent(token.text)


def _add_people_sharing_a_surname(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """"Leroy Ivy of Oxford and his brother John Henry Ivy": a first name and a surname NER missed,
    whose surname ends a person's full name NER found in the document, name a relative."""
    surnames = {
        doc[c.end - 1].text
        for c in candidates
        if c.entity_type == "Person" and c.label == "PERSON" and c.end - c.start >= 2 and _name_token(doc[c.end - 1])
    }
    if not surnames:
        return candidates
    covered = {index for c in candidates for index in range(c.start, c.end)}
    added = []
    for index in scan.name_tokens:
        token = doc[index]
        if index in covered or index == 0 or token.text not in surnames or index - 1 in covered:
            continue
        first = doc[index - 1]
        if not _name_token(first) or first.lower_ in ORGANIZATION_WORDS or gazetteer.is_place_name(first.text):
            continue
        if index + 1 < len(doc) and _name_token(doc[index + 1]):
            continue  # the name goes on: not this surname's end
        if index >= 2 and _name_token(doc[index - 2]) and index - 2 not in covered:
            continue  # three capitalized words: too unsure where the name starts
        added.append(_Candidate(index - 1, index + 1, "PERSON", "Person", reason="shared-surname"))
        covered.update((index - 1, index))
    return candidates + added


# Lowercase nouns whose "of" names a place of that kind ("the department of Solola", "the town of Heuchelheim").
PLACE_OF_KINDS = frozenset(
    "city town village hamlet province district county department region state municipality prefecture commune island port".split()
)


def _named_by_its_kind(doc: Doc, span: Span) -> bool:
    """"the city of Ramona", "the northwestern department of Solola", "the Afar district of Arhiba": a
    capitalized name after a lowercase kind of place and "of" is that place. A capitalized kind is
    part of an organization's or area's name instead ("the Department of Defense", "District of
    Columbia"), and a name ending in an organization word was settled before this is asked."""
    if span.start < 2 or doc[span.start - 1].lower_ != "of" or not span.text[:1].isupper():
        return False
    kind = doc[span.start - 2]
    return kind.text in PLACE_OF_KINDS and kind.dep_ != "compound"


def _add_places_named_by_their_kind(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """A bare capitalized name NER missed after a lowercase kind of place and "of" ("the department
    of Solola"): a place, ending at the word the preposition governs."""
    covered = {index for c in candidates for index in range(c.start, c.end)}
    added = []
    for index in scan.name_tokens:
        token = doc[index]
        if index in covered or token.dep_ != "pobj" or token.head.lower_ != "of":
            continue
        start = index
        while start > token.sent.start and start - 1 not in covered and _name_token(doc[start - 1]) and doc[start - 1].dep_ == "compound":
            start -= 1
        if token.lower_ in ORGANIZATION_WORDS or not _named_by_its_kind(doc, doc[start : index + 1]):
            continue
        added.append(_Candidate(start, index + 1, "GPE", "Place", reason="place-of-kind", fixed_type=True))
        covered.update(range(start, index + 1))
    return candidates + added


def _across_a_colon(doc: Doc, first: int, second: int) -> bool:
    """Whether a colon or dash stands between two words: the parser links a heading to its text
    ("Today 's Highlight in History : ... Caesar was assassinated")."""
    low, high = min(first, second), max(first, second)
    return any(doc[index].text in DATELINE_MARKS or doc[index].text == ";" for index in range(low + 1, high))


def _rescan_known_names(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """NER is not consistent within a document: a name it found once is found everywhere
    it is written, possessive included ("al-Qaeda" ... "linked to al-Qaeda.", "al-Qaedas")."""
    texts = scan.texts
    covered = [False] * len(doc)
    for candidate in candidates:
        for index in range(candidate.start, candidate.end):
            covered[index] = True
    # Known names as token sequences, by their first token; longest first.
    by_first: dict[str, list[tuple[tuple[str, ...], _Candidate]]] = {}
    for candidate in candidates:
        words = tuple(texts[candidate.start : candidate.end])
        text = "".join(words)
        if not candidate.weak and len(text) > 2 and any(char.isupper() for char in text):
            by_first.setdefault(words[0], []).append((words, candidate))
    for known in by_first.values():
        known.sort(key=lambda item: -len(item[0]))
    added = []
    for index, text in enumerate(texts):
        if covered[index] or text not in by_first:
            continue
        for words, source in by_first[text]:
            end = index + len(words)
            if end > len(texts) or any(covered[index:end]):
                continue
            last = texts[end - 1]
            if tuple(texts[index : end - 1]) != words[:-1] or last not in (words[-1], words[-1] + "s"):
                continue
            if end < len(texts) and texts[end] in {"'s", "’s"}:
                end += 1
            # A name is whole words: "Kabul" is not found inside "Kabul-based" or "al-Kabul".
            if (index > 0 and texts[index - 1] == "-" and not doc[index - 1].whitespace_) or (
                end < len(texts) and texts[end] == "-" and not doc[end - 1].whitespace_
            ):
                continue
            added.append(replace(source, start=index, end=end, weak=False))
            for position in range(index, end):
                covered[position] = True
            break
    return candidates + added


# Words that start a broadcaster's name after the city it broadcasts from ("Havana Radio Rebelde").
BROADCASTER_WORDS = frozenset("radio television tv".split())


def _source_word(token: Token) -> bool:
    """An all-caps word ("XINHUA", "ITAR") or a broadcaster word that is not itself a place."""
    text = token.text
    if token.lower_ in BROADCASTER_WORDS and text[:1].isupper():
        return True
    return text.isupper() and text.isalpha() and len(text) >= 3 and not gazetteer.is_place_name(text)


def _split_place_before_source(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """"Moscow ITAR-TASS", "Paris Radio France International", "Madrid EFE": the city a
    news source reports from, then the source. Written in another case, or starting with a
    broadcaster word, the source is a second name, and the city before it a place."""
    texts = scan.texts
    result: list[_Candidate] = []
    covered = [False] * len(doc)
    for candidate in candidates:
        for index in range(candidate.start, candidate.end):
            covered[index] = True
    for candidate in candidates:
        split = None
        first = candidate.start
        while first < candidate.end - 1 and _code_like(doc[first]):
            first += 1
        for size in (2, 1):
            cut = first + size
            if cut >= candidate.end:
                continue
            prefix = doc[first:cut].text
            if not prefix.isupper() and prefix[:1].isupper() and gazetteer.is_place_name(prefix) and _source_word(doc[cut]):
                split = cut
                break
        if split is None:
            result.append(candidate)
            continue
        result.append(_Candidate(first, split, "GPE", "Place", fixed_type=True))
        result.append(_Candidate(split, candidate.end, "ORG", "Organization", reason="source"))
    # Neither named by NER: a known place, then an all-caps name ("Sofia BTA", "Paris AFP").
    for index in range(len(texts) - 1):
        token = doc[index]
        if covered[index] or covered[index + 1] or not token.is_alpha or token.is_upper or not token.text[:1].isupper():
            continue
        following = doc[index + 1]
        if not (following.text.isupper() and following.is_alpha and len(following) >= 3) or not _source_word(following):
            continue
        if not gazetteer.is_place_name(token.text):
            continue
        end = index + 2
        while end < len(texts) and end < index + 5 and not covered[end] and (texts[end].isupper() and doc[end].is_alpha or texts[end] == "-" and not doc[end - 1].whitespace_):
            end += 1
        if texts[end - 1] == "-":
            end -= 1
        result.append(_Candidate(index, index + 1, "GPE", "Place", fixed_type=True))
        result.append(_Candidate(index + 1, end, "ORG", "Organization", reason="source"))
        for position in range(index, end):
            covered[position] = True
    return sorted(result, key=lambda c: c.start)


# Months and days, as written in full or cut short in dates ("5 Mar 94", "Sept. 5").
CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Lowercase words inside a source's or a city's name ("Rio de Janeiro", "O ESTADO DE SAO PAULO" in any case).
SOURCE_LINE_PARTICLES = frozenset("de da do del di du la le el".split())
# Words that make a name a broadcaster or agency when its line has no other sign of one.
SOURCE_NAME_WORDS = BROADCASTER_WORDS | frozenset("network service agency".split())


def _source_line_word(token: Token) -> bool:
    """A word a source line is made of: capitalized, a hyphen inside a name ("UT-1", "Kanal-6"),
    or a particle of a place's name; never a catalogue number."""
    text = token.text
    if _code_like(token) or not token.text.strip():
        return False
    if text == "-":
        return not token.whitespace_
    if text.isdigit() and token.i > 0 and _joined_to_hyphen(token):
        return True  # the "6" of "Kanal-6"
    return (text[:1].isupper() and not token.is_punct) or text.lower() in SOURCE_LINE_PARTICLES


def _joined_to_hyphen(token: Token) -> bool:
    """Whether the token is written joined to a hyphen before it ("Kanal-6")."""
    previous = token.doc[token.i - 1]
    return previous.text == "-" and not previous.whitespace_


def _language_after(doc: Doc, index: int) -> bool:
    """"in Russian 23 Mar 94", "in English 0548 GMT", "in Serbo-Croatian": a capitalized word that is no
    place, right after "in", then a date, a time or the end of the line: the language of the original."""
    if index + 1 >= len(doc) or doc[index].lower_ != "in":
        return False
    language = doc[index + 1]
    if not (language.text[:1].isupper() and language.is_alpha and not language.is_upper) or gazetteer.is_place_name(language.text):
        return False
    if language.lower_.rstrip(".") in CALENDAR_WORDS:
        return False  # "in March 1990" is a date
    after = index + 2
    while after < len(doc) and doc[after].text == "-" and after + 1 < len(doc):
        after += 2  # "Serbo - Croatian" when the tokenizer split it
    if after + 1 < len(doc) and doc[after].lower_ in {"at", "on"}:
        after += 1  # "in Spanish at 0200 GMT on 9 March", "in Indonesian on page 5"
        if after + 1 < len(doc) and doc[after].lower_ in {"page", "p"}:
            after += 1
    return after >= len(doc) or doc[after].text[:1].isdigit() or doc[after].is_space


def _split_source_lines(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """Wire-service source lines: "LD0503072994 Moscow ITAR-TASS in English 0548 GMT 5 Mar 94",
    "Rio de Janeiro O GLOBO in Portuguese", or a line of its own ("Athens I KATHIMERINI",
    "Prague Radiozurnal Radio Network"). The city the source reports from comes first, then the
    paper, agency or broadcaster: two names, however NER grouped them (it reads "Beijing CHINA
    DAILY" as one organization and misses "Moscow IZVESTIYA"). A line of its own counts only if
    the source is written in capitals or named as a broadcaster ("Paris Hilton" is no source line)."""
    texts = scan.texts
    lines: list[tuple[int, int, bool]] = []  # (first word, end, anchored by "in <language>")
    for index, text in enumerate(texts):
        if text == "in" and index > 1 and _language_after(doc, index):
            lines.append((index, index, True))
    for sentence in doc.sents:
        end = sentence.end
        while end > sentence.start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in {"-", ")"}):
            end -= 1
        if end - sentence.start >= 2:
            lines.append((end, end, False))
    found: list[tuple[int, int, int]] = []  # (place start, source start, source end)
    for end, _, anchored in lines:
        if end > 0 and doc[end - 1].text == ")":
            # "Beijing CHINA DAILY ( SCIENCE MEDICINE ) in English": the section is no part of the name.
            opening = next((i for i in range(end - 2, max(end - 8, 0) - 1, -1) if doc[i].text == "("), None)
            if opening is None:
                continue
            end = opening
        start = end
        while start > 0 and end - start < 10 and _source_line_word(doc[start - 1]):
            start -= 1
        if end - start < 2:
            continue  # a place and a source take two words at least
        if not anchored:
            sentence_start = doc[end - 1].sent.start
            if any(not _code_like(t) and not t.is_space and not t.is_punct for t in doc[sentence_start:start]):
                continue  # not a line of its own
        split = _place_then_source(doc, start, end, anchored=anchored)
        if split is not None and not any(s < end and split[0] < e for s, _, e in found):
            found.append((split[0], split[1], end))
    if not found:
        return candidates
    result = []
    for candidate in candidates:
        line = next(((s, e) for s, _, e in found if candidate.start < e and s < candidate.end), None)
        if line is None:
            result.append(candidate)
        elif candidate.start < line[0]:
            # A headline NER ran into the line ("... Text of Article PM3001110194 London"): what is
            # left of it before the city is trimmed and judged like any name.
            result.append(replace(candidate, end=line[0]))
    for place_start, source_start, source_end in found:
        result.append(_Candidate(place_start, source_start, "GPE", "Place", fixed_type=True, reason="source-line"))
        result.append(_Candidate(source_start, source_end, "ORG", "Organization", fixed_type=True, reason="source-line"))
    return sorted(result, key=lambda c: c.start)


def _place_then_source(doc: Doc, start: int, end: int, *, anchored: bool) -> tuple[int, int] | None:
    """The first known place written in ordinary case in tokens ``start:end`` that a source name
    follows, as (place start, source start); the longest such place name wins ("Mexico City")."""
    for place_start in range(start, end - 1):
        for size in (4, 3, 2, 1):
            source_start = place_start + size
            if source_start >= end:
                continue
            place = doc[place_start:source_start]
            if not place.text[:1].isupper() or place.text.isupper() or not gazetteer.is_place_name(place.text):
                continue
            source = doc[source_start:end]
            if not source.text[:1].isupper():
                continue
            written_as_source = all(t.is_upper or not t.is_alpha for t in source) or any(t.lower_ in SOURCE_NAME_WORDS for t in source)
            if anchored or written_as_source:
                return place_start, source_start
            return None
    if anchored:
        # A city the gazetteer does not know ("Madras THE HINDU in English"): words in ordinary
        # case, then the source in capitals.
        source_start = start
        while source_start < end and not doc[source_start].is_upper:
            source_start += 1
        city = doc[start:source_start]
        if city and source_start < end and all(t.text[:1].isupper() and t.is_alpha for t in city) and all(t.is_upper or not t.is_alpha for t in doc[source_start:end]):
            return start, source_start
    return None


TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt bst cet am pm".split())
# Short all-caps words that are no organization's name: units, time zones, numerals, words of a header.
NOT_ACRONYMS = frozenset("gmt utc est edt pst pdt bst cet am pm ii iii iv vi vii viii ix xi xii ok tv ap".split())


def _add_capitalized_acronyms(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """"(INTERFAX)", "CNTP Secretary Luis Cobos", "MOSKOVSKIY KOMSOMOLETS has learned": in
    lowercase text, a run of rare all-caps words NER left out is an agency, paper or party.
    Sentences mostly in capitals (headlines) are left alone: there capitals say nothing."""
    texts = scan.texts
    covered = [False] * len(doc)
    for candidate in candidates:
        for index in range(candidate.start, candidate.end):
            covered[index] = True
    added: list[_Candidate] = []
    checked_sentences: dict[int, bool] = {}
    index = 0
    while index < len(texts):
        if covered[index] or not _rare_capitals(texts[index]):
            index += 1
            continue
        end = index + 1
        while end < len(texts) and end < index + 4 and not covered[end] and (
            _rare_capitals(texts[end]) or (texts[end] == "-" and not doc[end - 1].whitespace_ and end + 1 < len(texts) and _rare_capitals(texts[end + 1]))
        ):
            end += 1
        sentence = doc[index].sent
        if sentence.start not in checked_sentences:
            words = [token for token in sentence if token.is_alpha and len(token) > 1]
            lowercase = sum(1 for token in words if token.text.islower())
            checked_sentences[sentence.start] = lowercase >= 3 and lowercase * 2 >= len(words)
        if checked_sentences[sentence.start] or _credit_after_dateline(doc, index, end):
            following = next((c for c in candidates if c.start == end and c.label == "ORG"), None)
            if following is not None and all(texts[i].isupper() for i in range(following.start, following.end)):
                # "KOMSOMOLSKAYA PRAVDA" where NER found only the second word: one name.
                candidates = [c for c in candidates if c is not following]
                added.append(replace(following, start=index))
            else:
                added.append(_Candidate(index, end, "ORG", "Organization", reason="capitals"))
        index = end
    return sorted(candidates + added, key=lambda c: c.start) if added else candidates


def _credit_after_dateline(doc: Doc, start: int, end: int) -> bool:
    """"Seoul , May 3 ( YONHAP ) --": the agency a dateline credits, in parentheses before the dash
    that opens the story, whatever the case of the words around it."""
    return (
        start > 0
        and end + 1 < len(doc)
        and doc[start - 1].text == "("
        and doc[end].text == ")"
        and doc[end + 1].text in {"--", "-", "_", "—"}
    )


def _rare_capitals(text: str) -> bool:
    return (
        len(text) >= 3
        and text.isalpha()
        and text.isupper()
        and text.lower() not in NOT_ACRONYMS
        and not gazetteer.is_place_name(text)
        and zipf_of(text) < COMMON_WORD_ZIPF
    )


def _split_organization_from_person(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"the Russian Pacific Fleet Igor Khmelnov", "the Soviet Navy Nikolai Kuznetsov": NER ran an
    organization whose name ends in an organization word on into the two or three words of the
    person who serves it (a title between them was dropped). The organization has a word before
    its organization word, in the name or just before it ("Bank Julius Baer" is one name), and the
    person's words are rare names, not English words ("Texas School Book Depository" is one name)."""
    result = []
    for candidate in candidates:
        split = None
        if candidate.label in {"ORG", "PERSON", "NORP"} and not candidate.fixed_type and candidate.acronym_of is None:
            # "Soviet Navy Nikolai ...": the organization's first word may lie just outside the name.
            first_allowed = candidate.start if candidate.start > 0 and doc[candidate.start - 1].text[:1].isupper() and doc[candidate.start - 1].is_alpha else candidate.start + 1
            for index in range(candidate.end - 3, candidate.end - 5, -1):
                if index < first_allowed:
                    break
                word = doc[index]
                person = doc[index + 1 : candidate.end]
                if (
                    word.lower_ in ORGANIZATION_WORDS
                    and word.text[:1].isupper()
                    and all(_name_token(token) and token.lower_ not in ORGANIZATION_WORDS and not is_common_word(token.text) for token in person)
                    and not gazetteer.is_place_name(person.text)
                    and not gazetteer.is_place_name(person[0].text)
                ):
                    split = index + 1
                    break
        if split is None:
            result.append(candidate)
            continue
        result.append(replace(candidate, end=split, label="ORG", entity_type="Organization", reason="organization-word"))
        result.append(_Candidate(split, candidate.end, "PERSON", "Person", weak=candidate.weak, reason="after-organization"))
    return result


def _split_organizations_by_possessive(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"Bar-Ilan University 's Center for Strategic Studies": an organization and the unit it owns,
    each named by an organization word, are two names; so are a work and the body it was written
    for, which NER runs together ("the Arrow for the Jaffe Center for Strategic Studies"): a first
    word that is no organization word, then "for", leaves the organization after it."""
    result = []
    for candidate in candidates:
        if candidate.label != "ORG" or candidate.fixed_type or candidate.acronym_of is not None:
            result.append(candidate)
            continue
        start, end = candidate.start, candidate.end
        first = start
        while first < end and doc[first].lower_ in {"the", "a", "an"}:
            first += 1
        words = [token.lower_ for token in doc[first:end]]
        if len(words) > 3 and words[1] == "for" and words[0] not in ORGANIZATION_WORDS and words[0] not in ORGANIZATION_STARTS:
            rest = first + (3 if words[2] == "the" else 2)
            if any(word in ORGANIZATION_WORDS for word in words[rest - first :]):
                start = rest
        pieces = [(start, end)]
        for index in range(start + 1, end - 1):
            if doc[index].text in {"'s", "’s"} and doc[index - 1].lower_ in ORGANIZATION_WORDS and any(
                token.lower_ in ORGANIZATION_WORDS for token in doc[index + 1 : end]
            ) and doc[index + 1].text[:1].isupper():
                pieces = [(start, index), (index + 1, end)]
                break
        for piece_start, piece_end in pieces:
            result.append(replace(candidate, start=piece_start, end=piece_end))
    return result


# The words a company's legal name ends in ("Pittsburgh-Corning Corp.", "Avis Bourg Co.").
CORPORATE_SUFFIXES = frozenset("inc corp co ltd llc plc company corporation".split())


def _split_company_from_its_town(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"Pittsburgh-Corning Corp. of Pittsburgh": after a company's legal ending, "of" and a known
    place say where the company is, not what it is called: a company and a place. So does a comma
    and a country or province NER ran an organization on into ("First Air of Carp , Ontario")."""
    result = []
    for candidate in candidates:
        split = None
        if candidate.label == "ORG" and not candidate.fixed_type:
            comma = next((i for i in range(candidate.start + 1, candidate.end - 1) if doc[i].text == ","), None)
            if comma is not None and _names_a_country_or_area(doc[comma + 1 : candidate.end].text):
                # "Bradley First Air of Carp , Ontario": NER ran over the comma into the province.
                result.append(replace(candidate, end=comma))
                result.append(_Candidate(comma + 1, candidate.end, "GPE", "Place", fixed_type=True, reason="company-town"))
                continue
            for index in range(candidate.start + 2, candidate.end - 1):
                if doc[index].lower_ != "of":
                    continue
                ending = doc[index - 2] if doc[index - 1].text == "." else doc[index - 1]
                if ending.lower_.rstrip(".") in CORPORATE_SUFFIXES and gazetteer.is_place_name(doc[index + 1 : candidate.end].text):
                    split = index
                break
        if split is None:
            result.append(candidate)
            continue
        result.append(replace(candidate, end=split))
        result.append(_Candidate(split + 1, candidate.end, "GPE", "Place", reason="company-town"))
    return result


def _code_like(token: Token) -> bool:
    """A catalogue number ("LD2504174394"), never part of a name."""
    text = token.text
    # "Kanal-6" and "UT-1" are names: a catalogue number has more digits than that.
    return len(text) >= 6 and sum(char.isdigit() for char in text) >= 4 and any(char.isalpha() for char in text)


def _trim(doc: Doc, candidate: _Candidate, title_case: bool) -> _Candidate | None:
    """Drop leading determiners and titles, trailing possessives, and in Title Case text
    the common words a headline capitalized ("Trump Said" -> "Trump")."""
    start, end = candidate.start, candidate.end
    while end - start > 1 and _code_like(doc[start]):
        start += 1
    while end - start > 1 and _code_like(doc[end - 1]):
        end -= 1
    while start < end and (doc[start].pos_ in {"DET", "PUNCT"} or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    while start < end and doc[end - 1].text in {"'s", "’s", "'", "’", "-", ".", ","} and doc[end - 1].text != ".":
        end -= 1
    if candidate.label == "PERSON":
        while start < end - 1 and doc[start].lower_ in PERSON_TITLES:
            start += 1
        if end - start > 2 and doc[start].lower_ in PORTFOLIO_WORDS and doc[start + 1].text[:1].isupper():
            start += 1
        if end - start > 1 and _gerund_opening_a_sentence(doc[start]):
            # "Evaluating Juppe 's visit, ...": NER took the capitalized verb for a first name.
            start += 1
        # "Brian Mulroney 's Progressive Conservative": NER ran a person on over their possessive
        # into what they own; the person ends before it.
        for index in range(start + 1, end - 1):
            if doc[index].text in {"'s", "’s"}:
                end = index
                break
    if candidate.label == "ORG":
        # "Operation Slipper and Australias involvement": NER ran an organization on over
        # "and" into a place's (lost-apostrophe) possessive; the organization ends before it.
        for index in range(start + 1, end - 1):
            if doc[index].lower_ == "and":
                tail = doc[index + 1 : end].text
                if gazetteer.is_place_name(tail) or (tail.endswith("s") and gazetteer.is_place_name(tail[:-1])):
                    end = index
                break
    if title_case and candidate.acronym_of is None and not gazetteer.is_place_name(doc[start:end].text):
        while end - start > 1 and _capitalized_common_word(doc[end - 1]):
            end -= 1
        while end - start > 1 and _capitalized_common_word(doc[start]):
            start += 1
    if end - start > 1 and _title_before_a_name(doc, end - 1):
        # "Coast Guard Lt. Steve Hardy", "FAA Administrator Allan McArtor": NER ran a name (often an
        # organization, sometimes called a person) on over the title of the person named next.
        end -= 1
    if candidate.label != "PERSON":
        for index in range(start + 1, end):
            token = doc[index]
            if token.text == "(" and not any(doc[later].text == ")" for later in range(index + 1, end)):
                # "Andean Group (", "Union of Democratic Forces ( SDS": NER ran into a parenthesis it never closed.
                end = index
                break
            if token.pos_ in {"VERB", "AUX"} and token.text.islower():
                # "Skadden, Arps said Popeyes": a name does not run over its verb.
                end = index
                break
        while end > start + 1 and doc[end - 1].text in {",", "-", "&", "and", "of", "the"}:
            end -= 1
    if start >= end:
        return None
    return replace(candidate, start=start, end=end)


def _gerund_opening_a_sentence(token: Token) -> bool:
    """A capitalized "-ing" verb that opens its sentence and is a common word ("Evaluating")."""
    return (
        token.i == token.sent.start
        and token.tag_ == "VBG"
        and token.lower_.endswith("ing")
        and zipf_of(token.lower_) >= COMMON_WORD_ZIPF
    )


def _title_before_a_name(doc: Doc, index: int) -> bool:
    """A capitalized title ("Lt.", "Administrator") with a person's name right after it."""
    token = doc[index]
    if token.lower_.rstrip(".") not in PERSON_TITLES or not token.text[:1].isupper():
        return False
    following = index + 1
    if following < len(doc) and doc[following].text == ".":
        following += 1
    return following < len(doc) and (doc[following].ent_type_ == "PERSON" or _name_token(doc[following]))


def _type_towns_and_states(doc: Doc, candidates: list[_Candidate], scan: _Scan) -> list[_Candidate]:
    """"Tupelo, Miss.", "MEMPHIS, Tenn.", "Gary, Ind.", "Austin, Texas": a town and its state.

    A state abbreviation after a capitalized name and a comma is a place, however NER
    labelled it ("Miss" is no title there, "Tenn" no person), and so is the town before
    it, which NER often calls an organization or a person (all-caps datelines) or misses.
    After a full state or country name the town is retyped only when the gazetteer puts a
    town of that name in that state or country, or it is an all-caps dateline: "Kabul,
    Helmand, and Herat" is a list, not a town in its province.
    """
    texts = scan.texts
    size = len(texts)
    result = list(candidates)

    def covering(index: int) -> _Candidate | None:
        return next((c for c in result if c.start <= index < c.end), None)

    for comma in range(1, size - 1):
        if texts[comma] != ",":
            continue
        town_last, state_token = doc[comma - 1], doc[comma + 1]
        if not (town_last.is_alpha and town_last.text[:1].isupper()) or town_last.sent.start != state_token.sent.start:
            continue
        following = texts[comma + 2] if comma + 2 < size else ""
        state: _Candidate | None = None
        town_must_be_known_in: str | None = None
        if gazetteer.us_state_for_abbreviation(state_token.text) and not (following[:1].isupper() and following.isalpha()):
            state = _Candidate(comma + 1, comma + 2, "GPE", "Place", fixed_type=True, normalized=gazetteer.us_state_for_abbreviation(state_token.text))
        else:
            named = covering(comma + 1)
            if named is None or named.start != comma + 1 or named.label not in {"GPE", "LOC"}:
                continue
            places = [p for p in gazetteer.lookup(doc[named.start : named.end].text) if p.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1}]
            if not places:
                continue
            town_must_be_known_in = places[0].country + ":" + (places[0].admin1 or "" if places[0].feature_class == gazetteer.FEATURE_ADMIN1 else "")
        town = covering(comma - 1)
        if town is not None and town.end > comma:
            # "Russell , Kan": NER ran one name over the comma; the town ends before it.
            result.remove(town)
            town = replace(town, end=comma)
            result.append(town)
        if state is not None:
            result = [c for c in result if not (c.start <= comma + 1 < c.end)] + [state]
        of = None
        if town is not None and town.label == "PERSON":
            of = next((i for i in range(town.start + 1, comma - 1) if doc[i].lower_ == "of"), None)
        if town is not None and of is not None:
            # "Peggy Say of Batavia, N.Y.": the name before "of" stays, the town is after it.
            result.remove(town)
            result.append(replace(town, end=of))
            town = None
        created = town is None
        if town is None:
            start = comma - 1
            while start > town_last.sent.start and comma - start < 4 and covering(start - 1) is None and _town_word(doc[start - 1]) and start - 1 != of:
                start -= 1
            if not _town_word(doc[start]):
                continue
            town = _Candidate(start, comma, "GPE", "Place")
        town_text = doc[town.start : town.end].text
        dateline = town_text.isupper() and town.start == town_last.sent.start
        if town_must_be_known_in is not None and not dateline and not _town_in(town_text, town_must_be_known_in):
            continue
        town_words = {token.lower_ for token in doc[town.start : town.end]}
        if town_words & (ORGANIZATION_WORDS | ORGANIZATION_STARTS) or town.acronym_of is not None:
            continue  # "University of Chicago, Ill." is an organization in its town
        if town.label == "ORG" and "of" in town_words:
            continue
        if not created:
            result.remove(town)
        result.append(replace(town, label="GPE", entity_type="Place", fixed_type=True))
    return sorted(result, key=lambda c: c.start)


# Prepositions before a birthplace or deathplace: "born in Tupelo, Miss.", "a native of Fort Worth, Texas".
_BIRTH_PREPOSITIONS = frozenset("in near of".split())
_COUNTY_WORDS = frozenset({"County", "Parish"})
_DISTRICT_OF_COLUMBIA = frozenset({"D.C.", "D.C", "DC", "D. C."})


def _join_qualified_places(doc: Doc, candidates: list[_Candidate]) -> list[_Candidate]:
    """"Washington, D.C." and a birthplace written with its state or country ("born in Tupelo,
    Miss.", "a native of Shanghai, China") are one place, named the way a biography names it.

    Elsewhere a town and its state stay two places with ``partOf`` between them. A birthplace
    is one locality, and its state is part of its name: "born in Springfield, Ill." names
    another town than "born in Springfield, Mass." (CoNLL04 train writes all 57 places right after
    "born in / near", "native of" or "died in" as one span, other "Town, State" pairs 27 of 189.)
    """
    result = list(candidates)
    by_start = {c.start: c for c in candidates}
    for town in candidates:
        if town.entity_type != "Place" or town.end + 1 >= len(doc) or doc[town.end].text != ",":
            continue
        state = by_start.get(town.end + 1)
        if state is None and doc[town.start : town.end].text == "Washington" and doc[town.end + 1].text in _DISTRICT_OF_COLUMBIA:
            # "the agency in Washington , D.C. It will …": NER left "D.C." out where a sentence follows.
            state = _Candidate(town.end + 1, town.end + 2, "GPE", "Place", fixed_type=True)
            result.append(state)
        if state is None or state.entity_type != "Place" or town not in result:
            continue
        state_text = doc[state.start : state.end].text
        district = doc[town.start : town.end].text == "Washington" and state_text in _DISTRICT_OF_COLUMBIA
        if not district and not (
            _is_birthplace(doc, town.start)
            and _qualifies(doc[town.start : town.end].text, state_text)
            # "Tupelo, Miss., and Memphis": an abbreviation closes its town; a full name may be a list's next item.
            and (gazetteer.us_state_for_abbreviation(state_text) or not _list_goes_on(doc, state.end, by_start))
        ):
            continue
        result.remove(town)
        result.remove(state)
        town_name = clean_name(doc[town.start : town.end].text)
        full_state = gazetteer.us_state_for_abbreviation(state_text) if not district else None
        normalized = f"{town_name}, {full_state or clean_name(state_text)}"
        result.append(
            replace(town, end=state.end, label="GPE", entity_type="Place", fixed_type=True, reason="qualified-place", normalized=normalized)
        )
    return sorted(result, key=lambda c: c.start)


def _is_birthplace(doc: Doc, start: int) -> bool:
    """The name at ``start`` is where someone was born or died: "born in", "born near", "a native of"."""
    if start == 0:
        return False
    preposition = doc[start - 1]
    if preposition.text == ",":
        return _after_a_birth_date(doc, start - 1)
    if preposition.lower_ not in _BIRTH_PREPOSITIONS:
        return False
    if preposition.lower_ == "of":
        return preposition.head.lower_ in {"native", "natives"} or (start >= 2 and doc[start - 2].lower_ in {"native", "natives"})
    if start >= 2 and doc[start - 2].lower_ in {"born", "died"}:
        return True
    # "born ... in a log cabin in Hodgenville, Ky.", "born on Feb. 5, 1907, in Portland, Ore.", "born
    # Charles Hardin Holley in Lubbock, Texas": up through nouns and prepositions, never past another verb.
    governor = preposition.head
    for _ in range(5):
        if governor.lower_ in {"born", "died"}:
            return True
        if governor.pos_ in {"VERB", "AUX"} or governor.head is governor:
            return False
        governor = governor.head
    return False


def _after_a_birth_date(doc: Doc, comma: int) -> bool:
    """A biography's "Born Oct. 14, 1890, Denison, Tex.": "born", a date, a comma, then the place."""
    index = comma - 1
    while index >= 0 and comma - index <= 6 and (doc[index].ent_type_ == "DATE" or doc[index].text == ","):
        index -= 1
    return 0 <= index < comma - 1 and doc[index].lower_ == "born"


def _qualifies(town: str, area: str) -> bool:
    """``area`` is the state or country of ``town``, not the next name of a list ("Kabul, Herat")."""
    if gazetteer.us_state_for_abbreviation(area):
        return True
    area_words = area.split()
    if len(area_words) >= 2 and area_words[-1] in _COUNTY_WORDS and not gazetteer.lookup(town):
        # "born in Willowdell, Darke County": a village too small for the gazetteer, named by its county.
        return True
    areas = [p for p in gazetteer.lookup(area) if p.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1}]
    if not areas:
        return False
    # "Kabul, Herat": a province or country is no town of another area ("Orange, Ohio" is).
    known_as_area = any(p.feature_class != gazetteer.FEATURE_CITY for p in gazetteer.lookup(town))
    return not known_as_area or bool(gazetteer.lookup_qualified(f"{town}, {area}"))


def _list_goes_on(doc: Doc, end: int, by_start: dict[int, _Candidate]) -> bool:
    """"born in Kabul, Herat and Kandahar": the names after the comma are a list's items."""
    following = doc[end].lower_ if end < len(doc) else ""
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return following in {"and", "or"} or (following == "," and (after in {"and", "or"} or end + 1 in by_start))


def _town_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in PERSON_TITLES and token.pos_ in {"PROPN", "NOUN", "NUM", "ADJ"}


def _town_in(name: str, area: str) -> bool:
    """True when the gazetteer has a town called ``name`` in ``area`` ("US:TX", or "FR:" for a country)."""
    country, _, admin1 = area.partition(":")
    return any(
        place.feature_class == gazetteer.FEATURE_CITY and place.country == country and (not admin1 or place.admin1 == admin1)
        for place in gazetteer.lookup(name)
    )


def _capitalized_common_word(token: Token) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and not text.isupper()
        and token.is_alpha
        and token.lower_ not in ORGANIZATION_WORDS
        and not gazetteer.is_place_name(text)
        and is_common_word(text)
    )


def _drop_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Where spans overlap, the longer one wins."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(candidate.start < k.end and k.start < candidate.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _decide_type(doc: Doc, candidate: _Candidate, candidates: list[_Candidate]) -> bool:
    """Set the mention's type from the evidence around it; False drops the candidate."""
    span = doc[candidate.start : candidate.end]
    words = [token.lower_ for token in span if any(char.isalpha() for char in token.text)]
    if not words:
        return False
    if candidate.fixed_type:
        return True
    if candidate.label == "NORP":
        key = name_key(span.text)
        if key in STATE_ADJECTIVES:
            # "Soviet historian Roy Medvedev", "Soviet Armenia": the adjective names the state itself.
            candidate.entity_type = "Place"
            candidate.reason = "state-adjective"
            candidate.fixed_type = True
            return True
        if _known_place_not_a_people(span.text):
            # "a deputy from Sevastopol", "a Memphis native": NER's nationality is a place the gazetteer knows.
            candidate.entity_type = "Place"
            candidate.reason = "known-place"
            return True
        org_keys = {name_key(doc[c.start : c.end].text) for c in candidates if c.label == "ORG"}
        singular = key[:-1] if key.endswith("s") else key
        if key not in GROUP_NAMES and key not in org_keys and singular not in org_keys:
            return False
        candidate.entity_type = "Organization"
        candidate.reason = "group"
        return True
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in PERSON_TITLES and doc[span.start - 1].text[:1].isupper():
        # "FM Muttaqi", "President Ghani": a title before a name makes it a person.
        candidate.entity_type = "Person"
        candidate.reason = "title"
        return True
    if candidate.label in {"GPE", "LOC"} and _names_a_country(span.text):
        # "the Soviet Union": a country's name is no organization for ending in "Union".
        candidate.entity_type = "Place"
        candidate.reason = "known-place"
        return True
    if words[-1] in ORGANIZATION_WORDS or (len(words) > 1 and words[0] in ORGANIZATION_STARTS):
        candidate.entity_type = "Organization"
        candidate.reason = "organization-word"
        return True
    if candidate.label != "NORP" and _speaks_or_works_for(doc, span):
        candidate.entity_type = "Organization"
        candidate.reason = "organization-role"
        candidate.fixed_type = True
        return True
    kind = _kind_noun_before(doc, span)
    if kind == "Organization" and candidate.label == "PERSON" and len(span) > 1 and _written_like_a_person(span):
        # "American automaker Henry Ford": a first name and a surname name the founder, not the firm.
        kind = None
    if kind is not None:
        candidate.entity_type = kind
        candidate.reason = "kind-noun"
        candidate.fixed_type = True
        return True
    if candidate.label != "PERSON" and span.root.dep_ == "poss" and span.root.head.lower_ in PLACE_POSSESSIONS:
        candidate.entity_type = "Place"
        candidate.reason = "place-possession"
        candidate.fixed_type = True
        return True
    if _ends_in_a_place_word(span, words, candidate.label):
        candidate.entity_type = "Place"
        candidate.reason = "place-word"
        return True
    if candidate.label != "PERSON" and candidate.acronym_of is None and _described_as_person(doc, span):
        # "Jacobs, 20,", "Lincoln, the 16th president", "Pereira's father": NER's
        # organization or place is a person the sentence describes as one.
        candidate.entity_type = "Person"
        candidate.reason = "described-as-person"
        return True
    if candidate.acronym_of is None and _personal_noun_of(doc, span):
        candidate.entity_type = "Person"
        candidate.reason = "personal-noun"
        return True
    if candidate.entity_type != "Place" and _known_place_in_place_context(doc, span, candidate.label):
        candidate.entity_type = "Place"
        candidate.reason = "known-place"
        return True
    if _named_by_its_kind(doc, span):
        candidate.entity_type = "Place"
        candidate.reason = "place-of-kind"
        candidate.fixed_type = True
        return True
    if candidate.label == "ORG" and _hometown_after_a_person(doc, span, candidates):
        candidate.entity_type = "Place"
        candidate.reason = "person-of-place"
        candidate.fixed_type = True
        return True
    if _in_place_context(doc, span, candidates):
        candidate.entity_type = "Place"
        candidate.reason = "place-list"
    if candidate.entity_type == "Place" and len(words) == 1 and _common_word_not_a_known_place(span.text):
        # "the War in Afghanistan", "what Kingdom said": a common word is a place only
        # if the gazetteer knows a country or province by that name, or a town but
        # the word is rare enough ("Reading" and "Nice" stay towns; "War" is no place).
        return False
    return True


# Lowercase nouns after a name that make the whole an organization ("the Minox company", "China 's
# Great Wall firm", "the Phnom Penh government"), for names of these types.
ORGANIZATION_NOUNS_AFTER = {
    "Person": frozenset("company firm institute factory".split()),
    "Place": frozenset("company firm institute factory government subcommittee committee delegation".split()),
}
# Of those, the nouns a known place before them only locates ("the Tokyo firm" is in Tokyo).
LOCATED_ORGANIZATION_NOUNS = frozenset("company firm institute factory".split())


def _with_kind_noun_after(doc: Doc, candidate: _Candidate) -> _Candidate:
    """A person's or place's name that modifies a lowercase organization noun right after it, at most
    two lowercase words away ("the Brera meteorological institute"), names that organization with
    the noun: the company is no person, the government no place. Organizations' names are left as
    they are ("the Taliban government" stays "Taliban"), so the graph keeps one node for them."""
    nouns = ORGANIZATION_NOUNS_AFTER.get(candidate.entity_type)
    if nouns is None or candidate.end >= len(doc):
        return candidate
    span = doc[candidate.start : candidate.end]
    if candidate.start > 0 and doc[candidate.start - 1].lower_ in {"a", "an"}:
        return candidate  # "a Hong Kong construction firm" describes a firm in Hong Kong
    if gazetteer.is_place_name(span.text):
        nouns = nouns - LOCATED_ORGANIZATION_NOUNS
    for noun_index in range(candidate.end, min(candidate.end + 3, len(doc))):
        token = doc[noun_index]
        if not token.is_alpha or not token.is_lower:
            return candidate
        if token.lower_ in nouns and token.pos_ == "NOUN":
            head = span.root
            # The name modifies the noun, directly or through the words between.
            while head.i < noun_index and head.head.i != head.i and head.head.i <= noun_index:
                head = head.head
            if head.i != noun_index:
                return candidate
            return replace(candidate, end=noun_index + 1, label="ORG", entity_type="Organization", reason="organization-noun", fixed_type=True)
        if token.pos_ not in {"ADJ", "NOUN"}:
            return candidate
    return candidate


# Lowercase nouns for a feature of the land or a site that a place's name before them names ("the
# Kebara cave", "the Ontario airport", "the Najd plateau"): the name and the noun are the place.
# "province", "state" and "area" are left out: "Lazio province" is Lazio.
PLACE_FEATURE_NOUNS = frozenset(
    "desert plateau cave caves airport station hill hills island islands valley valleys canyon peninsula".split()
)


# Capitalized words that end an area's name after a place's name NER stopped short of.
AREA_NAME_ENDINGS = frozenset("Province Prefecture Oblast Governorate County Parish District".split())


def _with_place_feature_after(doc: Doc, candidate: _Candidate) -> _Candidate:
    """A place's name that modifies a lowercase feature noun right after it names that feature with
    the noun ("the Kebara cave near Haifa" is a cave, not the town or person Kebara)."""
    if candidate.entity_type != "Place" or candidate.end >= len(doc):
        return candidate
    noun = doc[candidate.end]
    if noun.text in AREA_NAME_ENDINGS:
        # "Buenos Aires Province" is the province, not its capital: the capitalized word is the name's.
        return replace(candidate, end=candidate.end + 1, reason="place-word", fixed_type=True)
    if not noun.is_lower or noun.lower_ not in PLACE_FEATURE_NOUNS or noun.pos_ != "NOUN":
        return candidate
    if doc[candidate.end - 1].head.i != noun.i:
        return candidate
    return replace(candidate, end=candidate.end + 1, reason="place-feature", fixed_type=True)


def _ends_in_a_place_word(span: Span, words: list[str], label: str) -> bool:
    """A name of two or more words ending in a capitalized place noun ("Sierra Nevada" is not one;
    "Custer National Forest", "San Gabriel River Channel" are)."""
    if len(words) < 2 or words[-1] not in PLACE_NAME_WORDS or not span[-1].text[:1].isupper():
        return False
    return label != "PERSON" or words[-1] not in SURNAME_PLACE_WORDS


def _personal_noun_of(doc: Doc, span: Span) -> bool:
    """"the assassination of Lincoln", "Sohn 's home": only people are assassinated, buried or at home.
    A name written in capitals or naming a country or state is left alone ("the death of NATO")."""
    if any(token.is_upper and len(token) > 1 for token in span) or not span.text[:1].isupper():
        return False
    if _names_a_country_or_area(span.text):
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        owners = [root.head.head]
    elif span.end < len(doc) and doc[span.end].text in {"'s", "’s"}:
        # The parser may hang the possessive on a name between ("Koenig 's Ohio home"):
        # the first lowercase word after the names is the thing possessed.
        after = next((token for token in doc[span.end + 1 : span.end + 5] if not token.text[:1].isupper()), None)
        owners = [root.head] if root.dep_ == "poss" else []
        owners += [after] if after is not None and after.pos_ == "NOUN" else []
    else:
        return False
    return any(
        owner.i not in range(span.start, span.end) and owner.text.islower() and owner.lemma_.lower() in PERSONAL_NOUNS for owner in owners
    )


# Lowercase roles a name before them employs ("Pepco executive Sharon Dixon", "GE spokesman Richard
# Lopez"): that name is an organization. "president" is left to countries ("U.S. president").
ORGANIZATION_ROLE_NOUNS = frozenset("spokesman spokeswoman spokesperson executive executives employee employees president chairman".split())


def _speaks_or_works_for(doc: Doc, span: Span) -> bool:
    """The name right before a lowercase role noun it modifies, other than a country or a
    province's ("Healy president George Malina", "Boise National Forest spokeswoman Lynette Davis")."""
    if span.end >= len(doc):
        return False
    role = doc[span.end]
    if not role.is_lower or role.lower_ not in ORGANIZATION_ROLE_NOUNS or span.root.head.i != role.i:
        return False
    if span.root.dep_ not in {"compound", "nmod", "amod"}:
        return False
    return not _names_a_country_or_area(span.text)


def _kind_noun_before(doc: Doc, span: Span) -> EntityType | None:
    """"the copper company Codelco" names an organization, "the port city Chittagong" a place:
    the lowercase noun right before the name, modifying it, says which."""
    if span.start == 0:
        return None
    noun = doc[span.start - 1]
    if not noun.text.islower() or not (noun.head.i == span.root.i or span.root.head.i == noun.i):
        return None
    if noun.lower_ in ORGANIZATION_KIND_NOUNS:
        return "Organization"
    if noun.lower_ in PLACE_KIND_NOUNS:
        return "Place"
    return None


def _is_dateline(doc: Doc, span: Span) -> bool:
    """The sentence's first words, then a colon or dash: a dateline or heading names a place
    ("Montana : A fire burning ..."), never a speaker in news copy that reaches us."""
    return span.start == span.sent.start and span.end < len(doc) and doc[span.end].text in DATELINE_MARKS


def _described_as_person(doc: Doc, span: Span) -> bool:
    """The sentence gives a person's age, a person noun in apposition, or a relative."""
    if any(token.is_upper and len(token) > 1 for token in span) or _names_a_country_or_area(span.text):
        return False
    if _followed_by_age(doc, span.end):
        return True
    root = span.root
    if any(child.dep_ == "appos" and child.lemma_.lower() in PERSON_NOUNS for child in root.children):
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_NOUNS and root.head.i < span.start:
        return True
    if _person_noun_in_apposition_by_words(doc, span.end) and not (root.dep_ == "pobj" and root.head.lower_ == "of"):
        # After "of" the description is of the person before ("Arensberg of Tel Aviv University , a member").
        return True
    if root.dep_ != "poss" or (root.head.lemma_.lower() not in KIN_NOUNS and root.head.lower_ not in KIN_NOUNS) or span.end >= len(doc):
        return False
    # "Delgado 's wife"; a family's plural takes the apostrophe alone ("the Quayles ' children").
    return doc[span.end].text in {"'s", "’s"} or (doc[span.end].text in {"'", "’"} and span.text.endswith("s"))


# Words that end the description in an apposition ("director of ...", "officer who ...").
APPOSITION_ENDS = frozenset("of who at for in with and from".split())


def _person_noun_in_apposition_by_words(doc: Doc, index: int) -> bool:
    """", former first deputy general director of ...": a person noun ends the description after a
    comma, where the parser made no apposition of it. Up to six words; the description starts with
    an article or "former" and its last word is the lowercase person noun."""
    if index + 2 >= len(doc) or doc[index].text != "," or doc[index + 1].lower_ not in {"a", "an", "the", "former"}:
        return False
    last = None
    for token in doc[index + 1 : min(index + 8, len(doc))]:
        if token.is_punct or token.lower_ in APPOSITION_ENDS:
            break
        last = token
    return last is not None and last.text.islower() and last.pos_ == "NOUN" and last.lemma_.lower() in PERSON_NOUNS


def _followed_by_age(doc: Doc, index: int) -> bool:
    """", 34," after a name: news gives people's ages so."""
    after = doc[index : index + 3]
    return (
        len(after) >= 2
        and after[0].text == ","
        and after[1].text.isdigit()
        and 0 < int(after[1].text) < 120
        and (len(after) == 2 or after[2].text in {",", ".", ";"} or after[2].lower_ == "and")
    )


def _known_place_in_place_context(doc: Doc, span: Span, label: str) -> bool:
    """A country or first-level area the gazetteer knows, whatever NER said ("Crimea", "Slovakia");
    a town it knows where the syntax wants a place ("of Oxford", "a Fargo native")."""
    places = gazetteer.lookup(span.text)
    if not places or span.text.isupper() and len(span) == 1 and len(span.text) <= 4:
        return False
    root = span.root
    in_place_syntax = (
        (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS)
        or (root.dep_ in {"compound", "nmod", "amod"} and root.head.lower_ in PLACE_MODIFIED_NOUNS and root.head.i >= span.end)
        or _is_dateline(doc, span)
    )
    if any(place.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1} for place in places):
        # Many people share a name with a state or country ("Georgia", "Jordan"): NER's
        # person label gives way only where the syntax wants a place.
        return not gazetteer.is_generic_area_name(span.text) and (label != "PERSON" or in_place_syntax)
    # Towns are named after people ("Kennedy", "Mary", "Lincoln"): NER's person label stands, but for
    # a large city by a rare word after a preposition of place ("en route to Vladivostok").
    if label == "PERSON":
        return (
            in_place_syntax
            and root.dep_ == "pobj"
            and len(span) == 1
            and zipf_of(span.text) < PERSON_TOWN_MAX_ZIPF
            and any(place.population >= PERSON_TOWN_MIN_POPULATION for place in places)
        )
    return in_place_syntax


def _hometown_after_a_person(doc: Doc, span: Span, candidates: list[_Candidate]) -> bool:
    """"diver Brian Michaud of Millinocket": one capitalized word right after a person's name and
    "of" is where the person lives, even a town too small for the gazetteer and NER called an
    organization. An employer is written as an acronym ("Smith of NASA") or with an organization
    word ("Arensberg of Tel Aviv University"), and large companies by words more common than a
    small town's name ("Jobs of Apple"). (CoNLL04 train: 12 of 13 such words are places, the
    other an acronym.)"""
    if len(span) != 1 or span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    token = span[0]
    if not token.is_alpha or token.is_upper or not token.text[:1].isupper() or token.lower_ in ORGANIZATION_WORDS:
        return False
    if span.end < len(doc) and (doc[span.end].lower_ in {"'s", "’s"} or doc[span.end].pos_ in {"PROPN", "NOUN"}):
        return False  # "of Millinocket 's ...", "of Apple shares": not the name alone
    if not gazetteer.is_place_name(token.text) and zipf_of(token.text) >= PERSON_TOWN_MAX_ZIPF:
        return False  # a word as common as a large company's name ("Jobs of Apple", "Nadella of Microsoft")
    return any(c.entity_type == "Person" and c.end == span.start - 1 and c.end - c.start > 1 for c in candidates)


def _known_place_not_a_people(name: str) -> bool:
    """A name the gazetteer knows as a country or area, or as a town by a rare word; never a word for
    a people or a faith ("Afghans", "Jews"), which the gazetteer does not list."""
    places = gazetteer.lookup(name)
    if not places or name.isupper() or gazetteer.is_generic_area_name(name):
        return False
    if any(place.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1} for place in places):
        return True
    return zipf_of(name) < TOWN_NAME_MAX_ZIPF


def _common_word_not_a_known_place(name: str) -> bool:
    if zipf_of(name) < TOWN_NAME_MAX_ZIPF:
        return False
    return not gazetteer.lookup(name) and not gazetteer.is_continent(name)


def _in_place_context(doc: Doc, span: Span, candidates: list[_Candidate]) -> bool:
    root = span.root
    if root.head.lower_ in PLACE_HEADS and root.dep_ in {"compound", "nmod", "amod"} and root.head.i >= span.end:
        return True
    conjuncts = root.conjuncts
    if not conjuncts:
        return False  # everything below reads a list the name is in (a "conj" always has conjuncts)
    place_tokens = {
        index for c in candidates if c.label in {"GPE", "LOC"} and c.entity_type == "Place" for index in range(c.start, c.end)
    }
    conjoined_places = sum(1 for other in conjuncts if other.i in place_tokens)
    if root.head.lower_ in PLACE_HEADS and root.dep_ == "conj":
        return True
    if conjoined_places >= 2 or (conjoined_places == 1 and gazetteer.is_place_name(span.text)):
        return True
    # The head of a list can sit on a list of places too: "provinces" after "X, Y, and Z".
    return any(other.head.lower_ in PLACE_HEADS and other.dep_ in {"compound", "nmod"} for other in conjuncts)


def _run_on_length(span: Span) -> int:
    """A lost dash glues a place to the next word ("Afghanistanagain"): the place's length."""
    text = span.text
    if len(span) != 1 or not text.isalpha() or gazetteer.is_place_name(text):
        return len(text)
    for cut in range(len(text) - 3, 3, -1):
        head, tail = text[:cut], text[cut:]
        if tail.islower() and gazetteer.is_place_name(head) and is_common_word(tail):
            return cut
    return len(text)


def _is_junk(span: Span, candidate: _Candidate) -> bool:
    text = span.text
    if not any(char.isupper() for char in text) or not any(char.isalpha() for char in text):
        return True
    if len(text) > 120 or len(span) > 12:
        return True
    if span[-1].lower_ in WORK_WORDS and candidate.entity_type != "Place":
        return True
    if len(span) == 1 and span[0].pos_ in {"VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP"} and not candidate.fixed_type:
        return True
    if not candidate.fixed_type and all(_part_of_a_date_or_code(token) or token.is_digit or token.is_punct for token in span):
        # "GMT 2 Feb 94", "PY2604013394": the date, time and code of a wire-service line.
        return True
    if len(span) == 1 and span[0].text.rstrip(".") in {"B.C", "A.D"} and span.start > 0 and span.doc[span.start - 1].is_digit:
        # "44 B.C.": an era after a year, not British Columbia.
        return True
    if candidate.entity_type == "Organization" and len(span) > 2 and span[1].lower_ == "of":
        # "Future of India-Afghanistan ties": a common noun "of" something is a topic, not an
        # organization; "Bank of America" and "Times of India" start with organization words.
        head = span[0]
        if head.lower_ not in ORGANIZATION_WORDS and head.lower_ not in ORGANIZATION_STARTS and zipf_of(head.text) >= TOPIC_WORD_ZIPF:
            return True
    return False


def _part_of_a_date_or_code(token: Token) -> bool:
    """"PY2604013394" (a catalogue number), "GMT" (a time zone), "Mar" in "5 Mar 94": NER's names
    in the dates, times and codes of a wire-service line, never an actor."""
    if _code_like(token) or token.lower_ in TIME_ZONES:
        return True
    if token.lower_.rstrip(".") not in CALENDAR_WORDS:
        return False
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(neighbour.text[:1].isdigit() for neighbour in neighbours)


def resolve_within_document(mentions: list[Mention]) -> list[Mention]:
    """Give every mention the full name its document uses for the same thing."""
    if not mentions:
        return mentions
    acronyms = {name_key(m.text): m.normalized for m in mentions if m.resolved_by == "acronym"}
    # Acronyms also name their long form where they appear alone later in the text.
    mentions = [
        replace(m, normalized=acronyms[name_key(m.text)], resolved_by="acronym")
        if name_key(m.text) in acronyms and not m.resolved_by
        else m
        for m in mentions
    ]
    known_keys = {name_key(m.normalized) for m in mentions}

    def is_known(key: str) -> bool:
        return key in known_keys or gazetteer.is_place_name(key)

    def is_known_in_text(key: str) -> bool:
        return key in known_keys

    resolved: list[Mention] = []
    for mention in mentions:
        # "Paris" is no possessive of the town "Pari": a name the gazetteer knows as it is
        # written loses its "s" only when the text itself names the shorter form.
        is_place = gazetteer.is_place_name(mention.normalized)
        name = strip_lost_possessive(mention.normalized, is_known_in_text if is_place else is_known)
        if name != mention.normalized:
            mention = replace(mention, normalized=name, resolved_by="possessive")
        resolved.append(mention)
    resolved = _strip_national_prefix(resolved)
    return _expand_short_names(_qualify_towns(resolved))


def _qualify_towns(mentions: list[Mention]) -> list[Mention]:
    """"Tupelo" is "Tupelo, Mississippi" in a document that named it so once, even where NER
    took the bare word for a person ("left Tupelo for Memphis"). "Washington" is left alone:
    a document about the capital still names George Washington."""
    qualified: dict[str, set[str]] = {}
    for mention in mentions:
        town, comma, _ = mention.normalized.rpartition(", ")
        if mention.entity_type == "Place" and comma and town != "Washington":
            qualified.setdefault(name_key(town), set()).add(mention.normalized)
    if not qualified:
        return mentions
    result = []
    for mention in mentions:
        names = qualified.get(name_key(mention.normalized), set())
        if len(names) == 1:
            mention = replace(mention, normalized=next(iter(names)), entity_type="Place", resolved_by="qualified-town")
        result.append(mention)
    return result


def _strip_national_prefix(mentions: list[Mention]) -> list[Mention]:
    """"the Afghan Taliban" is the Taliban when the document names the Taliban."""
    org_keys = {name_key(m.normalized) for m in mentions if m.entity_type == "Organization"}
    result = []
    for mention in mentions:
        words = mention.normalized.split()
        if mention.entity_type == "Organization" and len(words) == 2:
            rest = name_key(words[1])
            if (rest in org_keys or rest in GROUP_NAMES) and rest != name_key(mention.normalized) and (
                gazetteer.is_place_name(words[0]) or words[0].endswith(("an", "ani", "i", "ese", "ish"))
            ):
                mention = replace(mention, normalized=clean_name(words[1]), resolved_by="national-prefix")
        result.append(mention)
    return result


def _expand_short_names(mentions: list[Mention]) -> list[Mention]:
    """"Jawad" is "Taj Mir Jawad" and "Haqqani" (the organization) is the "Haqqani Network"
    when exactly one longer name in the document fits; otherwise the short name stays."""
    # Full names indexed by the shorter names that may stand for them, so each mention
    # is one look-up rather than a comparison with every name in the document.
    people_by_surname: dict[tuple[str, ...], set[str]] = {}
    organizations_by_prefix: dict[tuple[str, ...], set[str]] = {}
    for mention in mentions:
        words = tuple(name_key(mention.normalized).split())
        if len(words) < 2:
            continue
        if mention.entity_type == "Person":
            for size in range(1, len(words)):
                people_by_surname.setdefault(words[-size:], set()).add(mention.normalized)
        elif mention.entity_type == "Organization":
            for size in range(len(words) - 1, 0, -1):
                if not all(word in ORGANIZATION_WORDS for word in words[size:]):
                    break
                organizations_by_prefix.setdefault(words[:size], set()).add(mention.normalized)
    result = []
    for mention in mentions:
        words = tuple(name_key(mention.normalized).split())
        person_matches = people_by_surname.get(words, set())
        organization_matches = organizations_by_prefix.get(words, set())
        if mention.entity_type == "Organization" and len(organization_matches) == 1:
            mention = replace(mention, normalized=next(iter(organization_matches)), resolved_by="short-name")
        elif mention.entity_type == "Person" and len(person_matches) == 1:
            mention = replace(mention, normalized=next(iter(person_matches)), resolved_by="short-name")
        elif (
            mention.entity_type != "Person"
            and len(person_matches) == 1
            and not organization_matches
            and (mention.label in {"ORG", "PERSON"} or not _names_a_country_or_area(mention.normalized))
        ):
            # NER called a surname an organization or a town ("Baryal", "Lennon's apartment"):
            # the full name decides, unless the name is a country's or a province's.
            mention = replace(mention, normalized=next(iter(person_matches)), entity_type="Person", resolved_by="short-name")
        result.append(mention)
    return result


def _names_a_country(name: str) -> bool:
    return any(place.feature_class == gazetteer.FEATURE_COUNTRY for place in gazetteer.lookup(name))


def _names_a_country_or_area(name: str) -> bool:
    return any(place.feature_class in {gazetteer.FEATURE_COUNTRY, gazetteer.FEATURE_ADMIN1} for place in gazetteer.lookup(name))
