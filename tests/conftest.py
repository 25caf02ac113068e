"""Shared fixtures: the real model, loaded once, and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_45bf02ee4dcabb9b.txt"


@pytest.fixture(scope="session")
def nlp():
    from extract.extractor import load_model

    return load_model()


@pytest.fixture(scope="session")
def extractor(nlp):
    from extract.extractor import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, nlp):
    """The seed article built once into a folder, with the real model."""
    from newskg.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("seed_build")
    report = build([SEED], out, BuildOptions())
    return out, report


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    from graph.nodelink import read_nodelink

    out, _ = seed_build
    return read_nodelink(out / "graph.json")


# --- many-article builds: a small corpus and a byte-level snapshot of a build folder ---------------

NEWS_ARTICLES = {
    "kabul_talks.txt": (
        "Taliban hold talks in Kabul\n\n"
        "Taliban leader Hibatullah Akhundzada met Pakistani officials in Kabul on Monday. "
        "Foreign Minister Amir Khan Muttaqi said the Taliban government wanted trade with Pakistan."
    ),
    "haqqani.txt": (
        "Interior minister visits Kandahar\n\n"
        "Sirajuddin Haqqani, the interior minister of Afghanistan, visited Kandahar on Tuesday. "
        "He met the governor of Helmand and officials of the United Nations."
    ),
    "zawahiri.txt": (
        "Al-Qaeda leader killed in Kabul\n\n"
        "Ayman al-Zawahiri, the leader of al-Qaeda, was killed in Kabul by a United States drone strike on July 31, 2022. "
        "President Joe Biden announced the strike from the White House."
    ),
    "doha.txt": (
        "Ceasefire agreed in Doha\n\n"
        "Pakistan and Afghanistan agreed to an immediate ceasefire after talks in Doha mediated by Qatar and Turkey. "
        "Khawaja Asif, the defence minister of Pakistan, signed the agreement."
    ),
}


@pytest.fixture
def news_folder(tmp_path):
    """Four short articles, one file each, in ``tmp_path/news``."""
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def snapshot_build(folder):
    """Every file a build wrote, as bytes, by relative path; the cache is left out and
    ``report.json`` is compared without its run-specific ``timings``."""
    import json

    files = {}
    for path in sorted(Path(folder).rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] == "cache":
            continue
        data = path.read_bytes()
        if relative.name == "report.json":
            report = json.loads(data)
            report.pop("timings", None)
            data = json.dumps(report, sort_keys=True).encode()
        files[str(relative)] = data
    return files


@pytest.fixture
def build_snapshot():
    """:func:`snapshot_build`, for comparing two build folders file by file."""
    return snapshot_build


def _news_corpus():
    """Three dated documents naming the same actors; relations stated by one or two of them."""
    from newskg.model import Corpus, Document, Entity, Evidence, Mention, Relation, Sentence

    documents = [
        Document("doc-ap", "Ayman al-Zawahiri led al-Qaeda. He was killed in Kabul on July 31, 2022, far from Kunar in Afghanistan.",
                 "ap.txt", title="US kills al-Qaeda leader in Kabul", publisher="AP News", date="2022-08-01"),
        Document("doc-reuters", "Ayman al-Zawahiri led al-Qaeda. The Taliban allied with al-Qaeda, said Sirajuddin Haqqani.",
                 "reuters.txt", title="Zawahiri's death and the Taliban", publisher="Reuters", date="2022-08-02"),
        Document("doc-bbc", "The Taliban control Kabul.", "bbc.txt", kind="headline", title="The Taliban control Kabul",
                 publisher="BBC", date="2022-08-05", parent_id="doc-ap"),
    ]
    sentences: dict[tuple[str, int], Sentence] = {}
    for document in documents:
        start = 0
        for index, part in enumerate(document.text.split(". ")):
            text = part if part.endswith(".") else part + "."
            begin = document.text.index(text[:-1], start)
            sentences[(document.id, index)] = Sentence(document.id, index, begin, begin + len(text), text)
            start = begin + len(text)

    def sentence_of(doc_id: str, offset: int) -> Sentence:
        return next(s for (d, _), s in sentences.items() if d == doc_id and s.start <= offset < s.end)

    def mentions(doc: Document, surface: str, entity_type: str) -> list[Mention]:
        found, start = [], doc.text.find(surface)
        while start >= 0:
            found.append(Mention(doc.id, sentence_of(doc.id, start).index, start, start + len(surface), surface, "TEST", entity_type))
            start = doc.text.find(surface, start + 1)
        return found

    names = {
        "person/ayman-al-zawahiri": ("Person", "Ayman al-Zawahiri", ("Ayman al-Zawahiri",), ("al-Zawahiri",)),
        "person/sirajuddin-haqqani": ("Person", "Sirajuddin Haqqani", ("Sirajuddin Haqqani",), ()),
        "organization/al-qaeda": ("Organization", "al-Qaeda", ("al-Qaeda",), ("al-Qaida",)),
        "organization/taliban": ("Organization", "Taliban", ("Taliban",), ()),
        "place/kabul": ("Place", "Kabul", ("Kabul",), ()),
        "place/kunar": ("Place", "Kunar", ("Kunar",), ()),
        "place/afghanistan": ("Place", "Afghanistan", ("Afghanistan",), ()),
    }
    entities = []
    for entity_id, (entity_type, label, surfaces, aliases) in names.items():
        found = [m for doc in documents for surface in surfaces for m in mentions(doc, surface, entity_type)]
        entities.append(Entity(entity_id, entity_type, label, aliases, tuple(found)))  # type: ignore[arg-type]
    docs = {document.id: document for document in documents}

    def relation(subject: str, predicate: str, obj: str, doc_id: str, words: str, *, time: str | None = None) -> Relation:
        offset = docs[doc_id].text.index(words)
        sentence = sentence_of(doc_id, offset)
        evidence = Evidence(doc_id, sentence.index, sentence.start, sentence.end, sentence.text, ((offset, offset + len(words)),))
        return Relation(subject, predicate, obj, 0.9, evidence, "test", time=time)

    relations = [
        relation("person/ayman-al-zawahiri", "leaderOf", "organization/al-qaeda", "doc-ap", "led"),
        relation("person/ayman-al-zawahiri", "leaderOf", "organization/al-qaeda", "doc-reuters", "led"),
        relation("person/ayman-al-zawahiri", "killedIn", "place/kabul", "doc-ap", "killed in", time="July 31, 2022"),
        relation("organization/taliban", "alliedWith", "organization/al-qaeda", "doc-reuters", "allied with"),
        relation("organization/taliban", "controls", "place/kabul", "doc-bbc", "control"),
    ]
    return Corpus(documents=documents, sentences=sentences, entities=entities, relations=relations)


@pytest.fixture
def news_corpus():
    """A hand-built multi-document Corpus (no model): three dated sources, seven entities, typed relations."""
    return _news_corpus()


@pytest.fixture
def news_graph(news_corpus):
    """``news_corpus`` through place enrichment, ``build_graph`` and community assignment, as a build does."""
    from extract.places import enrich_places
    from graph.analytics import assign_communities
    from graph.build import build_graph

    graph = build_graph(enrich_places(news_corpus))
    assign_communities(graph)
    return graph


# ---------------------------------------------------------------- RDF and SPARQL (issue 4)

RDF_ARTICLE_TEXT = (
    "Al-Qaeda's leader, Ayman al-Zawahiri, hid in Kabul. "
    "The Taliban controls Kabul and protects al-Qaeda."
)


@pytest.fixture
def rdf_sample_corpus():
    return make_rdf_sample_corpus()


def make_rdf_sample_corpus():
    """A hand-built corpus with every kind of fact the RDF carries: typed relations with
    evidence, an article with publisher and authors, and a headline it lists."""
    from newskg.model import Corpus, Document, Entity, Evidence, Mention, Relation, Sentence

    text = RDF_ARTICLE_TEXT
    article = Document("doc-article", text, "seeds/sample.txt", title="Al-Qaeda regroups in Kabul",
                       publisher="Geopolitical Monitor", authors=("Jane Doe",), date="2025-10-13")
    headline = Document("doc-headline", "Taliban rules Kabul", "seeds/sample.txt", kind="headline",
                        title="Taliban rules Kabul", publisher="AP News", date="2025-10-14", parent_id="doc-article")
    first_end = text.index(".") + 1
    sentences = {
        ("doc-article", 0): Sentence("doc-article", 0, 0, first_end, text[:first_end]),
        ("doc-article", 1): Sentence("doc-article", 1, first_end + 1, len(text), text[first_end + 1:]),
        ("doc-headline", 0): Sentence("doc-headline", 0, 0, 19, "Taliban rules Kabul"),
    }

    def mention(doc: Document, surface: str, sentence: int, entity_type: str, occurrence: int = 0) -> Mention:
        start = -1
        for _ in range(occurrence + 1):
            start = doc.text.index(surface, start + 1)
        return Mention(doc.id, sentence, start, start + len(surface), surface, entity_type.upper()[:3], entity_type)

    qaeda = Entity("organization/al-qaeda", "Organization", "al-Qaeda", ("Al-Qaeda",),
                   (mention(article, "Al-Qaeda", 0, "Organization"), mention(article, "al-Qaeda", 1, "Organization")))
    zawahiri = Entity("person/ayman-al-zawahiri", "Person", "Ayman al-Zawahiri", (),
                      (mention(article, "Ayman al-Zawahiri", 0, "Person"),))
    kabul = Entity("place/kabul", "Place", "Kabul", (),
                   (mention(article, "Kabul", 0, "Place"), mention(article, "Kabul", 1, "Place", 1),
                    mention(headline, "Kabul", 0, "Place")))
    taliban = Entity("organization/taliban", "Organization", "Taliban", (),
                     (mention(article, "Taliban", 1, "Organization"), mention(headline, "Taliban", 0, "Organization")))
    s0, s1 = sentences[("doc-article", 0)], sentences[("doc-article", 1)]
    evidence0 = Evidence("doc-article", 0, s0.start, s0.end, s0.text)
    evidence1 = Evidence("doc-article", 1, s1.start, s1.end, s1.text)
    relations = [
        Relation(zawahiri.id, "leaderOf", qaeda.id, 0.9, evidence0, "apposition"),
        Relation(zawahiri.id, "locatedIn", kabul.id, 0.7, evidence0, "verb-prep"),
        Relation(taliban.id, "controls", kabul.id, 0.8, evidence1, "svo"),
        Relation(taliban.id, "alliedWith", qaeda.id, 0.75, evidence1, "svo"),
        Relation(qaeda.id, "locatedIn", kabul.id, 0.6, evidence0, "verb-prep"),
    ]
    return Corpus([article, headline], sentences, [qaeda, zawahiri, kabul, taliban], relations)


@pytest.fixture
def rdf_sample_graph(rdf_sample_corpus):
    from graph.build import build_graph

    return build_graph(rdf_sample_corpus)


@pytest.fixture(scope="session")
def rdf_sample_graph_shared():
    """The same graph, built once for session-wide users (a server); do not mutate it."""
    from graph.build import build_graph

    return build_graph(make_rdf_sample_corpus())


def _rule_triples(extractor, text: str) -> set[tuple[str, str, str]]:
    """What the parse rules say about ``text``, as (subject, predicate, object) names; the learned
    pair classifier is left out, so a rule's own test cannot pass on the classifier's guess."""
    from newskg.model import Document, content_id

    document = Document(id=content_id(text), text=text, source="test")
    extraction = extractor(document)
    names = {f"{m.doc_id}:{m.start}:{m.end}": m.text for m in extraction.mentions}
    return {
        (names[r.subject], r.predicate, names[r.object])
        for r in extraction.relations
        if r.method.startswith(("dep:", "name:"))
    }


@pytest.fixture
def rule_triples():
    """``rule_triples(extractor, text)``: the parse rules' facts about one sentence."""
    return _rule_triples


def _typed(extractor, text: str) -> dict[str, str]:
    """Each mention's text (without a trailing period) and the type newskg gave it."""
    from newskg.model import Document, content_id

    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    return {m.text.rstrip("."): m.entity_type for m in extraction.mentions}


@pytest.fixture
def typed():
    """``typed(extractor, text)``: the names newskg finds in one sentence, with their types."""
    return _typed


def _named(extractor, text: str) -> dict[str, tuple[str, str]]:
    """Each mention's text (without a trailing period), with its type and the name it is filed under."""
    from newskg.model import Document, content_id

    extraction = extractor(Document(id=content_id(text), text=text, source="test"))
    return {m.text.rstrip("."): (m.entity_type, m.normalized) for m in extraction.mentions}


@pytest.fixture
def named():
    """``named(extractor, text)``: the names newskg finds in one sentence, with type and filed name."""
    return _named
