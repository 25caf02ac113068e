"""The RDF says what the issue promises: typed entities, sources, Web Annotation evidence,
relations as direct triples and as statements, co-mentions kept apart."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from graph.rdf import NKG, OA, RELATION_PREDICATES, SCHEMA, IRIMinter, to_dataset, to_rdf

ENTITY = "https://newskg.example.org/entity/"
DOCUMENT = "https://newskg.example.org/document/"


def test_rdf_entities_are_typed_with_one_label_aliases_counts_and_documents(rdf_sample_graph):
    rdf = to_rdf(rdf_sample_graph)
    qaeda = URIRef(ENTITY + "organization/al-qaeda")
    assert (qaeda, RDF.type, SCHEMA.Organization) in rdf
    assert list(rdf.objects(qaeda, RDFS.label)) == [Literal("al-Qaeda")]
    assert list(rdf.objects(qaeda, SKOS.altLabel)) == [Literal("Al-Qaeda")]
    assert rdf.value(qaeda, NKG.mentionCount).toPython() == 2
    assert set(rdf.objects(URIRef(ENTITY + "place/kabul"), NKG.mentionedIn)) == {
        URIRef(DOCUMENT + "doc-article"),
        URIRef(DOCUMENT + "doc-headline"),
    }
    assert (URIRef(ENTITY + "person/ayman-al-zawahiri"), RDF.type, SCHEMA.Person) in rdf
    assert (URIRef(ENTITY + "place/kabul"), RDF.type, SCHEMA.Place) in rdf


def test_rdf_documents_are_news_articles_with_publisher_author_date_source_and_headline_link(rdf_sample_graph):
    rdf = to_rdf(rdf_sample_graph)
    article, headline = URIRef(DOCUMENT + "doc-article"), URIRef(DOCUMENT + "doc-headline")
    assert (article, RDF.type, SCHEMA.NewsArticle) in rdf
    assert rdf.value(article, SCHEMA.headline) == Literal("Al-Qaeda regroups in Kabul")
    assert str(rdf.value(article, SCHEMA.datePublished)) == "2025-10-13"
    assert rdf.value(article, NKG.sourceFile) == Literal("seeds/sample.txt")
    publisher = rdf.value(article, SCHEMA.publisher)
    assert (publisher, RDF.type, SCHEMA.Organization) in rdf
    assert rdf.value(publisher, RDFS.label) == Literal("Geopolitical Monitor")
    author = rdf.value(article, SCHEMA.author)
    assert (author, RDF.type, SCHEMA.Person) in rdf and rdf.value(author, RDFS.label) == Literal("Jane Doe")
    assert {(headline, RDF.type, NKG.Headline), (headline, RDF.type, SCHEMA.NewsArticle), (headline, NKG.listedIn, article)} <= set(rdf)


def test_rdf_mentions_are_web_annotations_with_offsets_and_exact_text(rdf_sample_graph, rdf_sample_corpus):
    rdf = to_rdf(rdf_sample_graph)
    zawahiri = URIRef(ENTITY + "person/ayman-al-zawahiri")
    (annotation,) = list(rdf.subjects(OA.hasBody, zawahiri))
    assert (annotation, RDF.type, OA.Annotation) in rdf
    target = rdf.value(annotation, OA.hasTarget)
    assert rdf.value(target, OA.hasSource) == URIRef(DOCUMENT + "doc-article")
    selectors = {rdf.value(selector, RDF.type): selector for selector in rdf.objects(target, OA.hasSelector)}
    start = rdf.value(selectors[OA.TextPositionSelector], OA.start).toPython()
    end = rdf.value(selectors[OA.TextPositionSelector], OA.end).toPython()
    exact = str(rdf.value(selectors[OA.TextQuoteSelector], OA.exact))
    article_text = rdf_sample_corpus.documents[0].text
    assert exact == "Ayman al-Zawahiri" == article_text[start:end]


def test_rdf_relation_is_a_direct_triple_and_a_statement_with_provenance(rdf_sample_graph, rdf_sample_corpus):
    rdf = to_rdf(rdf_sample_graph)
    zawahiri, qaeda = URIRef(ENTITY + "person/ayman-al-zawahiri"), URIRef(ENTITY + "organization/al-qaeda")
    assert (zawahiri, NKG.leaderOf, qaeda) in rdf
    (statement,) = [s for s in rdf.subjects(RDF.predicate, NKG.leaderOf)]
    assert {(statement, RDF.type, RDF.Statement), (statement, RDF.type, NKG.RelationStatement)} <= set(rdf)
    assert rdf.value(statement, RDF.subject) == zawahiri and rdf.value(statement, RDF.object) == qaeda
    assert rdf.value(statement, NKG.confidence).toPython() == pytest.approx(0.9)
    assert str(rdf.value(statement, NKG.extractionMethod)) == "apposition"
    assert rdf.value(statement, PROV.wasDerivedFrom) == URIRef(DOCUMENT + "doc-article")
    evidence = rdf.value(statement, NKG.evidence)
    target = rdf.value(evidence, OA.hasTarget)
    quotes = [rdf.value(s, OA.exact) for s in rdf.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextQuoteSelector) in rdf]
    assert [str(q) for q in quotes] == ["Al-Qaeda's leader, Ayman al-Zawahiri, hid in Kabul."]


def test_rdf_co_mentions_are_never_typed_relations(rdf_sample_graph):
    rdf = to_rdf(rdf_sample_graph)
    taliban, kabul = URIRef(ENTITY + "organization/taliban"), URIRef(ENTITY + "place/kabul")
    assert (taliban, NKG.coMentionedWith, kabul) in rdf or (kabul, NKG.coMentionedWith, taliban) in rdf
    assert not list(rdf.subjects(RDF.predicate, NKG.coMentionedWith))
    statements = set(rdf.subjects(RDF.type, NKG.RelationStatement))
    assert len(statements) == 5


def test_rdf_trig_dataset_puts_each_documents_facts_in_its_own_graph(rdf_sample_graph):
    dataset = to_dataset(rdf_sample_graph)
    mint = IRIMinter()
    article_graph = dataset.graph(mint.document_graph("doc-article"))
    headline_graph = dataset.graph(mint.document_graph("doc-headline"))
    assert (mint.entity("person/ayman-al-zawahiri"), NKG.leaderOf, mint.entity("organization/al-qaeda")) in article_graph
    assert (mint.document("doc-headline"), NKG.listedIn, mint.document("doc-article")) in headline_graph
    assert not list(headline_graph.triples((None, NKG.leaderOf, None)))


def test_rdf_unknown_predicate_is_an_error_not_a_new_iri(rdf_sample_graph):
    edge = next(iter(rdf_sample_graph.edges(keys=True, data=True)))
    rdf_sample_graph.add_edge(edge[0], edge[1], key="leadrOf", kind="relation", predicate="leadrOf", evidence=[])
    with pytest.raises(AttributeError):
        to_rdf(rdf_sample_graph)


def test_rdf_ontology_gives_every_relation_predicate_a_label_comment_domain_and_range():
    from graph.ontology import load_ontology

    ontology = load_ontology()
    for name in RELATION_PREDICATES:
        predicate = NKG[name]
        for term in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert ontology.value(predicate, term) is not None, f"{name} lacks {term}"
    declared = {str(s) for s in ontology.subjects() if str(s).startswith(str(NKG._NS))}
    used = {str(NKG[name]) for name in NKG.__annotations__}
    assert used <= declared, f"terms used but not in the ontology: {sorted(used - declared)}"


def test_rdf_base_iri_is_configurable(rdf_sample_graph):
    rdf_sample_graph.graph["base_iri"] = "http://data.example.com/news"
    rdf = to_rdf(rdf_sample_graph)
    assert (URIRef("http://data.example.com/news/entity/place/kabul"), RDF.type, SCHEMA.Place) in rdf
    assert not any(str(s).startswith("https://newskg.example.org/entity") for s in rdf.subjects())


def test_rdf_facts_from_the_gazetteer_are_derived_from_a_dataset_not_an_article(rdf_sample_graph):
    evidence = {"doc_id": "gazetteer:geonames", "sentence": 0, "start": 0, "end": 40, "text": "GeoNames: Kabul is a place in Afghanistan.",
                "highlights": [], "method": "gazetteer:geonames", "confidence": 1.0}
    rdf_sample_graph.add_node("place/afghanistan", kind="entity", type="Place", label="Afghanistan", aliases=[], mention_count=0, doc_ids=[])
    rdf_sample_graph.add_edge("place/kabul", "place/afghanistan", key="partOf", kind="relation", predicate="partOf", confidence=1.0, evidence=[evidence])
    rdf = to_rdf(rdf_sample_graph)
    source = URIRef("https://newskg.example.org/source/gazetteer%3Ageonames")
    (statement,) = list(rdf.subjects(RDF.predicate, NKG.partOf))
    assert rdf.value(statement, PROV.wasDerivedFrom) == source
    assert (source, RDF.type, SCHEMA.Dataset) in rdf

    import pyshacl

    from graph.ontology import load_shapes

    conforms, _, report = pyshacl.validate(rdf, shacl_graph=load_shapes(), inference="none", advanced=True)
    assert conforms, report
