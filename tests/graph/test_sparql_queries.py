"""The example queries answer right, both stores give the same answers, bound values are
never code, and a broken query says where it broke."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.sparql import MemoryStore, OxigraphStore, QueryError, UpdateNotAllowed, open_store, parse_bind_options

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def run(store, query_file: str, **bindings: str):
    result = store.query((QUERIES / query_file).read_text(encoding="utf-8"), bindings={k: Literal(v) for k, v in bindings.items()})
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


@pytest.fixture(params=["memory", "oxigraph", "oxigraph-disk"])
def store(request, rdf_sample_graph, tmp_path):
    if request.param == "memory":
        return MemoryStore(rdf_sample_graph)
    if request.param == "oxigraph":
        return OxigraphStore.in_memory(rdf_sample_graph)
    return OxigraphStore.open(tmp_path / "store", rdf_sample_graph, fingerprint="test")


def test_sparql_leaders_query_gives_the_leader_with_evidence_and_headline(store):
    rows = run(store, "leaders.rq")
    assert len(rows) == 1
    assert rows[0]["leader"] == "Ayman al-Zawahiri" and rows[0]["led"] == "al-Qaeda"
    assert rows[0]["evidence"] == "Al-Qaeda's leader, Ayman al-Zawahiri, hid in Kabul."
    assert rows[0]["headline"] == "Al-Qaeda regroups in Kabul" and rows[0]["publisher"] == "Geopolitical Monitor"


def test_sparql_entity_query_lists_relations_both_ways(store):
    facts = {(row["direction"], row["property"], row["value"]) for row in run(store, "entity.rq", name="Al-Qaeda")}
    assert ("->", "label", "al-Qaeda") in facts and ("->", "altLabel", "Al-Qaeda") in facts
    assert ("<-", "leaderOf", "Ayman al-Zawahiri") in facts
    assert ("->", "locatedIn", "Kabul") in facts
    assert ("->", "mentionedIn", "Al-Qaeda regroups in Kabul") in facts


def test_sparql_sources_with_both_and_places_and_people_tied_to_both(store):
    sources = run(store, "sources_with_both.rq", first="Taliban", second="Kabul")
    assert [row["headline"] for row in sources] == ["Al-Qaeda regroups in Kabul", "Taliban rules Kabul"]
    places = run(store, "organization_places.rq", organization="taliban")
    assert [(row["place"], row["relation"]) for row in places] == [("Kabul", "controls")]
    people = run(store, "people_tied_to_both.rq", x="al-Qaeda", y="Kabul")
    assert [row["person"] for row in people] == ["Ayman al-Zawahiri"]
    assert "leaderOf" in people[0]["tiesToX"] and "locatedIn" in people[0]["tiesToY"]


def test_sparql_stores_give_the_same_answers(rdf_sample_graph):
    memory, oxigraph = MemoryStore(rdf_sample_graph), OxigraphStore.in_memory(rdf_sample_graph)
    for query_file, bindings in [("leaders.rq", {}), ("entity.rq", {"name": "Kabul"}), ("sources_with_both.rq", {"first": "Kabul", "second": "Taliban"})]:
        assert run(memory, query_file, **bindings) == run(oxigraph, query_file, **bindings)


def test_sparql_bound_values_are_data_never_query_text(store):
    hostile = 'x" } UNION { ?s ?p ?o } #'
    assert run(store, "entity.rq", name=hostile) == []


def test_sparql_syntax_error_points_at_line_and_column(store):
    with pytest.raises(QueryError) as error:
        store.query("SELECT ?e\nWHERE { ?e rdfs:label ?n\n FILTER(?n = }")
    assert error.value.line == 3
    assert "line 3, column" in str(error.value) and "^" in str(error.value)


def test_sparql_updates_are_refused(store):
    with pytest.raises(UpdateNotAllowed):
        store.query("PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }")


def test_sparql_bind_options_parse_strings_and_iris():
    bindings = parse_bind_options(["name=al-Qaeda", "?e=<https://example.org/x>"])
    assert str(bindings["name"]) == "al-Qaeda" and bindings["e"].n3() == "<https://example.org/x>"
    with pytest.raises(QueryError):
        parse_bind_options(["no-equals-sign"])


def test_sparql_unknown_store_is_refused(rdf_sample_graph):
    with pytest.raises(ValueError, match="unknown store"):
        open_store(rdf_sample_graph, "postgres:x")


def test_sparql_query_cli_prints_csv_with_bound_values(rdf_sample_graph, tmp_path):
    from typer.testing import CliRunner

    from graph.nodelink import write_nodelink
    from newskg.cli import app

    write_nodelink(rdf_sample_graph, tmp_path / "graph.json")
    result = CliRunner().invoke(app, ["query", str(tmp_path), "--file", str(QUERIES / "leaders.rq"), "--format", "csv", "--store", "oxigraph"])
    assert result.exit_code == 0, result.output
    assert "Ayman al-Zawahiri,al-Qaeda" in result.output
    broken = CliRunner().invoke(app, ["query", str(tmp_path), "SELECT ?x WHERE { ?x ?y }"])
    assert broken.exit_code == 1
