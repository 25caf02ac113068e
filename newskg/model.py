"""The one small data model that joins extraction and the graph.

``extract/`` turns text into these objects; ``graph/`` turns them into a networkx
graph and every output. Nothing here knows about spaCy. Character offsets always
refer to ``Document.text``, so every fact can be traced back to its exact words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "Organization", "Place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "Place")

DocumentKind = Literal["article", "headline"]


def content_id(*parts: str, prefix: str = "doc") -> str:
    """A stable id for content: the same text always gets the same id.

    Examples:
        >>> content_id("hello")
        'doc-2cf24dba5fb0a30e'
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


@dataclass(frozen=True)
class Document:
    """One source text: an article, or a headline an article listed.

    ``id`` is a hash of the content, so rebuilding gives the same id.
    ``parent_id`` links a related headline back to the article that listed it.
    """

    id: str
    text: str
    source: str
    kind: DocumentKind = "article"
    title: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """One place where a name occurs in a document.

    ``text`` is the original surface form as written, ``label`` the spaCy
    label (or the rule) that proposed it, ``entity_type`` our decided type.
    """

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    entity_type: EntityType
    # The full name the document uses for this mention ("Taj Mir Jawad" for "Jawad").
    normalized: str = ""
    # Proposed where capitals say little (a Title Case headline): kept only if corroborated.
    weak: bool = False
    # The rule that gave ``normalized`` ("possessive", "short-name", "acronym"…), if any.
    resolved_by: str = ""


@dataclass(frozen=True)
class Entity:
    """A real-world actor or place, with every mention that names it.

    ``id`` is stable across runs and builds: it is derived from the type and the
    normalized canonical name, never from the order of the input.
    """

    id: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    attributes: tuple[tuple[str, str | int | float], ...] = ()

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(sorted({mention.doc_id for mention in self.mentions}))


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a fact, with offsets into its document."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    # Offsets (into the document) of the words that carry the relation, for highlighting.
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed, evidence-backed fact: ``subject predicate object``.

    ``subject`` and ``object`` are entity ids once resolution has run; before
    that, extraction fills them with the mention keys (``doc_id:start:end``).
    """

    subject: str
    predicate: str
    object: str
    confidence: float
    evidence: Evidence
    method: str
    role: str | None = None
    former: bool = False
    time: str | None = None


@dataclass(frozen=True)
class DocumentExtraction:
    """Everything extraction found in one document; the unit that gets cached."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Merge:
    """One decision that joined two names into one entity."""

    entity: str
    label: str
    merged: str
    reason: str
    score: float
    documents: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "entity": self.entity,
            "label": self.label,
            "merged": self.merged,
            "reason": self.reason,
            "score": self.score,
            "documents": list(self.documents),
        }


@dataclass
class Corpus:
    """The resolved result of a build, before it becomes a graph."""

    documents: list[Document] = field(default_factory=list)
    sentences: dict[tuple[str, int], Sentence] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)


def slugify(text: str) -> str:
    """A readable, stable id fragment: lowercase words joined by '-'; unicode letters kept.

    Examples:
        >>> slugify("al-Qaeda in the Indian Subcontinent")
        'al-qaeda-in-the-indian-subcontinent'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", folded).strip("-_")
    return slug[:120] or "x"


def entity_id(entity_type: EntityType, label: str) -> str:
    """The stable id of an entity: its type and its canonical name ("person/taj-mir-jawad")."""
    return f"{entity_type.lower()}/{slugify(label)}"


def mention_key(mention: Mention) -> str:
    return f"{mention.doc_id}:{mention.start}:{mention.end}"
