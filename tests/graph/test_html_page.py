"""The HTML view's page, without a browser: self-contained, escaped, laid out."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.html import VIS_NETWORK_JS, highlight_segments, highlight_spans, html_page, json_for_script, write_html
from graph.html_layout import packed_layout

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">javascript:alert(1)\u2028\u202e\u200b😀'


def _hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="newskg")
    graph.add_node("doc-1", kind="document", doc_kind="article", title=HOSTILE, publisher=HOSTILE, authors=[], date=None,
                   source="x.txt", url="javascript:alert(1)", parent_id=None, text=HOSTILE)
    graph.add_node("person/x", kind="entity", type="Person", label=HOSTILE, aliases=[HOSTILE], mention_count=1, doc_ids=["doc-1"])
    graph.add_edge("person/x", "doc-1", key="mention", kind="mention", count=1,
                   mentions=[{"start": 0, "end": 8, "text": HOSTILE, "sentence": 0}])
    return graph


def _data_block(page: str, name: str = "data") -> str:
    match = re.search(rf'<script type="application/json" id="newskg-{name}">(.*?)</script>', page, re.S)
    assert match
    return match.group(1)


def test_html_page_loads_nothing_from_the_network():
    page = html_page(_hostile_graph())
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert "@import" not in page and "url(http" not in page
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page.lower()
    assert "default-src 'none'" in page


def test_html_page_embeds_hostile_text_only_as_escaped_json():
    page = html_page(_hostile_graph())
    for name in ("data", "details"):
        block = _data_block(page, name)
        assert "<" not in block and ">" not in block and "\u2028" not in block
    assert json.loads(_data_block(page, "details"))["nodes"]["person/x"]["label"] == HOSTILE
    assert json.loads(_data_block(page))["nodes"][1]["aliases"] == [HOSTILE]
    # The only script elements are the template's four (vis-network's own code
    # holds the string "<script>" in a polyfill).
    assert page.count("<script") == 4 + VIS_NETWORK_JS.read_text(encoding="utf-8").count("<script")


def test_html_page_counts_every_node_and_edge(tmp_path):
    graph = _hostile_graph()
    write_html(graph, tmp_path / "graph.html")
    data = json.loads(_data_block((tmp_path / "graph.html").read_text(encoding="utf-8")))
    assert data["totals"] == {"nodes": 2, "edges": 1}
    assert len(data["nodes"]) == 2 and data["edges"]["count"] == 1


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.none(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20))
def test_html_json_for_script_round_trips_and_cannot_close_the_script(value):
    text = json_for_script(value)
    assert json.loads(text) == value
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text


def test_html_highlight_segments_count_code_points_not_utf16():
    sentence = "😀 Mullah Omar led the Taliban."
    segments = highlight_segments(sentence, 10, [(10 + sentence.index("Taliban"), 10 + sentence.index("Taliban") + 7)])
    assert segments == [["😀 Mullah Omar led the ", False], ["Taliban", True], [".", False]]
    assert "".join(text for text, _ in segments) == sentence


def test_html_highlight_segments_clip_and_merge_overlaps():
    assert highlight_segments("abcdef", 0, [(4, 99), (-3, 2), (1, 3)]) == [["ab", True], ["c", True], ["d", False], ["ef", True]]
    assert highlight_segments("", 0, []) == [["", False]]


def test_html_layout_is_deterministic_and_keeps_components_apart():
    nodes = [f"n{i}" for i in range(30)] + ["lone"]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(14)] + [(f"n{i}", f"n{i + 1}") for i in range(15, 29)]
    first = packed_layout(nodes, edges, scale=10)
    assert first == packed_layout(nodes, edges, scale=10)
    assert set(first) == set(nodes)
    assert len({(round(x, 3), round(y, 3)) for x, y in first.values()}) == len(nodes)
    assert packed_layout([], []) == {}


def test_html_highlight_spans_merge_touching_pieces_and_count_code_points():
    sentence = "😀 Mullah Omar led the Taliban."
    start = sentence.index("Mullah")
    assert highlight_spans(sentence, 0, [(start, start + 6), (start + 6, start + 11)]) == [[start, start + 11]]
    assert highlight_spans(sentence, 0, []) == []


def test_html_page_stores_each_evidence_sentence_once():
    graph = _hostile_graph()
    graph.add_node("person/y", kind="entity", type="Person", label="Y", aliases=[], mention_count=1, doc_ids=["doc-1"])
    record = {"doc_id": "doc-1", "sentence": 0, "start": 0, "end": len(HOSTILE), "text": HOSTILE, "highlights": []}
    graph.add_edge("person/x", "person/y", key="coMentionedWith", kind="co_mention", weight=1, evidence=[record])
    graph.add_edge("person/x", "person/y", key="knows", kind="relation", predicate="knows", confidence=0.5, source_count=1,
                   methods=["x"], evidence=[dict(record, highlights=[[0, 8]])])
    details = json.loads(_data_block(html_page(graph), "details"))
    assert details["sentences"] == [HOSTILE]
    evidence = [item["evidence"][0] for item in details["edges"].values() if "evidence" in item]
    assert [record["sentence"] for record in evidence] == [0, 0]


def test_html_page_rejects_an_unknown_ranking():
    with pytest.raises(ValueError):
        html_page(_hostile_graph(), rank_by="betweenness")
