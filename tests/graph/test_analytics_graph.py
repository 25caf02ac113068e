"""Analytics on a hand-built multi-document graph: counts, corroboration, centrality, paths, communities."""

from __future__ import annotations

import pytest

from extract.places import enrich_places
from graph import analytics
from graph.build import build_graph


def test_analytics_stats_counts_by_type_predicate_and_sources(news_graph):
    result = analytics.stats(news_graph)
    assert result.documents_by_kind == {"article": 2, "headline": 1}
    assert result.entities_by_type == {"Organization": 2, "Person": 2, "Place": 3}
    assert result.relations_by_predicate["leaderOf"] == 1
    assert result.relations_by_predicate["partOf"] == 2
    assert result.relations_by_source_count == {1: 5, 2: 1}
    assert (result.first_date, result.last_date) == ("2022-08-01", "2022-08-05")
    best = result.most_corroborated[0]
    assert (best["subject"], best["predicate"], best["object"], best["source_count"]) == (
        "Ayman al-Zawahiri", "leaderOf", "al-Qaeda", 2,
    )
    assert (best["first_seen"], best["last_seen"]) == ("2022-08-01", "2022-08-02")


def test_analytics_stats_ranks_the_hub_first(news_graph):
    result = analytics.stats(news_graph, top=3)
    assert result.top_by_degree[0].label == "al-Qaeda"
    assert result.top_by_pagerank[0].label == "al-Qaeda"
    assert result.top_by_betweenness[0].label == "Kabul"  # the bridge between the actors and the places
    assert len(result.top_by_sources) == 3
    assert analytics.stats(news_graph) == analytics.stats(news_graph)


def test_analytics_relations_only_ignores_co_mentions(news_graph):
    ranked = analytics.centrality(news_graph, relations_only=True)
    assert "person/sirajuddin-haqqani" not in [entity.id for entity in ranked["degree"]]


def test_analytics_neighbors_lists_relations_before_co_mentions(news_graph):
    found = analytics.neighbors(news_graph, "organization/al-qaeda")
    assert (found[0].label, found[0].direction, found[0].predicate, found[0].source_count) == (
        "Ayman al-Zawahiri", "in", "leaderOf", 2,
    )
    assert found[0].evidence == "Ayman al-Zawahiri led al-Qaeda."
    assert {n.label for n in found if n.direction == "co-mention"} >= {"Sirajuddin Haqqani"}
    assert all(n.direction != "co-mention" for n in analytics.neighbors(news_graph, "organization/al-qaeda", co_mentions=False))


def test_analytics_path_gives_typed_hops_with_evidence(news_graph):
    chains = analytics.shortest_paths(news_graph, "person/ayman-al-zawahiri", "organization/taliban")
    assert len(chains) == 2 and all(len(chain) == 2 for chain in chains)
    first = chains[0]  # through al-Qaeda: its first hop has two sources
    assert [(h.subject, h.predicate, h.object, h.forward) for h in first] == [
        ("person/ayman-al-zawahiri", "leaderOf", "organization/al-qaeda", True),
        ("organization/taliban", "alliedWith", "organization/al-qaeda", False),
    ]
    assert first[0].source_count == 2
    assert first[1].evidence["text"] == "The Taliban allied with al-Qaeda, said Sirajuddin Haqqani."
    assert first[1].evidence["publisher"] == "Reuters" and first[1].evidence["date"] == "2022-08-02"
    second = chains[1]
    assert [h.predicate for h in second] == ["killedIn", "controls"]


def test_analytics_path_never_uses_co_mentions(news_graph):
    # Haqqani is only named beside the others: no typed relation reaches him.
    assert analytics.shortest_paths(news_graph, "person/sirajuddin-haqqani", "organization/taliban") == []


def test_analytics_path_follows_gazetteer_part_of(news_graph):
    chains = analytics.shortest_paths(news_graph, "organization/taliban", "place/kunar")
    assert [hop.predicate for hop in chains[0]] == ["controls", "partOf", "partOf"]
    assert chains[0][1].evidence["doc_id"] == "gazetteer:geonames"


def test_analytics_communities_are_deterministic_and_written_on_nodes(news_corpus, news_graph):
    found = analytics.communities(news_graph)
    assert [c.id for c in found] == list(range(len(found)))
    members = {member: c.id for c in found for member in c.members}
    assert members["organization/al-qaeda"] == members["organization/taliban"]
    assert members["place/kunar"] == members["place/afghanistan"]
    again = build_graph(enrich_places(news_corpus))
    analytics.assign_communities(again)
    for node, data in news_graph.nodes(data=True):
        if data["kind"] == "entity":
            assert isinstance(data["community"], int)
            assert again.nodes[node]["community"] == data["community"]
        else:
            assert "community" not in data


@pytest.mark.parametrize("query", ["al-qaeda", "AL-QAIDA", "organization/al-qaeda", "  Al-Qaeda "])
def test_analytics_find_entity_by_label_alias_or_id(news_graph, query):
    assert analytics.find_entity(news_graph, query) == "organization/al-qaeda"


def test_analytics_find_entity_suggests_close_names(news_graph):
    with pytest.raises(analytics.EntityNotFoundError) as error:
        analytics.find_entity(news_graph, "Zawahri")
    assert "al-Zawahiri" in error.value.suggestions or "Ayman al-Zawahiri" in error.value.suggestions
    assert "did you mean" in str(error.value)


def test_analytics_on_a_graph_without_relations(news_corpus):
    from dataclasses import replace

    graph = build_graph(replace(news_corpus, relations=[]))
    assert analytics.stats(graph).relations_by_predicate == {}
    assert analytics.shortest_paths(graph, "organization/taliban", "organization/al-qaeda") == []
    assert analytics.communities(graph, relations_only=True)  # every entity alone, still numbered
