"""Mentions from many documents to entities: one node per real-world actor.

Each document already gave every mention the full name it uses for it
(:mod:`extract.mentions`). Here mentions with the same name key across documents
become one entity, its type is decided by vote, and entities are merged when one
name is another's alias, acronym, surname or spelling variant. Precision beats
recall: two people who share a surname are never merged without evidence.

Every merge is recorded (:class:`Merge`) with its reason and score; an analyst can
pin decisions in a rules file (:class:`ResolutionRules`) and a rebuild honours them.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz

from extract import gazetteer
from extract.normalize import clean_name, name_key
from newskg.model import (
    ENTITY_TYPES,
    Corpus,
    DocumentExtraction,
    Entity,
    EntityType,
    Mention,
    Merge,
    Relation,
    entity_id,
    mention_key,
)

# Spelling variants ("al-Qaida" / "al-Qaeda") at or above this rapidfuzz ratio merge.
FUZZY_MIN_SCORE = 87.0
FUZZY_MIN_LENGTH = 7
# A gazetteer match counts as this many mentions voting "Place".
GAZETTEER_VOTE = 1.5
# A country, first-level area or city of this many people is a major place.
MAJOR_CITY_POPULATION = 500_000
MAJOR_PLACE_VOTE_PER_MENTION = 0.75


@dataclass
class ResolutionRules:
    """Decisions an analyst pinned: aliases, same/different pairs and types.

    YAML form::

        aliases:            # canonical name: other names of the same entity
          al-Qaeda: [AQ, al-Qaida]
        same:               # pairs that are one entity
          - [Akhundzada, Hibatullah Akhundzada]
        different:          # pairs that must never merge
          - [Sirajuddin Haqqani, Haqqani Network]
        types:              # names whose type is fixed
          Farah: Place

    CSV form: rows ``rule,name,other`` with rule ``alias`` (other is the canonical
    name), ``same``, ``different`` or ``type`` (other is the type).
    """

    aliases: dict[str, str] = field(default_factory=dict)  # name key -> canonical name
    same: list[tuple[str, str]] = field(default_factory=list)
    different: set[frozenset[str]] = field(default_factory=set)
    types: dict[str, EntityType] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> "ResolutionRules":
        path = Path(path)
        rules = cls()
        if path.suffix.lower() == ".csv":
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.reader(handle):
                    if len(row) < 3 or row[0].strip().startswith("#") or row[0].strip() == "rule":
                        continue
                    rules._add(row[0].strip().lower(), row[1].strip(), row[2].strip(), path)
            return rules
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with aliases, same, different or types")
        for canonical, names in (data.get("aliases") or {}).items():
            for name in names if isinstance(names, list) else [names]:
                rules._add("alias", str(name), str(canonical), path)
        for pair in data.get("same") or []:
            rules._add("same", str(pair[0]), str(pair[1]), path)
        for pair in data.get("different") or []:
            rules._add("different", str(pair[0]), str(pair[1]), path)
        for name, entity_type in (data.get("types") or {}).items():
            rules._add("type", str(name), str(entity_type), path)
        return rules

    def _add(self, rule: str, name: str, other: str, path: Path) -> None:
        if rule == "alias":
            self.aliases[name_key(name)] = other
            self.aliases.setdefault(name_key(other), other)
        elif rule == "same":
            self.same.append((name_key(name), name_key(other)))
        elif rule == "different":
            self.different.add(frozenset((name_key(name), name_key(other))))
        elif rule == "type":
            if other not in ENTITY_TYPES:
                raise ValueError(f"{path}: type of {name!r} must be one of {', '.join(ENTITY_TYPES)}, not {other!r}")
            self.types[name_key(name)] = other  # type: ignore[assignment]
        else:
            raise ValueError(f"{path}: unknown rule {rule!r} (use alias, same, different or type)")


@dataclass
class _Group:
    """Mentions that share a name key, before types and merges are decided."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    entity_type: EntityType = "Organization"
    parent: "_Group | None" = None
    merges: list[tuple[str, str, float]] = field(default_factory=list)  # (merged key, reason, score)

    def root(self) -> "_Group":
        group = self
        while group.parent is not None:
            group = group.parent
        return group

    @property
    def strong(self) -> bool:
        return any(not mention.weak for mention in self.mentions)


