"""The graph as RDF: the vocabulary, IRI minting, and the graph -> rdflib conversion.

Every RDF format (``turtle``, ``ntriples``, ``jsonld``, ``trig``, ``rdfxml``) reads
the quads made here, so they all say the same thing.

Vocabulary (the ontology is ``graph/ontology.ttl``, the shapes ``graph/shapes.ttl``):

* Entities are ``schema:Person`` / ``schema:Organization`` / ``schema:Place`` with
  exactly one ``rdfs:label``, a ``skos:altLabel`` per other surface form,
  ``nkg:mentionCount`` and ``nkg:mentionedIn`` (each document that mentions them).
* Documents are ``schema:NewsArticle`` (headlines also ``nkg:Headline``) with
  ``schema:headline``, ``schema:publisher`` (an Organization IRI), ``schema:author``
  (Person IRIs), ``schema:datePublished``, ``nkg:sourceFile``, ``schema:url``,
  ``schema:text``, and ``nkg:listedIn`` from a headline to the article that listed it.
* Each mention is an ``oa:Annotation`` whose body is the entity and whose target
  selects the words in the document with an ``oa:TextPositionSelector`` (character
  offsets into ``schema:text``) and an ``oa:TextQuoteSelector`` (the exact words).
* Each typed relation is a direct triple ``subject nkg:leaderOf object`` and, per
  evidence sentence, an ``nkg:RelationStatement`` (a subclass of ``rdf:Statement``)
  with ``rdf:subject/predicate/object``, ``nkg:confidence``,
  ``nkg:extractionMethod``, ``prov:wasDerivedFrom`` the document (or, for facts
  from reference data such as the gazetteer, a ``schema:Dataset`` ``{base}source/…``) and
  ``nkg:evidence``: an ``oa:Annotation`` selecting the evidence sentence.
* Co-mentions are ``nkg:coMentionedWith`` only, never a typed relation.
* Each entity has an ``nkg:nameKey`` per distinct lowercased label or alias: the
  indexed key the example queries find an entity by, whatever its case.

There are no blank nodes: every resource's IRI is derived from stable ids (entity
ids, content-hash document ids, offsets), so the same input gives the same triples
and byte-identical Turtle.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any, Iterator, NamedTuple, Optional, Union
from urllib.parse import quote, urlsplit

import networkx as nx
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import Node

from newskg.model import entity_id as minted_entity_id

DEFAULT_BASE_IRI = "https://newskg.example.org/"
ONTOLOGY_IRI = "https://newskg.example.org/ontology"

SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class NKG(DefinedNamespace):
    """The project's vocabulary; a misspelt term is an error, not a new IRI."""

    _fail = True
    _NS = Namespace("https://newskg.example.org/ontology#")

    # Relation schema: the public interface users' SPARQL depends on.
    leaderOf: URIRef
    memberOf: URIRef
    locatedIn: URIRef
    partOf: URIRef
    alliedWith: URIRef
    opposes: URIRef
    associatedWith: URIRef
    killed: URIRef
    diedIn: URIRef
    controls: URIRef
    coMentionedWith: URIRef

    # Classes
    RelationStatement: URIRef
    Headline: URIRef

    # Entities and documents
    mentionCount: URIRef
    mentionedIn: URIRef
    nameKey: URIRef
    sourceFile: URIRef
    listedIn: URIRef
    countryCode: URIRef
    featureClass: URIRef

    # Statements
    confidence: URIRef
    extractionMethod: URIRef
    evidence: URIRef
    role: URIRef
    former: URIRef
    timeExpression: URIRef


RELATION_PREDICATES: tuple[str, ...] = (
    "leaderOf",
    "memberOf",
    "locatedIn",
    "partOf",
    "alliedWith",
    "opposes",
    "associatedWith",
    "killed",
    "diedIn",
    "controls",
)

PREFIXES: dict[str, str] = {
    "nkg": str(NKG._NS),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
}

# Characters XML 1.0 cannot carry (and lone surrogates UTF-8 cannot): replaced by
# U+FFFD one for one, so character offsets into the text stay right.
_UNREPRESENTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Characters RFC 3987 forbids in an IRI (besides what percent-encoding handles).
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')

Quad = tuple[Node, Node, Node, URIRef | None]


