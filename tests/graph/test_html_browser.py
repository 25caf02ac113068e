"""The HTML view in a real headless Chromium, opened from disk with the network blocked."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.html import write_html
from graph.html_browser import find_chromium, launch_browser, open_offline

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(find_chromium() is None, reason="no Chromium installed (CI installs Debian's chromium)"),
]

ARTICLE = (
    "Mullah Omar led the Taliban for years. "
    "The Taliban sheltered al-Qaeda in Kabul, officials said."
)
HOSTILE_PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'; alert(1)\">",
    "javascript:window.__pwned='href';alert(1)",
    "\"quoted' name\u202eRTL\u200bzero-width 😀 \u2028line",
    "<svg onload=alert(1)>" + "A" * 10_000,
]


def _span(text: str, words: str, offset: int = 0) -> list[int]:
    start = text.index(words, offset)
    return [start, start + len(words)]


def relation_graph() -> nx.MultiDiGraph:
    """A hand-built graph following the contract in graph/build.py, with typed relations."""
    graph = nx.MultiDiGraph(name="newskg")
    graph.add_node("doc-a", kind="document", doc_kind="article", title="Taliban shelters al-Qaeda", publisher="Example Wire",
                   authors=["A. Writer"], date="2024-03-01", source="a.txt", url="https://example.org/a", parent_id=None, text=ARTICLE)
    graph.add_node("doc-b", kind="document", doc_kind="article", title="Omar profile", publisher="Other Times",
                   authors=[], date="2024-04-02", source="b.txt", url=None, parent_id=None, text="Mullah Omar led the Taliban.")
    first = ARTICLE.index("The Taliban")
    entities = {
        "person/mullah-omar": ("Person", "Mullah Omar", 2),
        "organization/taliban": ("Organization", "Taliban", 3),
        "organization/al-qaeda": ("Organization", "al-Qaeda", 1),
        "place/kabul": ("Place", "Kabul", 1),
    }
    for node, (entity_type, label, count) in entities.items():
        graph.add_node(node, kind="entity", type=entity_type, label=label, aliases=[], mention_count=count, doc_ids=["doc-a"])
        graph.add_edge(node, "doc-a", key="mention", kind="mention", count=1,
                       mentions=[{"start": ARTICLE.index(label), "end": ARTICLE.index(label) + len(label), "text": label, "sentence": 0}])

    def evidence(sentence: str, start: int, highlights: list[list[int]], confidence: float, doc: str = "doc-a") -> dict:
        return {"doc_id": doc, "sentence": 0, "start": start, "end": start + len(sentence), "text": sentence,
                "highlights": highlights, "method": "pattern", "confidence": confidence, "role": None, "former": False, "time": None}

    lead = "Mullah Omar led the Taliban for years."
    shelter = ARTICLE[first:]

    def relation(subject: str, obj: str, predicate: str, confidence: float, records: list[dict]) -> None:
        graph.add_edge(subject, obj, key=predicate, kind="relation", predicate=predicate, confidence=confidence,
                       source_count=len({r["doc_id"] for r in records}), methods=["pattern"], role=None, former=False, time=None,
                       first_seen="2024-03-01", last_seen="2024-04-02", evidence=records)

    relation("person/mullah-omar", "organization/taliban", "leaderOf", 0.9, [
        evidence(lead, 0, [_span(ARTICLE, "led")], 0.9),
        evidence("Mullah Omar led the Taliban.", 0, [[12, 15]], 0.8, doc="doc-b"),
    ])
    relation("organization/taliban", "organization/al-qaeda", "alliedWith", 0.4, [
        evidence(shelter, first, [_span(ARTICLE, "sheltered")], 0.4),
    ])
    relation("organization/al-qaeda", "place/kabul", "locatedIn", 0.7, [
        evidence(shelter, first, [_span(ARTICLE, "in Kabul")], 0.7),
    ])
    graph.add_edge("organization/al-qaeda", "organization/taliban", key="coMentionedWith", kind="co_mention", weight=1,
                   evidence=[{"doc_id": "doc-a", "sentence": 1, "start": first, "end": len(ARTICLE), "text": shelter, "highlights": []}])
    return graph


def hostile_graph() -> nx.MultiDiGraph:
    """Every free-text field carries script, markup, javascript: URLs and awkward characters."""
    graph = nx.MultiDiGraph(name="newskg")
    text = " ".join(HOSTILE_PAYLOADS)
    graph.add_node("doc-evil", kind="document", doc_kind="article", title=HOSTILE_PAYLOADS[0], publisher=HOSTILE_PAYLOADS[1],
                   authors=[HOSTILE_PAYLOADS[2]], date=HOSTILE_PAYLOADS[3], source=HOSTILE_PAYLOADS[4],
                   url="javascript:window.__pwned='url'", parent_id=None, text=text)
    for number, payload in enumerate(HOSTILE_PAYLOADS):
        node = f"person/evil-{number}"
        graph.add_node(node, kind="entity", type="Person", label=payload, aliases=HOSTILE_PAYLOADS, mention_count=1, doc_ids=["doc-evil"])
        graph.add_edge(node, "doc-evil", key="mention", kind="mention", count=1,
                       mentions=[{"start": 0, "end": 5, "text": payload, "sentence": 0}])
    for number, payload in enumerate(HOSTILE_PAYLOADS[:-1]):
        graph.add_edge(f"person/evil-{number}", f"person/evil-{number + 1}", key=payload, kind="relation", predicate=payload,
                       confidence=0.5, source_count=1, methods=[payload], role=payload, former=False, time=payload,
                       first_seen=None, last_seen=None,
                       evidence=[{"doc_id": "doc-evil", "sentence": 0, "start": 0, "end": len(text), "text": text,
                                  "highlights": [[0, 40], [60, 200]], "method": payload, "confidence": 0.5, "role": payload,
                                  "former": False, "time": payload}])
    return graph


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as running:
        yield running


@pytest.fixture(scope="module")
def seed_page_path(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(seed_graph, path)
    return path


@pytest.fixture()
def open_page(browser):
    opened = []

    def opener(path, **options):
        page, problems = open_offline(browser, path, **options)
        opened.append((page, problems))
        return page, problems

    yield opener
    for page, problems in opened:
        page.context.close()
        assert problems.all() == [], problems


@pytest.fixture()
def relation_page(open_page, tmp_path):
    path = tmp_path / "relations.html"
    write_html(relation_graph(), path)
    return open_page(path)


def shown_counts(page) -> tuple[int, int]:
    return page.evaluate("() => [newskg.nodes.length, newskg.edges.length]")


def click_edge(page, edge_id: str) -> None:
    """Click the edge on the canvas, at a point along it that selects this edge.

    vis-network's hit boxes include node labels and are refreshed as it draws, so
    candidate points come from its own hit test and each is tried with a real click.
    """
    page.evaluate("(id) => { const e = newskg.edges.get(id); newskg.network.fit({nodes: [e.from, e.to], animation: false}); }", edge_id)
    page.wait_for_timeout(100)
    points = page.evaluate(
        """(id) => {
            const net = newskg.network, e = newskg.edges.get(id), pos = net.getPositions([e.from, e.to]), points = [];
            // The drawn edge may be curved: take points on vis-network's own curve when it offers them.
            const shape = net.body.edges[id] && net.body.edges[id].edgeType;
            for (let i = 1; i < 40; i++) {
                const t = 0.5 + ((i % 2) ? 1 : -1) * Math.ceil(i / 2) * 0.02;
                const onEdge = shape && shape.getPoint ? shape.getPoint(t) : {x: pos[e.from].x + (pos[e.to].x - pos[e.from].x) * t,
                                                                             y: pos[e.from].y + (pos[e.to].y - pos[e.from].y) * t};
                const dom = net.canvasToDOM({x: onEdge.x, y: onEdge.y});
                if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === id) points.push(dom);
            }
            return points;
        }""",
        edge_id,
    )
    box = page.locator("#network canvas").bounding_box()
    for point in points:
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        if page.evaluate("() => newskg.network.getSelectedEdges()") == [edge_id] and page.locator("#details").is_visible():
            return
        page.evaluate("() => newskg.network.unselectAll()")
    raise AssertionError(f"no point on edge {edge_id} selects it")


def test_html_seed_page_opens_offline_without_errors(open_page, seed_page_path):
    page, problems = open_page(seed_page_path)
    assert page.locator("#loading").is_hidden()
    assert page.evaluate("() => document.querySelector('#network canvas').width") > 0
    assert problems.blocked_requests == [] and problems.console_errors == []


def test_html_seed_page_counts_equal_the_graph(open_page, seed_page_path, seed_graph):
    page, _ = open_page(seed_page_path)
    assert int(page.inner_text("#count-nodes-total")) == seed_graph.number_of_nodes()
    assert int(page.inner_text("#count-edges-total")) == seed_graph.number_of_edges()
    assert page.evaluate("() => [newskg.data.nodes.length, newskg.data.edges.length]") == [seed_graph.number_of_nodes(), seed_graph.number_of_edges()]
    nodes_shown, edges_shown = shown_counts(page)
    assert int(page.inner_text("#count-nodes-shown")) == nodes_shown == seed_graph.number_of_nodes()
    co_mentions = sum(1 for _, _, data in seed_graph.edges(data=True) if data["kind"] == "co_mention")
    # Co-mentions start hidden; switching them on shows every edge.
    assert int(page.inner_text("#count-edges-shown")) == edges_shown == seed_graph.number_of_edges() - co_mentions
    page.check("#show-co-mentions")
    assert int(page.inner_text("#count-edges-shown")) == seed_graph.number_of_edges()


def test_html_search_finds_haqqani_and_focuses_the_haqqani_network(open_page, seed_page_path, seed_graph):
    candidates = [
        (data.get("type") != "Organization", -data.get("mention_count", 0), node)
        for node, data in seed_graph.nodes(data=True)
        if data.get("kind") == "entity" and "haqqani network" in data["label"].lower()
    ]
    assert candidates, "the seed graph has no Haqqani Network entity"
    target = min(candidates)[2]
    page, _ = open_page(seed_page_path)
    page.fill("#search", "Haqqani")
    suggestion = page.locator(f'#suggestions li[data-id="{target}"]')
    assert suggestion.is_visible()
    suggestion.click()
    assert page.evaluate("() => newskg.network.getSelectedNodes()") == [target]
    assert page.inner_text("#details h2") == seed_graph.nodes[target]["label"]
    # The camera glides to the node and stops with it in the middle of the view.
    page.wait_for_function(
        "(id) => { const p = newskg.network.getPositions([id])[id], v = newskg.network.getViewPosition(); return Math.hypot(p.x - v.x, p.y - v.y) < 5; }",
        arg=target,
        timeout=5000,
    )


def test_html_type_filters_hide_and_show_nodes(open_page, seed_page_path, seed_graph):
    places = [node for node, data in seed_graph.nodes(data=True) if data.get("type") == "Place"]
    assert places
    page, _ = open_page(seed_page_path)
    before, _ = shown_counts(page)
    page.uncheck("#type-Place")
    after, _ = shown_counts(page)
    assert after == before - len(places)
    assert page.evaluate("(ids) => ids.every(id => newskg.nodes.get(id) === null && !newskg.isShown(id))", places)
    page.check("#type-Place")
    assert shown_counts(page)[0] == before


def test_html_clicking_the_al_qaeda_taliban_edge_shows_its_evidence(open_page, seed_page_path, seed_graph):
    def named(label: str) -> str:
        return max(
            (data.get("mention_count", 0), node)
            for node, data in seed_graph.nodes(data=True)
            if data.get("kind") == "entity" and data["label"].lower() == label.lower()
        )[1]

    al_qaeda, taliban = named("al-Qaeda"), named("Taliban")
    between = [
        (data["kind"] != "relation", key, data)
        for u, v, key, data in seed_graph.edges(keys=True, data=True)
        if {u, v} == {al_qaeda, taliban} and data["kind"] in ("relation", "co_mention")
    ]
    assert between, "no edge between al-Qaeda and Taliban in the seed graph"
    _, _, edge_data = min(between, key=lambda item: item[:2])
    page, _ = open_page(seed_page_path)
    if edge_data["kind"] == "co_mention":
        page.check("#show-co-mentions")
    page.uncheck("#show-mentions")  # the dashed mention edges would crowd the click
    edge_id = page.evaluate(
        "([a, b, kind]) => newskg.data.edges.filter(e => e.kind === kind && ((e.from === a && e.to === b) || (e.from === b && e.to === a)))[0].id",
        [al_qaeda, taliban, edge_data["kind"]],
    )
    click_edge(page, edge_id)
    quotes = page.locator("#details .evidence blockquote")
    assert quotes.count() == len(edge_data["evidence"])
    shown_text = quotes.all_inner_texts()
    assert shown_text[0].strip() == edge_data["evidence"][0]["text"].strip()
    assert page.locator("#details .evidence mark").count() > 0


def test_html_relation_edge_shows_highlighted_evidence_and_its_source(relation_page):
    page, _ = relation_page
    edge_id = page.evaluate("() => newskg.edges.get({filter: e => e.predicate === 'leaderOf'})[0].id")
    click_edge(page, edge_id)
    assert page.inner_text("#details h2") == "leaderOf"
    assert page.locator("#details .evidence blockquote").count() == 2
    assert page.locator("#details .evidence mark").all_inner_texts() == ["led", "led"]
    sources = page.locator("#details .evidence .source").all_inner_texts()
    assert "Taliban shelters al-Qaeda — Example Wire · 2024-03-01" in sources
    assert "Omar profile — Other Times · 2024-04-02" in sources


def test_html_predicate_confidence_and_source_filters(relation_page):
    page, _ = relation_page

    def visible_predicates() -> list[str]:
        return sorted(page.evaluate("() => newskg.edges.get({filter: e => e.kind === 'relation'}).map(e => e.predicate)"))

    assert visible_predicates() == ["alliedWith", "leaderOf", "locatedIn"]
    page.uncheck('input[data-predicate="locatedIn"]')
    assert visible_predicates() == ["alliedWith", "leaderOf"]
    page.check('input[data-predicate="locatedIn"]')
    page.locator("#min-confidence").fill("0.5")
    assert visible_predicates() == ["leaderOf", "locatedIn"]
    assert page.inner_text("#min-confidence-value") == "0.50"
    page.locator("#min-confidence").fill("0")
    page.locator("#min-sources").fill("2")
    assert visible_predicates() == ["leaderOf"]


def test_html_co_mentions_are_off_until_switched_on(relation_page):
    page, _ = relation_page
    co_mentions_shown = "() => newskg.edges.get({filter: e => e.kind === 'co_mention'}).length"
    assert page.evaluate(co_mentions_shown) == 0
    page.check("#show-co-mentions")
    assert page.evaluate(co_mentions_shown) == 1


def test_html_neighbourhood_focus_and_reset(relation_page):
    page, _ = relation_page
    page.select_option("#focus-depth", "1")
    page.uncheck("#show-mentions")
    page.evaluate("() => newskg.focusNeighbourhood('person/mullah-omar', 1)")
    assert sorted(page.evaluate("() => newskg.shown().nodes")) == ["organization/taliban", "person/mullah-omar"]
    page.evaluate("() => newskg.focusNeighbourhood('person/mullah-omar', 2)")
    assert sorted(page.evaluate("() => newskg.shown().nodes")) == ["organization/al-qaeda", "organization/taliban", "person/mullah-omar"]
    page.click("#reset")
    assert len(page.evaluate("() => newskg.shown().nodes")) == 6


def test_html_physics_toggle_and_png_export(relation_page):
    page, _ = relation_page
    page.check("#physics")
    page.wait_for_timeout(200)
    page.uncheck("#physics")
    with page.expect_download() as download_info:
        page.click("#export-png")
    download = download_info.value
    assert download.suggested_filename == "newskg-view.png"
    with open(download.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_html_large_graph_opens_on_the_best_connected_nodes(open_page, tmp_path):
    graph = nx.MultiDiGraph(name="newskg")
    for number in range(60):
        graph.add_node(f"place/p{number}", kind="entity", type="Place", label=f"Place {number}", aliases=[], mention_count=1, doc_ids=[])
    for number in range(1, 60):
        graph.add_edge("place/p0", f"place/p{number}", key="locatedIn", kind="relation", predicate="locatedIn", confidence=1.0,
                       source_count=1, methods=["x"], role=None, former=False, time=None, first_seen=None, last_seen=None, evidence=[])
    path = tmp_path / "large.html"
    write_html(graph, path, max_nodes=20)
    page, _ = open_page(path)
    assert page.locator("#notice").is_visible()
    assert int(page.inner_text("#count-nodes-shown")) == 20
    assert page.evaluate("() => newskg.isShown('place/p0')") is True
    page.fill("#search", "Place 59")
    page.keyboard.press("Enter")
    assert page.evaluate("() => newskg.isShown('place/p59')") is True
    page.click("#show-all")
    assert int(page.inner_text("#count-nodes-shown")) == 60
    assert page.locator("#notice").is_hidden()


def test_html_hostile_text_runs_no_script(open_page, tmp_path):
    path = tmp_path / "hostile.html"
    write_html(hostile_graph(), path, title=HOSTILE_PAYLOADS[1])
    page, problems = open_page(path)
    # Open every node's and every edge's details, and search for markup.
    page.evaluate("() => newskg.data.nodes.forEach(n => newskg.selectNode(n.id))")
    page.evaluate("() => newskg.data.edges.forEach(e => newskg.selectEdge(e.id))")
    page.fill("#search", "<img")
    page.fill("#search", "javascript:")
    page.keyboard.press("Enter")
    page.evaluate("() => newskg.selectNode('doc-evil')")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert problems.dialogs == []
    assert page.locator("img, svg, iframe, object, embed").count() == 0
    assert page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)") == []
    assert page.evaluate("() => document.querySelectorAll('script').length") == 4
    # The payloads are shown as text, exactly.
    assert HOSTILE_PAYLOADS[1] in page.inner_text("#details")
    assert page.title() == HOSTILE_PAYLOADS[1]


def dated_graph() -> nx.MultiDiGraph:
    """Sources published on three dates and one undated; entities in two communities."""
    graph = nx.MultiDiGraph(name="newskg")
    sentence = "Ann Lee leads Blue Front, allied with Red Group in Kabul."
    documents = {"doc-jan": "2024-01-10", "doc-mar": "2024-03-05", "doc-jun": "2024-06-20T08:00:00Z", "doc-undated": None}
    for doc, date in documents.items():
        graph.add_node(doc, kind="document", doc_kind="article", title=f"Report {doc}", publisher="Wire", authors=[], date=date,
                       source=f"{doc}.txt", url=None, parent_id=None, text=sentence)
    entities = {
        "person/ann-lee": ("Person", "Ann Lee", ["doc-jan", "doc-jun"], 0),
        "organization/blue-front": ("Organization", "Blue Front", ["doc-jan", "doc-mar", "doc-jun"], 0),
        "organization/red-group": ("Organization", "Red Group", ["doc-mar", "doc-undated"], 1),
        "place/kabul": ("Place", "Kabul", ["doc-undated"], 1),
    }
    for node, (entity_type, label, docs, community) in entities.items():
        graph.add_node(node, kind="entity", type=entity_type, label=label, aliases=[], mention_count=len(docs), doc_ids=docs,
                       community=community)
        for doc in docs:
            start = sentence.index(label)
            graph.add_edge(node, doc, key="mention", kind="mention", count=1,
                           mentions=[{"start": start, "end": start + len(label), "text": label, "sentence": 0}])

    def relation(subject: str, obj: str, predicate: str, docs: list[str], first: str | None, last: str | None) -> None:
        evidence = [{"doc_id": doc, "sentence": 0, "start": 0, "end": len(sentence), "text": sentence,
                     "highlights": [_span(sentence, predicate[:4].lower())] if predicate[:4].lower() in sentence else [],
                     "method": "pattern", "confidence": 0.8, "role": None, "former": False, "time": None} for doc in docs]
        graph.add_edge(subject, obj, key=predicate, kind="relation", predicate=predicate, confidence=0.8, source_count=len(docs),
                       methods=["pattern"], role=None, former=False, time=None, first_seen=first, last_seen=last, evidence=evidence)

    relation("person/ann-lee", "organization/blue-front", "leaderOf", ["doc-jan", "doc-jun"], "2024-01-10", "2024-06-20T08:00:00Z")
    relation("organization/blue-front", "organization/red-group", "alliedWith", ["doc-mar"], "2024-03-05", "2024-03-05")
    relation("organization/red-group", "place/kabul", "locatedIn", ["doc-undated"], None, None)
    return graph


@pytest.fixture()
def dated_page(open_page, tmp_path):
    path = tmp_path / "dated.html"
    write_html(dated_graph(), path)
    return open_page(path)


def test_html_date_range_hides_edges_and_sources_outside_it(dated_page):
    page, _ = dated_page

    def shown_relations() -> list[str]:
        return sorted(page.evaluate("() => newskg.edges.get({filter: e => e.kind === 'relation'}).map(e => e.predicate)"))

    def shown_nodes() -> list[str]:
        return sorted(page.evaluate("() => newskg.shown().nodes"))

    assert page.locator("#date-filter").is_visible()
    assert page.evaluate("() => [document.getElementById('date-from').min, document.getElementById('date-to').max]") == ["2024-01-10", "2024-06-20"]
    assert shown_relations() == ["alliedWith", "leaderOf", "locatedIn"]
    page.fill("#date-from", "2024-02-01")
    page.fill("#date-to", "2024-04-30")
    # leaderOf's sources are from January and June; the undated locatedIn stays while undated items are kept.
    assert shown_relations() == ["alliedWith", "locatedIn"]
    assert shown_nodes() == ["doc-mar", "doc-undated", "organization/blue-front", "organization/red-group", "place/kabul"]
    page.uncheck("#keep-undated")
    assert shown_relations() == ["alliedWith"]
    assert shown_nodes() == ["doc-mar", "organization/blue-front", "organization/red-group"]
    # A day range at the end: the June source's timestamp counts as its day.
    page.fill("#date-from", "2024-06-20")
    page.fill("#date-to", "2024-06-20")
    assert shown_relations() == ["leaderOf"]
    page.fill("#date-from", "")
    page.fill("#date-to", "")
    assert shown_relations() == ["alliedWith", "leaderOf", "locatedIn"]
    assert len(shown_nodes()) == 8


def test_html_details_panel_shows_dates(dated_page):
    page, _ = dated_page
    page.fill("#date-from", "2024-01-01")
    page.fill("#date-to", "2024-02-01")
    edge_id = page.evaluate("() => newskg.data.edges.find(e => e.predicate === 'leaderOf').id")
    page.evaluate("(id) => newskg.selectEdge(id)", edge_id)
    panel = page.inner_text("#details")
    assert "First seen\n2024-01-10" in panel and "Last seen\n2024-06-20T08:00:00Z" in panel
    assert "Source dates\n2024-01-10, 2024-06-20" in panel
    # The June evidence is listed but marked as outside the chosen range.
    assert page.locator("#details .evidence li").count() == 2
    assert page.locator("#details .evidence li.out-of-range").all_inner_texts()[0].count("outside the selected dates") == 1
    page.evaluate("() => newskg.selectNode('organization/blue-front')")
    panel = page.inner_text("#details")
    assert "First seen\n2024-01-10" in panel and "Last seen\n2024-06-20" in panel
    page.evaluate("() => newskg.selectNode('doc-mar')")
    assert "Date\n2024-03-05" in page.inner_text("#details")


def test_html_colour_by_community_recolours_nodes_and_shows_a_legend(dated_page):
    page, _ = dated_page

    def colour(node: str) -> str:
        return page.evaluate("(id) => newskg.nodes.get(id).color.background", node)

    palette = page.evaluate("() => newskg.data.communityColours")
    person_colour = page.evaluate("() => newskg.data.typeStyles.Person.color")
    assert colour("person/ann-lee") == person_colour
    assert page.locator("#community-legend").is_hidden()
    page.select_option("#colour-by", "community")
    assert colour("person/ann-lee") == colour("organization/blue-front") == palette[0]
    assert colour("organization/red-group") == colour("place/kabul") == palette[1]
    assert colour("doc-mar") == page.evaluate("() => newskg.data.typeStyles.Document.color")
    legend = page.locator("#community-legend .row")
    assert legend.count() == 2
    assert legend.nth(0).inner_text().split("\n")[-1] == "2"
    assert "Blue Front" in legend.nth(0).inner_text()
    # Nodes that come back after a filter get the community colour too.
    page.uncheck("#type-Place")
    page.check("#type-Place")
    assert colour("place/kabul") == palette[1]
    page.select_option("#colour-by", "type")
    assert colour("person/ann-lee") == person_colour
    assert page.locator("#community-legend").is_hidden()


def test_html_opening_set_can_be_ranked_by_pagerank(open_page, tmp_path):
    # Two hubs: "a" has more neighbours, but "b"'s neighbours are themselves hubs.
    graph = nx.MultiDiGraph(name="newskg")

    def entity(node: str) -> None:
        if node not in graph:
            graph.add_node(node, kind="entity", type="Person", label=node.upper(), aliases=[], mention_count=1, doc_ids=[])

    def link(u: str, v: str) -> None:
        entity(u)
        entity(v)
        graph.add_edge(u, v, key="associatedWith", kind="relation", predicate="associatedWith", confidence=1.0, source_count=1,
                       methods=["x"], role=None, former=False, time=None, first_seen=None, last_seen=None, evidence=[])

    for number in range(12):
        link("a", f"a-leaf-{number}")
    for hub in range(3):
        link("b", f"b-hub-{hub}")
        for leaf in range(10):
            link(f"b-hub-{hub}", f"b-hub-{hub}-leaf-{leaf}")
    path = tmp_path / "ranked.html"
    write_html(graph, path, max_nodes=4, rank_by="pagerank")
    page, _ = open_page(path)
    simple = nx.Graph(graph.to_undirected())
    scores = nx.pagerank(simple)
    expected = sorted(sorted(scores, key=lambda n: (-scores[n], n))[:4])
    assert sorted(page.evaluate("() => newskg.shown().nodes")) == expected
    assert "PageRank" in page.inner_text("#notice-text")
    page.select_option("#rank-by", "degree")
    assert "a" in page.evaluate("() => newskg.shown().nodes")
    assert "degree" in page.inner_text("#notice-text")


def test_html_big_graph_draws_arrowheads_only_when_zoomed_in(open_page, tmp_path):
    graph = nx.MultiDiGraph(name="newskg")
    people = [f"person/p{number}" for number in range(300)]
    for number, node in enumerate(people):
        graph.add_node(node, kind="entity", type="Person", label=f"Person {number}", aliases=[], mention_count=1, doc_ids=[])
    for number in range(3100):  # above graph.html.LARGE_GRAPH_EDGES
        subject, obj = people[number % 300], people[(number * 7 + 1) % 300]
        graph.add_edge(subject, obj, key=f"knows-{number}", kind="relation", predicate="knows", confidence=1.0, source_count=1,
                       methods=["x"], role=None, former=False, time=None, first_seen=None, last_seen=None, evidence=[])
    path = tmp_path / "big.html"
    write_html(graph, path, max_nodes=0)
    page, _ = open_page(path)
    arrow_enabled = "() => newskg.network.body.edges['e0'].options.arrows.to.enabled"
    assert page.evaluate("() => newskg.arrowsShown()") is False
    assert page.evaluate(arrow_enabled) is False
    # No predicate labels on 3,100 shown edges either.
    assert page.evaluate("() => newskg.edges.get('e0').label") == ""
    page.evaluate("() => newskg.selectNode('person/p0', {focusCamera: true})")
    page.wait_for_function("() => newskg.arrowsShown()", timeout=10_000)
    assert page.evaluate(arrow_enabled) is True
    page.click("#reset")
    assert page.evaluate("() => newskg.arrowsShown()") is False