def resolve(extractions: Iterable[DocumentExtraction], rules: ResolutionRules | None = None) -> Corpus:
    """Entities, and relations between them, from the extractions of every document."""
    rules = rules or ResolutionRules()
    corpus = Corpus()
    relations: list[Relation] = []
    groups: dict[tuple[str, EntityType], _Group] = {}
    for extraction in sorted(extractions, key=lambda e: e.document.id):
        corpus.documents.append(extraction.document)
        for sentence in extraction.sentences:
            corpus.sentences[(sentence.doc_id, sentence.index)] = sentence
        relations.extend(extraction.relations)
        for key, entity_type, mentions in _document_groups(extraction.mentions, rules):
            group = groups.setdefault((key, entity_type), _Group(key, entity_type=entity_type))
            group.mentions.extend(mentions)
    all_groups = [groups[k] for k in sorted(groups)]
    strong_keys = {key for (key, _), group in groups.items() if group.strong}
    all_groups = [g for g in all_groups if g.strong or _corroborated(g, strong_keys)]
    all_groups = _settle_types(all_groups, rules)
    _merge_groups(all_groups, rules)

    members: dict[int, list[_Group]] = defaultdict(list)
    for group in all_groups:
        members[id(group.root())].append(group)
    key_to_entity: dict[str, str] = {}
    for root_id in sorted(members, key=lambda i: members[i][0].root().key):
        entity, merges = _make_entity(members[root_id], rules)
        corpus.entities.append(entity)
        corpus.merges.extend(merges)
        for mention in entity.mentions:
            key_to_entity[mention_key(mention)] = entity.id
    corpus.entities.sort(key=lambda e: e.id)
    corpus.merges.sort(key=lambda m: (m.entity, m.reason, m.merged))
    corpus.relations = remap_relations(relations, key_to_entity)
    return corpus