class BaseIRIError(ValueError):
    pass


def check_base_iri(base_iri: str) -> str:
    """The base IRI, ending in ``/`` or ``#``, or a :class:`BaseIRIError` saying why not.

    Examples:
        >>> check_base_iri("https://example.org/kg")
        'https://example.org/kg/'
    """
    parts = urlsplit(base_iri)
    if not parts.scheme or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme) or _IRI_FORBIDDEN.search(base_iri):
        raise BaseIRIError(f"base IRI {base_iri!r} is not an absolute IRI (expected e.g. {DEFAULT_BASE_IRI})")
    if parts.query or (parts.fragment and not base_iri.endswith("#")):
        raise BaseIRIError(f"base IRI {base_iri!r} may not have a query or fragment")
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


def _encode_segment(segment: str) -> str:
    encoded = quote(segment, safe="-_.~")
    # "." and ".." are dot-segments that IRI normalisation would remove.
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def encode_path(identifier: str) -> str:
    """A node id as an IRI path: each ``/``-separated part percent-encoded.

    Examples:
        >>> encode_path("organization/al-Qa'ida <x>")
        'organization/al-Qa%27ida%20%3Cx%3E'
    """
    return "/".join(_encode_segment(segment) for segment in identifier.split("/"))


def _hash(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Lit(NamedTuple):
    """A literal as plain data: its lexical form and datatype IRI (``None``: a plain string).

    The quads are made of ``str`` IRIs and ``Lit`` literals and turned into rdflib or
    Oxigraph terms only at the end: building rdflib terms (each IRI validated, each
    namespace lookup a method call) cost more than writing the Turtle itself.
    """

    lexical: str
    datatype: str | None = None


PlainTerm = Union[str, Lit]
PlainQuad = tuple[str, str, PlainTerm, Optional[str]]


class _PlainIRIs:
    """A namespace whose terms are plain IRI strings, made once on first use."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        iri = str(self._namespace[name])  # NKG is a DefinedNamespace: a misspelt term fails here
        setattr(self, name, iri)
        return iri

    def __getitem__(self, name: str) -> str:
        return getattr(self, name)


_RDF, _RDFS, _SKOS, _XSD, _PROV = (_PlainIRIs(ns) for ns in (RDF, RDFS, SKOS, XSD, PROV))
_SCHEMA, _OA, _NKG = _PlainIRIs(SCHEMA), _PlainIRIs(OA), _PlainIRIs(NKG)


class _PlainMinter:
    """Mints every IRI of a build, as ``str``, from one base IRI and stable ids.

    Memoized: an entity's or document's IRI is asked for once per mention and relation.
    """

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base_iri(base_iri)
        self._made: dict[tuple[str, str], str] = {}

    def _iri(self, kind: str, identifier: str) -> str:
        key = (kind, identifier)
        iri = self._made.get(key)
        if iri is None:
            iri = self._made[key] = f"{self.base}{kind}/{encode_path(identifier)}"
        return iri

    def entity(self, node_id: str) -> str:
        return self._iri("entity", node_id)

    def document(self, doc_id: str) -> str:
        return self._iri("document", doc_id)

    def source(self, source_id: str) -> str:
        return self._iri("source", source_id)

    def document_graph(self, doc_id: str) -> str:
        return self._iri("graph", doc_id)

    def mention(self, doc_id: str, start: int, end: int) -> str:
        return f"{self._iri('mention', doc_id)}/{int(start)}-{int(end)}"

    def statement(self, subject: str, predicate: str, obj: str, doc_id: str, start: int, end: int) -> str:
        return f"{self.base}statement/{_hash(subject, predicate, obj, doc_id, start, end)}"


class IRIMinter:
    """Mints every IRI of a build from one base IRI and stable ids."""

    def __init__(self, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self._plain = _PlainMinter(base_iri)
        self.base = self._plain.base

    def entity(self, node_id: str) -> URIRef:
        return URIRef(self._plain.entity(node_id))

    def document(self, doc_id: str) -> URIRef:
        return URIRef(self._plain.document(doc_id))

    def source(self, source_id: str) -> URIRef:
        """A source that is not an article, e.g. the gazetteer (``gazetteer:geonames``)."""
        return URIRef(self._plain.source(source_id))

    def document_graph(self, doc_id: str) -> URIRef:
        return URIRef(self._plain.document_graph(doc_id))

    def mention(self, doc_id: str, start: int, end: int) -> URIRef:
        return URIRef(self._plain.mention(doc_id, start, end))

    def statement(self, subject: str, predicate: str, obj: str, doc_id: str, start: int, end: int) -> URIRef:
        return URIRef(self._plain.statement(subject, predicate, obj, doc_id, start, end))


def _text(text: Any) -> Lit:
    return Lit(_UNREPRESENTABLE.sub("\ufffd", str(text)))


def literal_text(text: Any) -> Literal:
    return Literal(_text(text).lexical)


def _integer(value: Any) -> Lit:
    return Lit(str(int(value)), _XSD.integer)


def _double(value: Any) -> Lit:
    return Lit(str(float(value)), _XSD.double)


def _date(value: str) -> Lit:
    for kind, parse in ((_XSD.date, date.fromisoformat), (_XSD.dateTime, datetime.fromisoformat)):
        try:
            parse(value)
        except (TypeError, ValueError):
            continue
        if kind == _XSD.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        return Lit(value, kind)
    return _text(value)


def date_literal(value: str) -> Literal:
    """``xsd:date`` or ``xsd:dateTime`` when the value is one, else plain text."""
    plain = _date(value)
    return Literal(plain.lexical, datatype=URIRef(plain.datatype) if plain.datatype else None)


def _selector_quads(minter_target: str, doc_iri: str, start: int, end: int, exact: str, graph_name: str) -> Iterator[PlainQuad]:
    position = f"{minter_target}-position"
    quote_selector = f"{minter_target}-quote"
    yield minter_target, _RDF.type, _OA.SpecificResource, graph_name
    yield minter_target, _OA.hasSource, doc_iri, graph_name
    yield minter_target, _OA.hasSelector, position, graph_name
    yield minter_target, _OA.hasSelector, quote_selector, graph_name
    yield position, _RDF.type, _OA.TextPositionSelector, graph_name
    # xsd:integer, not nonNegativeInteger: stores such as Oxigraph normalise the latter
    # to the former, and both stores must give the same answers.
    yield position, _OA.start, _integer(start), graph_name
    yield position, _OA.end, _integer(end), graph_name
    yield quote_selector, _RDF.type, _OA.TextQuoteSelector, graph_name
    yield quote_selector, _OA.exact, _text(exact), graph_name


def _find_entity(graph: nx.MultiDiGraph, entity_type: str, name: str, index: dict[tuple[str, str], str]) -> str | None:
    return index.get((entity_type, name.casefold()))


def _entity_index(graph: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    """(type, casefolded label or alias) -> entity id, to link publishers and authors."""
    index: dict[tuple[str, str], str] = {}
    for node, data in sorted(graph.nodes(data=True), key=lambda item: item[0]):
        if data.get("kind") != "entity":
            continue
        for name in [data.get("label", ""), *data.get("aliases", [])]:
            index.setdefault((data.get("type", ""), str(name).casefold()), node)
    return index


def _named_entity_id(entity_type: str, name: str) -> str:
    # The data model's id scheme, so a publisher named in the text and in the
    # metadata is one IRI.
    return minted_entity_id(entity_type, name)  # type: ignore[arg-type]


def plain_quads(graph: nx.MultiDiGraph) -> Iterator[PlainQuad]:
    """Every fact of ``graph`` as (subject, predicate, object, graph name) quads.

    The graph name is the source document's named graph for facts that come from one
    document (its description, mentions, evidence and the relations it states), and
    ``None`` (the default graph) for facts about entities across documents.
    """
    mint = _PlainMinter(graph.graph.get("base_iri") or DEFAULT_BASE_IRI)
    entity_index = _entity_index(graph)
    metadata_entities: dict[str, tuple[str, str]] = {}

    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "entity":
            yield from _entity_quads(mint, node, data)
        elif kind == "document":
            yield from _document_quads(mint, graph, node, data, entity_index, metadata_entities)

    for entity_id, (entity_type, name) in sorted(metadata_entities.items()):
        # Publishers and authors the text never names still get a typed, labelled IRI.
        iri = mint.entity(entity_id)
        yield iri, _RDF.type, _SCHEMA[entity_type], None
        yield iri, _RDFS.label, _text(name), None
        yield from _name_key_quads(iri, [name])
        yield iri, _NKG.mentionCount, _integer(0), None

    for subject, obj, key, data in graph.edges(keys=True, data=True):
        kind = data.get("kind")
        if kind == "mention":
            yield from _mention_quads(mint, subject, obj, data)
        elif kind == "co_mention":
            for doc_id in sorted({record["doc_id"] for record in data.get("evidence", [])}) or [None]:
                name = mint.document_graph(doc_id) if doc_id else None
                yield mint.entity(subject), _NKG.coMentionedWith, mint.entity(obj), name
        elif kind == "relation":
            yield from _relation_quads(mint, subject, obj, data, graph)

    external = sorted(
        {
            record["doc_id"]
            for _, _, data in graph.edges(data=True)
            if data.get("kind") == "relation"
            for record in data.get("evidence") or []
            if graph.nodes.get(record["doc_id"], {}).get("kind") != "document"
        }
    )
    for source_id in external:
        # Facts from reference data (the gazetteer), not from an article.
        iri = mint.source(source_id)
        yield iri, _RDF.type, _SCHEMA.Dataset, None
        yield iri, _RDF.type, _PROV.Entity, None
        yield iri, _RDFS.label, _text(source_id), None


def _entity_quads(mint: _PlainMinter, node: str, data: dict[str, Any]) -> Iterator[PlainQuad]:
    iri = mint.entity(node)
    yield iri, _RDF.type, _SCHEMA[data["type"]], None
    yield iri, _RDFS.label, _text(data["label"]), None
    for alias in data.get("aliases", []):
        if alias != data["label"]:
            yield iri, _SKOS.altLabel, _text(alias), None
    yield from _name_key_quads(iri, [data["label"], *data.get("aliases", [])])
    yield iri, _NKG.mentionCount, _integer(data.get("mention_count", 0)), None
    for doc_id in data.get("doc_ids", []):
        yield iri, _NKG.mentionedIn, mint.document(doc_id), None
    if data.get("latitude") is not None and data.get("longitude") is not None:
        yield iri, _SCHEMA.latitude, _double(data["latitude"]), None
        yield iri, _SCHEMA.longitude, _double(data["longitude"]), None
    if data.get("country"):
        yield iri, _NKG.countryCode, _text(data["country"]), None
    if data.get("feature_class"):
        yield iri, _NKG.featureClass, _text(data["feature_class"]), None


def name_key(name: str) -> str:
    """The lookup key of a name: what SPARQL's ``LCASE`` gives for it.

    Queries match ``?entity nkg:nameKey ?key`` with the key bound, an index lookup, where
    ``FILTER(LCASE(?label) = ...)`` would read every label of the graph.

    Examples:
        >>> name_key("Al-Qaeda")
        'al-qaeda'
    """
    return _text(name).lexical.lower()


def _name_key_quads(iri: str, names: list[Any]) -> Iterator[PlainQuad]:
    for key in sorted({name_key(str(name)) for name in names}):
        yield iri, _NKG.nameKey, Lit(key), None


def _document_quads(
    mint: _PlainMinter,
    graph: nx.MultiDiGraph,
    node: str,
    data: dict[str, Any],
    entity_index: dict[tuple[str, str], str],
    metadata_entities: dict[str, tuple[str, str]],
) -> Iterator[PlainQuad]:
    iri = mint.document(node)
    name = mint.document_graph(node)
    yield iri, _RDF.type, _SCHEMA.NewsArticle, name
    if data.get("doc_kind") == "headline":
        yield iri, _RDF.type, _NKG.Headline, name
    if data.get("title"):
        yield iri, _SCHEMA.headline, _text(data["title"]), name
    if data.get("text") is not None:
        yield iri, _SCHEMA.text, _text(data["text"]), name
    if data.get("source"):
        yield iri, _NKG.sourceFile, _text(data["source"]), name
    if data.get("url"):
        yield iri, _SCHEMA.url, Lit(_UNREPRESENTABLE.sub("\ufffd", str(data["url"])), _XSD.anyURI), name
    if data.get("date"):
        yield iri, _SCHEMA.datePublished, _date(str(data["date"])), name
    parent = data.get("parent_id")
    if parent and graph.nodes.get(parent, {}).get("kind") == "document":
        yield iri, _NKG.listedIn, mint.document(parent), name
    people_and_publisher = [("Organization", _SCHEMA.publisher, data["publisher"])] if data.get("publisher") else []
    people_and_publisher += [("Person", _SCHEMA.author, author) for author in data.get("authors", []) if author]
    for entity_type, predicate, entity_name in people_and_publisher:
        entity_id = _find_entity(graph, entity_type, str(entity_name), entity_index)
        if entity_id is None:
            entity_id = _named_entity_id(entity_type, str(entity_name))
            if entity_id not in graph:
                metadata_entities.setdefault(entity_id, (entity_type, str(entity_name)))
        yield iri, predicate, mint.entity(entity_id), name


def _mention_quads(mint: _PlainMinter, entity: str, doc_id: str, data: dict[str, Any]) -> Iterator[PlainQuad]:
    entity_iri = mint.entity(entity)
    doc_iri = mint.document(doc_id)
    name = mint.document_graph(doc_id)
    for mention in data.get("mentions", []):
        annotation = mint.mention(doc_id, mention["start"], mention["end"])
        target = f"{annotation}#target"
        yield annotation, _RDF.type, _OA.Annotation, name
        yield annotation, _OA.motivatedBy, _OA.identifying, name
        yield annotation, _OA.hasBody, entity_iri, name
        yield annotation, _OA.hasTarget, target, name
        yield from _selector_quads(target, doc_iri, mention["start"], mention["end"], mention["text"], name)


def _relation_quads(mint: _PlainMinter, subject: str, obj: str, data: dict[str, Any], graph: nx.MultiDiGraph) -> Iterator[PlainQuad]:
    predicate = _NKG[data["predicate"]]  # an unknown predicate fails here, loudly
    subject_iri, object_iri = mint.entity(subject), mint.entity(obj)
    evidence_list = data.get("evidence") or []
    if not evidence_list:
        yield subject_iri, predicate, object_iri, None
    for evidence in evidence_list:
        doc_id = evidence["doc_id"]
        name = mint.document_graph(doc_id)
        is_article = graph.nodes.get(doc_id, {}).get("kind") == "document"
        source = mint.document(doc_id) if is_article else mint.source(doc_id)
        statement = mint.statement(subject, data["predicate"], obj, doc_id, evidence["start"], evidence["end"])
        annotation = f"{statement}#evidence"
        target = f"{statement}#target"
        yield subject_iri, predicate, object_iri, name
        yield statement, _RDF.type, _RDF.Statement, name
        yield statement, _RDF.type, _NKG.RelationStatement, name
        yield statement, _RDF.subject, subject_iri, name
        yield statement, _RDF.predicate, predicate, name
        yield statement, _RDF.object, object_iri, name
        confidence = evidence.get("confidence", data.get("confidence"))
        yield statement, _NKG.confidence, _double(confidence if confidence is not None else 0.0), name
        method = evidence.get("method") or data.get("best_method") or ", ".join(data.get("methods", [])) or "unknown"
        yield statement, _NKG.extractionMethod, _text(method), name
        yield statement, _PROV.wasDerivedFrom, source, name
        yield statement, _NKG.evidence, annotation, name
        for attribute, term in (("role", _NKG.role), ("time", _NKG.timeExpression)):
            if evidence.get(attribute):
                yield statement, term, _text(evidence[attribute]), name
        if evidence.get("former"):
            yield statement, _NKG.former, Lit("true", _XSD.boolean), name
        yield annotation, _RDF.type, _OA.Annotation, name
        yield annotation, _OA.motivatedBy, _OA.describing, name
        yield annotation, _OA.hasBody, statement, name
        yield annotation, _OA.hasTarget, target, name
        yield from _selector_quads(target, source, evidence["start"], evidence["end"], evidence["text"], name)


def _to_rdflib_term(term: PlainTerm, cache: dict[PlainTerm, Node]) -> Node:
    converted = cache.get(term)
    if converted is None:
        if isinstance(term, Lit):
            converted = Literal(term.lexical, datatype=URIRef(term.datatype)) if term.datatype else Literal(term.lexical)
        else:
            converted = URIRef(term)
        cache[term] = converted
    return converted


def iter_quads(graph: nx.MultiDiGraph) -> Iterator[Quad]:
    """Every fact of ``graph`` as rdflib (subject, predicate, object, graph name) quads.

    The graph name is the source document's named graph for facts that come from one
    document, and ``None`` (the default graph) for facts about entities across documents.
    """
    cache: dict[PlainTerm, Node] = {}
    convert = _to_rdflib_term
    for subject, predicate, obj, name in plain_quads(graph):
        yield convert(subject, cache), convert(predicate, cache), convert(obj, cache), None if name is None else convert(name, cache)


def bind_prefixes(rdf: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace, override=True, replace=True)


def to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """All facts of ``graph`` in one rdflib ``Graph`` (named graphs merged)."""
    rdf = Graph(bind_namespaces="core")
    bind_prefixes(rdf)
    for subject, predicate, obj, _ in iter_quads(graph):
        rdf.add((subject, predicate, obj))
    return rdf


def to_dataset(graph: nx.MultiDiGraph) -> Dataset:
    """The facts as a ``Dataset``: each source document's facts in its own named graph."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    named: dict[URIRef, Graph] = {}
    for subject, predicate, obj, name in iter_quads(graph):
        if name is None:
            target = dataset.default_graph
        else:
            target = named.get(name) or named.setdefault(name, dataset.graph(name))
        target.add((subject, predicate, obj))
    return dataset


# --- fast serialization ---------------------------------------------------------------------
# rdflib's Turtle serializer grows faster than the graph (12.8 s at 1,000 documents, 474 s
# at 10,000). The facts are written as N-Triples/N-Quads lines here, sorted so the text
# depends only on the facts, and Oxigraph parses them back (checking every IRI and literal)
# and writes Turtle or TriG, keeping their order. Building a Python term object per
# statement instead cost three times as long.

_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt_term(term: PlainTerm) -> str:
    if isinstance(term, Lit):
        lexical = term.lexical.translate(_NT_ESCAPES)
        return f'"{lexical}"^^<{term.datatype}>' if term.datatype else f'"{lexical}"'
    return f"<{term}>"


class _Renderer(dict):
    """Each term's N-Triples text, made once however often the term occurs.

    A dict whose misses render: ``render[term]`` costs a C lookup for the ~1.5 million
    terms of a 1,400-document graph, where a method call per term cost a second.
    """

    def __missing__(self, term: PlainTerm) -> str:
        text = self[term] = _nt_term(term)
        return text


def ntriples_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Every distinct triple of ``graph`` (named graphs merged) as N-Triples, in text order."""
    render = _Renderer()
    triples = {f"{render[s]} {render[p]} {render[o]} .\n" for s, p, o, _ in plain_quads(graph)}
    return "".join(sorted(triples)).encode("utf-8")


def nquads_bytes(graph: nx.MultiDiGraph, *, ordered: bool = True) -> bytes:
    """Every distinct quad as N-Quads. ``ordered``: the default graph first, then each named
    graph in IRI order, each graph's statements in text order (a store being loaded needs none)."""
    render = _Renderer()
    quads = {(g is not None, "" if g is None else render[g], f"{render[s]} {render[p]} {render[o]}") for s, p, o, g in plain_quads(graph)}
    return "".join(f"{triple} {name} .\n" if name else f"{triple} .\n" for _, name, triple in (sorted(quads) if ordered else quads)).encode("utf-8")


def serialize_graph(graph: nx.MultiDiGraph, rdf_format: str) -> bytes:
    """``graph`` as ``turtle``, ``nt`` or ``trig`` text with our prefixes, in a fixed order."""
    import pyoxigraph as ox

    if rdf_format == "trig":
        source, source_format = nquads_bytes(graph), ox.RdfFormat.N_QUADS
    else:
        source, source_format = ntriples_bytes(graph), ox.RdfFormat.N_TRIPLES
    formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG}
    prefixes = None if rdf_format == "nt" else dict(PREFIXES)
    return ox.serialize(ox.parse(source, format=source_format), format=formats[rdf_format], prefixes=prefixes)
