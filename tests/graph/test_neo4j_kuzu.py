"""The Neo4j import CSVs, loaded into Kuzu (an embedded Cypher database) and queried.

The loader below reads the CSVs with Python's own csv module and the
``neo4j-admin database import`` header conventions (``name:type``, ``:ID``,
``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, arrays joined by U+001F),
creates one Kuzu node table per label and one rel table per type, and inserts
every row with parameters. Nothing of newskg is used to read the files back.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path
from typing import Any

import kuzu
import networkx as nx

from graph.flatten import xml_safe
from graph.neo4j import write_neo4j

_KUZU_TYPES = {"": "STRING", "string": "STRING", "long": "INT64", "int": "INT64", "double": "DOUBLE",
               "boolean": "BOOLEAN", "date": "DATE", "string[]": "STRING[]"}
_ARRAY_DELIMITER = "\x1f"


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _columns(header: list[str]) -> list[tuple[str, str, str]]:
    """(column name, property name, neo4j type) for every column of a neo4j-admin header."""
    columns = []
    for column in header:
        name, _, kind = column.partition(":")
        columns.append((column, name, kind))
    return columns


def _convert(text: str, kind: str) -> Any:
    if kind in ("long", "int"):
        return int(text)
    if kind == "double":
        return float(text)
    if kind == "boolean":
        return text == "true"
    if kind == "date":
        return datetime.date.fromisoformat(text)
    if kind == "string[]":
        return text.split(_ARRAY_DELIMITER)
    return text


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def load_into_kuzu(folder: Path, database: Path) -> kuzu.Connection:
    connection = kuzu.Connection(kuzu.Database(str(database)))
    node_header, node_rows = _read_csv(folder / "nodes.csv")
    columns = _columns(node_header)
    id_index = next(i for i, (_, _, kind) in enumerate(columns) if kind == "ID")
    label_index = node_header.index(":LABEL")
    properties = [(i, name, kind) for i, (_, name, kind) in enumerate(columns) if name and kind != "ID"]
    table_of: dict[str, str] = {}
    for row in node_rows:
        table_of[row[id_index]] = row[label_index].split(";")[-1]  # the most specific label
    for table in sorted(set(table_of.values())):
        definitions = ", ".join(f"{_quote(name)} {_KUZU_TYPES[kind]}" for _, name, kind in properties)
        connection.execute(f"CREATE NODE TABLE {_quote(table)}(`id` STRING, {definitions}, PRIMARY KEY(`id`))")
    # Rows with the same table and the same filled columns go in one UNWIND batch.
    node_batches: dict[tuple[str, tuple[int, ...]], list[dict[str, Any]]] = {}
    for row in node_rows:
        filled = tuple(number for number, (index, _, _) in enumerate(properties) if row[index] != "")
        values = {"id": row[id_index]}
        values.update({f"p{number}": _convert(row[properties[number][0]], properties[number][2]) for number in filled})
        node_batches.setdefault((table_of[row[id_index]], filled), []).append(values)
    for (table, filled), batch in node_batches.items():
        assignments = ", ".join(["`id`: row.id", *(f"{_quote(properties[n][1])}: row.p{n}" for n in filled)])
        connection.execute(f"UNWIND $rows AS row CREATE (n:{_quote(table)} {{{assignments}}})", {"rows": batch})

    relationship_header, relationship_rows = _read_csv(folder / "relationships.csv")
    columns = _columns(relationship_header)
    start, end, type_index = (relationship_header.index(c) for c in (":START_ID", ":END_ID", ":TYPE"))
    properties = [(i, name, kind) for i, (_, name, kind) in enumerate(columns) if name]
    pairs: dict[str, set[tuple[str, str]]] = {}
    for row in relationship_rows:
        pairs.setdefault(row[type_index], set()).add((table_of[row[start]], table_of[row[end]]))
    for relationship_type, endpoint_tables in sorted(pairs.items()):
        ends = ", ".join(f"FROM {_quote(a)} TO {_quote(b)}" for a, b in sorted(endpoint_tables))
        definitions = ", ".join(f"{_quote(name)} {_KUZU_TYPES[kind]}" for _, name, kind in properties)
        connection.execute(f"CREATE REL TABLE {_quote(relationship_type)}({ends}, {definitions})")
    relationship_batches: dict[tuple[str, str, str, tuple[int, ...]], list[dict[str, Any]]] = {}
    for row in relationship_rows:
        filled = tuple(number for number, (index, _, _) in enumerate(properties) if row[index] != "")
        values = {"start_id": row[start], "end_id": row[end]}
        values.update({f"p{number}": _convert(row[properties[number][0]], properties[number][2]) for number in filled})
        group = (row[type_index], table_of[row[start]], table_of[row[end]], filled)
        relationship_batches.setdefault(group, []).append(values)
    for (relationship_type, start_table, end_table, filled), batch in relationship_batches.items():
        assignments = ", ".join(f"{_quote(properties[n][1])}: row.p{n}" for n in filled)
        connection.execute(
            f"UNWIND $rows AS row MATCH (a:{_quote(start_table)} {{`id`: row.start_id}}),"
            f" (b:{_quote(end_table)} {{`id`: row.end_id}})"
            f" CREATE (a)-[:{_quote(relationship_type)} {{{assignments}}}]->(b)",
            {"rows": batch},
        )
    return connection


def _all(connection: kuzu.Connection, query: str, parameters: dict[str, Any] | None = None) -> list[list[Any]]:
    result = connection.execute(query, parameters or {})
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


def _load(graph: nx.MultiDiGraph, tmp_path: Path) -> kuzu.Connection:
    write_neo4j(graph, tmp_path / "neo4j")
    return load_into_kuzu(tmp_path / "neo4j", tmp_path / "kuzu")


def _counts(connection: kuzu.Connection) -> tuple[int, int]:
    return _all(connection, "MATCH (n) RETURN count(n)")[0][0], _all(connection, "MATCH ()-[r]->() RETURN count(r)")[0][0]


LEADERS = "MATCH (p:Person)-[r:leaderOf]->(o:Organization) WHERE o.label = $name RETURN p.label, r.source_count"


def test_neo4j_kuzu_loads_same_counts_and_answers_who_leads(export_leader_graph, tmp_path):
    connection = _load(export_leader_graph, tmp_path)
    assert _counts(connection) == (export_leader_graph.number_of_nodes(), export_leader_graph.number_of_edges())
    assert _all(connection, LEADERS, {"name": "al-Qaeda"}) == [["Ayman al-Zawahiri", 2]]
    (relation,) = _all(connection, "MATCH ()-[r:leaderOf]->() RETURN r.first_seen, r.last_seen, r.confidence")
    assert relation == [datetime.date(2021, 6, 1), datetime.date(2022, 8, 2), 0.92]
    (aliases,) = _all(connection, "MATCH (p:Person) WHERE p.id = 'person/zawahiri' RETURN p.aliases, p.mention_count")
    assert aliases == [["Zawahiri", "al-Zawahiri"], 3]


def test_neo4j_csv_headers_follow_neo4j_admin_import(export_leader_graph, tmp_path):
    write_neo4j(export_leader_graph, tmp_path / "neo4j")
    node_header, node_rows = _read_csv(tmp_path / "neo4j" / "nodes.csv")
    assert node_header[:2] == ["id:ID", ":LABEL"]
    assert {"mention_count:long", "aliases:string[]", "date:date", "label", "type", "kind"} <= set(node_header)
    assert {row[1] for row in node_rows} == {"Entity;Person", "Entity;Organization", "Entity;Place", "Document"}
    relationship_header, _ = _read_csv(tmp_path / "neo4j" / "relationships.csv")
    assert relationship_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"confidence:double", "source_count:long", "first_seen:date", "evidence:string[]"} <= set(relationship_header)


def test_neo4j_load_cypher_has_a_constraint_per_label_and_a_merge_per_type(export_leader_graph, tmp_path):
    write_neo4j(export_leader_graph, tmp_path / "neo4j")
    script = (tmp_path / "neo4j" / "load.cypher").read_text(encoding="utf-8")
    for label in ("Entity", "Person", "Organization", "Place", "Document"):
        assert re.search(rf"CREATE CONSTRAINT \S+ IF NOT EXISTS FOR \(n:`{label}`\) REQUIRE n\.id IS UNIQUE;", script)
    for relationship_type in ("leaderOf", "memberOf", "locatedIn", "coMentionedWith", "mentionedIn"):
        assert f"MERGE (a)-[r:`{relationship_type}`]->(b)" in script
    assert script.count("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row") == 4
    assert "date(row.`first_seen:date`)" in script and "split(row.`aliases:string[]`, '\\u001f')" in script
    assert "neo4j-admin database import full" in (tmp_path / "neo4j" / "README.txt").read_text(encoding="utf-8")


def test_neo4j_hostile_names_survive_kuzu(export_adversarial_graph, tmp_path):
    connection = _load(export_adversarial_graph, tmp_path)
    assert _counts(connection) == (export_adversarial_graph.number_of_nodes(), export_adversarial_graph.number_of_edges())
    read = {row[0]: (row[1], row[2]) for row in _all(connection, "MATCH (n) WHERE n.kind = 'entity' RETURN n.id, n.label, n.aliases")}
    for node, data in export_adversarial_graph.nodes(data=True):
        if data["kind"] == "entity":
            assert read[xml_safe(node)] == (xml_safe(data["label"]), [xml_safe(alias) for alias in data["aliases"]])
    leader = 'Ayman "the Doctor" al-Zawahiri <AZ> & co'
    assert _all(connection, LEADERS, {"name": "al-Qa'ida, \"the Base\" & <Sons>"}) == [[leader, 2]]


def test_neo4j_seed_loads_into_kuzu_with_same_counts_and_names(seed_graph, tmp_path):
    connection = _load(seed_graph, tmp_path)
    assert _counts(connection) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    expected = {node: data["label"] for node, data in seed_graph.nodes(data=True) if data["kind"] == "entity"}
    assert {row[0]: row[1] for row in _all(connection, "MATCH (n) WHERE n.kind = 'entity' RETURN n.id, n.label")} == expected