def _document_groups(mentions: Iterable[Mention], rules: ResolutionRules) -> list[tuple[str, EntityType, list[Mention]]]:
    """Within one document a name means one thing: its type is the vote of its mentions."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = name_key(mention.normalized or mention.text)
        key = name_key(rules.aliases[key]) if key in rules.aliases else key
        if key:
            by_key[key].append(mention)
    result = []
    for key, group in sorted(by_key.items()):
        entity_type = rules.types.get(key) or _vote_type(key, group)
        result.append((key, entity_type, [_typed(m, entity_type) for m in group]))
    return result


def _settle_types(groups: list[_Group], rules: ResolutionRules) -> list[_Group]:
    """One name typed differently in different documents ("Trump" as a person in one
    headline, an organization in another) is one entity of the type most mentions give,
    unless the gazetteer knows the name as a place: "Georgia" may be a person or a country."""
    by_key: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        by_key[group.key].append(group)
    settled: list[_Group] = []
    for key, same_name in by_key.items():
        if len(same_name) == 1 or key in rules.types or gazetteer.is_place_name(key):
            settled.extend(same_name)
            continue
        votes = Counter({group.entity_type: len(group.mentions) for group in same_name})
        winner = sorted(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))[0]
        merged = _Group(key, entity_type=winner)
        for group in same_name:
            merged.mentions.extend(_typed(m, winner) for m in group.mentions)
            if group.entity_type != winner:
                merged.merges.append((key, f"type-vote:{group.entity_type}", round(votes[winner] / sum(votes.values()), 3)))
        settled.append(merged)
    return sorted(settled, key=lambda g: (g.key, g.entity_type))


def _vote_type(key: str, mentions: list[Mention]) -> EntityType:
    votes: Counter[str] = Counter()
    for mention in mentions:
        votes[mention.entity_type] += 1.0
    # Short all-caps names are acronyms ("UN"), not the small towns the gazetteer also knows.
    written_as_acronym = all(m.text.replace(".", "").isupper() and len(m.text) <= 4 for m in mentions)
    if gazetteer.is_place_name(key) and (not written_as_acronym or any(m.entity_type == "Place" for m in mentions)):
        votes["Place"] += GAZETTEER_VOTE
        if _is_major_place(key):
            # NER often calls a capital a person ("protect Kyiv"); a country, province or
            # big city outweighs as many such votes as it has mentions, and then some.
            votes["Place"] += MAJOR_PLACE_VOTE_PER_MENTION * len(mentions)
    return sorted(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))[0]  # type: ignore[return-value]


def _is_major_place(key: str) -> bool:
    return any(place.kind != "city" or place.population >= MAJOR_CITY_POPULATION for place in gazetteer.lookup(key))


def _corroborated(group: _Group, strong_keys: set[str]) -> bool:
    """A name seen only in Title Case headlines counts if the gazetteer or other text knows it.

    ``strong_keys``: the names some group (of any type) has strong mentions of; ``group``
    itself is not strong, so its own key is there only through another group."""
    # The gazetteer knows small places called "War" or "Bombing": a capitalized common
    # word is a place only if text outside Title Case headlines names it too.
    if group.entity_type == "Place" and gazetteer.is_place_name(group.key) and not _is_common_word(group.key):
        return True
    return group.key in strong_keys


def _is_common_word(key: str) -> bool:
    from extract.mentions import is_common_word

    return len(key.split()) == 1 and is_common_word(key)


def _merge_groups(groups: list[_Group], rules: ResolutionRules) -> None:
    def union(keep: _Group, other: _Group, reason: str, score: float) -> None:
        first, second = keep.root(), other.root()
        if first is second:
            return
        if rules.different:
            first_keys = {g.key for g in groups if g.root() is first}
            second_keys = {g.key for g in groups if g.root() is second}
            if any(frozenset((a, b)) in rules.different for a in first_keys for b in second_keys):
                return
        second.parent = first
        first.merges.append((second.key, reason, score))

    by_key: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        by_key[group.key].append(group)
    # Pinned "same" pairs first, so every later decision sees them.
    for first, second in rules.same:
        for a in by_key.get(first, []):
            for b in by_key.get(second, []):
                union(a, b, "rule:same", 1.0)
    # Surface forms and aliases: "AQIS" written alone elsewhere names the entity that
    # introduced it as "al-Qaeda in the Indian Subcontinent (AQIS)".
    alias_owner: dict[tuple[str, EntityType], _Group] = {}
    for group in groups:
        for mention in group.mentions:
            surface = name_key(mention.text)
            if surface != group.key and mention.resolved_by in {"acronym", "national-prefix"}:
                alias_owner.setdefault((surface, group.entity_type), group)
    for group in groups:
        owner = alias_owner.get((group.key, group.entity_type))
        if owner is not None and owner is not group:
            union(owner, group, "alias", 1.0)
    by_type: dict[EntityType, list[_Group]] = defaultdict(list)
    for group in groups:
        by_type[group.entity_type].append(group)
    # A lone word NER called a place, which no gazetteer knows, may be a surname ("Muttaqi").
    strays = [g for g in by_type.get("Place", []) if len(g.key.split()) == 1 and not gazetteer.is_place_name(g.key)]
    _merge_surnames(by_type.get("Person", []), union, strays)
    for entity_type in ("Organization", "Place"):
        _merge_spelling_variants(by_type.get(entity_type, []), union)  # type: ignore[arg-type]


def _merge_surnames(people: list[_Group], union, strays: list[_Group] = ()) -> None:  # type: ignore[assignment]
    """"Akhundzada" is "Hibatullah Akhundzada" when exactly one full name ends so."""
    full_names = [group for group in people if len(group.key.split()) > 1]
    by_surname: dict[str, dict[str, _Group]] = defaultdict(dict)
    for full in full_names:
        by_surname[full.key.split()[-1]][full.key] = full
    for group in [*people, *strays]:
        words = group.key.split()
        if len(words) != 1:
            continue
        matches = {full.root().key: full for full in by_surname.get(words[0], {}).values()}
        if len(matches) == 1:
            union(next(iter(matches.values())), group, "surname", 1.0 if group.entity_type == "Person" else 0.9)


def _merge_spelling_variants(groups: list[_Group], union) -> None:
    """"al-Qaida" and "al-Qaeda": same type, same number of words, nearly the same letters."""
    ordered = sorted(groups, key=lambda g: (-len(g.mentions), g.key))
    # Only names alike in word count, first letter and last word's first letter are
    # compared, so each is compared within its bucket, in the same order as before:
    # all pairs would be quadratic in the corpus's names.
    buckets: dict[tuple[int, str, str], list[_Group]] = defaultdict(list)
    for group in ordered:
        if len(group.key) >= FUZZY_MIN_LENGTH:
            words = group.key.split()
            buckets[(len(words), group.key[0], words[-1][:1])].append(group)
    position = {id(group): index for members in buckets.values() for index, group in enumerate(members)}
    for group in ordered:
        if len(group.key) < FUZZY_MIN_LENGTH:
            continue
        words = group.key.split()
        bucket = buckets[(len(words), group.key[0], words[-1][:1])]
        for other in bucket[position[id(group)] + 1 :]:
            score = fuzz.ratio(group.key, other.key)
            if score >= FUZZY_MIN_SCORE:
                union(group, other, "spelling-variant", round(score / 100, 3))


def _typed(mention: Mention, entity_type: EntityType) -> Mention:
    # Mentions are immutable: most already have the type, and copying each cost more than
    # the rest of resolution.
    return mention if mention.entity_type == entity_type else replace(mention, entity_type=entity_type)


def _make_entity(groups: list[_Group], rules: ResolutionRules) -> tuple[Entity, list[Merge]]:
    root = groups[0].root()
    mentions = sorted((m for g in groups for m in g.mentions), key=lambda m: (m.doc_id, m.start))
    entity_type: EntityType = rules.types.get(root.key) or root.entity_type
    label = _canonical_label(mentions, entity_type, rules)
    identifier = entity_id(entity_type, label)
    aliases = sorted({" ".join(m.text.split()) for m in mentions} | {m.normalized for m in mentions} - {label})
    mentions = [_typed(m, entity_type) for m in mentions]
    entity = Entity(identifier, entity_type, label, tuple(a for a in aliases if a and a != label), tuple(mentions))
    merges = []
    docs_by_key: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        docs_by_key[group.key].update(m.doc_id for m in group.mentions)
    for group in groups:
        for merged_key, reason, score in group.merges:
            merges.append(Merge(identifier, label, merged_key, reason, score, tuple(sorted(docs_by_key[merged_key]))))
    for mention in mentions:
        if mention.resolved_by and name_key(mention.text) != name_key(mention.normalized):
            merges.append(Merge(identifier, label, mention.text, mention.resolved_by, 1.0, (mention.doc_id,)))
    unique = {(m.merged, m.reason): m for m in merges}
    return entity, sorted(unique.values(), key=lambda m: (m.reason, m.merged))


def _canonical_label(mentions: list[Mention], entity_type: EntityType, rules: ResolutionRules) -> str:
    """The most used full name; for people, the longest name ("Ayman al-Zawahiri")."""
    for mention in mentions:
        key = name_key(mention.normalized)
        if key in rules.aliases:
            return rules.aliases[key]
    counts = Counter(clean_name(m.normalized or m.text) for m in mentions)
    if entity_type == "Person":
        return sorted(counts, key=lambda name: (-len(name.split()), -counts[name], name))[0]
    return sorted(counts, key=lambda name: (-counts[name], name.isupper(), -len(name), name))[0]


def remap_relations(relations: list[Relation], key_to_entity: dict[str, str]) -> list[Relation]:
    """Relations between mention keys become relations between entity ids."""
    resolved = []
    for relation in relations:
        subject = key_to_entity.get(relation.subject, relation.subject)
        obj = key_to_entity.get(relation.object, relation.object)
        if subject != obj:
            resolved.append(replace(relation, subject=subject, object=obj))
    return resolved
