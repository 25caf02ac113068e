"""Neo4j (folder ``neo4j/``): CSVs for ``neo4j-admin database import`` and a ``load.cypher``.

The folder holds:

``nodes.csv``
    ``id:ID``, ``:LABEL`` (``Entity;Person`` … or ``Document``), then the
    flattened attributes of :mod:`graph.flatten` with Neo4j types in the header
    (``mention_count:long``, ``confidence:double``, ``former:boolean``,
    ``date:date``, ``aliases:string[]``; no suffix is a string).
``relationships.csv``
    ``:START_ID``, ``:END_ID``, ``:TYPE`` (the predicate such as ``leaderOf``,
    ``coMentionedWith`` or ``mentionedIn``), then the edge attributes.
``load.cypher``
    The same import with ``LOAD CSV`` for a running server: a uniqueness
    constraint on ``id`` per label, then one ``MERGE`` statement per label and
    per relationship type, so running it twice changes nothing.
``README.txt``
    The two commands.

Arrays are joined by U+001F (the ASCII unit separator, which no name contains;
one inside a value would become U+FFFD), so any other character, commas and
semicolons included, survives. Hence ``--array-delimiter=U+001F`` below.
Values may span lines, hence ``--multiline-fields=true``. CSV quoting is RFC
4180 (a quote inside a value is doubled), which both importers read.

Import into an empty, stopped database (Neo4j 5.19+ wants the database name
right after ``full``)::

    neo4j-admin database import full neo4j --nodes=nodes.csv --relationships=relationships.csv \\
        --array-delimiter=U+001F --multiline-fields=true
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx

from graph.flatten import ColumnType, Value, column_types, edge_label, edge_record, join_list, node_record, xml_safe
from newskg.atomic import atomic_write_text

ARRAY_DELIMITER = "\x1f"
ENTITY_LABEL = "Entity"
DOCUMENT_LABEL = "Document"
_NEO4J_TYPES: dict[ColumnType, str] = {
    "boolean": ":boolean",
    "int": ":long",
    "double": ":double",
    "string": "",
    "date": ":date",
    "list": ":string[]",
}
# How load.cypher turns a CSV text field into the typed property (``{}`` is the field).
_CYPHER_CONVERSIONS: dict[ColumnType, str] = {
    "boolean": "toBoolean({})",
    "int": "toInteger({})",
    "double": "toFloat({})",
    "string": "{}",
    "date": "date({})",
    "list": "split({}, '\\u001f')",
}
IMPORT_COMMAND = (
    "neo4j-admin database import full neo4j --nodes=nodes.csv --relationships=relationships.csv"
    " --array-delimiter=U+001F --multiline-fields=true"
)


def node_labels(data: Mapping[str, object]) -> list[str]:
    """Neo4j labels of a node: ``["Entity", "Person"]`` or ``["Document"]``."""
    if data.get("kind") == "document":
        return [DOCUMENT_LABEL]
    entity_type = str(data.get("type") or "")
    return [ENTITY_LABEL, entity_type] if entity_type.isidentifier() else [ENTITY_LABEL]


def write_neo4j(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the Neo4j import folder ``path`` (created if needed; each file atomically)."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    base_label = {node: node_labels(data)[0] for node, data in graph.nodes(data=True)}

    node_rows = [
        {"id": str(node), ":LABEL": ";".join(node_labels(data)), **node_record(data, keep_lists=True)}
        for node, data in graph.nodes(data=True)
    ]
    node_types = column_types({k: v for k, v in row.items() if k not in ("id", ":LABEL")} for row in node_rows)
    node_header = ["id:ID", ":LABEL", *(name + _NEO4J_TYPES[kind] for name, kind in node_types.items())]
    atomic_write_text(
        folder / "nodes.csv", _csv_text(node_header, ["id", ":LABEL", *node_types], node_rows, node_types)
    )

    relationship_rows = []
    endpoint_labels: dict[str, set[tuple[str, str]]] = {}
    for source, target, key, data in graph.edges(keys=True, data=True):
        relationship_type = edge_label(data)
        endpoint_labels.setdefault(relationship_type, set()).add((base_label[source], base_label[target]))
        record = edge_record(data, keep_lists=True)
        record.pop("label", None)  # it is the :TYPE
        record["edge_key"] = str(key)
        relationship_rows.append({":START_ID": str(source), ":END_ID": str(target), ":TYPE": relationship_type, **record})
    fixed = (":START_ID", ":END_ID", ":TYPE")
    relationship_types = column_types({k: v for k, v in row.items() if k not in fixed} for row in relationship_rows)
    relationship_header = [*fixed, *(name + _NEO4J_TYPES[kind] for name, kind in relationship_types.items())]
    atomic_write_text(
        folder / "relationships.csv",
        _csv_text(relationship_header, [*fixed, *relationship_types], relationship_rows, relationship_types),
    )

    node_columns = dict(zip(node_header[2:], node_types.values()))
    relationship_columns = dict(zip(relationship_header[3:], relationship_types.values()))
    atomic_write_text(
        folder / "load.cypher",
        load_cypher(
            node_columns=_columns_in_use(node_rows, ":LABEL", node_columns),
            relationship_columns=_columns_in_use(relationship_rows, ":TYPE", relationship_columns),
            endpoint_labels=endpoint_labels,
        ),
    )
    atomic_write_text(folder / "README.txt", _readme())


def load_cypher(
    *,
    node_columns: Mapping[str, Mapping[str, ColumnType]],
    relationship_columns: Mapping[str, Mapping[str, ColumnType]],
    endpoint_labels: Mapping[str, set[tuple[str, str]]],
) -> str:
    """The Cypher script that loads the two CSVs through ``LOAD CSV`` (Neo4j 5).

    ``node_columns`` maps each ``:LABEL`` value to the typed headers its rows
    use; ``relationship_columns`` the same per ``:TYPE``; ``endpoint_labels``
    gives each type's (start, end) base labels, so every ``MATCH`` uses an index.
    """
    label_sets = sorted(node_columns)
    labels = sorted({label for label_set in label_sets for label in label_set.split(";")})
    lines = [
        "// newskg graph for Neo4j 5. Copy nodes.csv and relationships.csv into the server's import folder, then:",
        "//   cypher-shell -u neo4j -p PASSWORD -f load.cypher",
        "// Safe to run again: every statement MERGEs on ids.",
        "",
    ]
    for label in labels:
        lines.append(
            f"CREATE CONSTRAINT {_identifier('newskg_' + label.lower() + '_id')} IF NOT EXISTS"
            f" FOR (n:{_identifier(label)}) REQUIRE n.id IS UNIQUE;"
        )
    lines.append("")
    for label_set in label_sets:
        cypher_labels = "".join(":" + _identifier(label) for label in label_set.split(";"))
        lines += [
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
            f"WITH row WHERE row.`:LABEL` = {_string(label_set)}",
            f"MERGE (n{cypher_labels} {{id: row.`id:ID`}})",
            _set_clause("n", node_columns[label_set]) + ";",
            "",
        ]
    for relationship_type in sorted(endpoint_labels):
        for start_label, end_label in sorted(endpoint_labels[relationship_type]):
            lines += [
                "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
                f"WITH row WHERE row.`:TYPE` = {_string(relationship_type)}",
                f"MATCH (a:{_identifier(start_label)} {{id: row.`:START_ID`}})",
                f"MATCH (b:{_identifier(end_label)} {{id: row.`:END_ID`}})",
                f"MERGE (a)-[r:{_identifier(relationship_type)}]->(b)",
                _set_clause("r", relationship_columns[relationship_type]) + ";",
                "",
            ]
    return "\n".join(lines)


def _columns_in_use(
    rows: Sequence[Mapping[str, Value]], group_by: str, columns: Mapping[str, ColumnType]
) -> dict[str, dict[str, ColumnType]]:
    """Per group (label set or type), the typed headers at least one of its rows fills."""
    used: dict[str, set[str]] = {}
    for row in rows:
        used.setdefault(str(row[group_by]), set()).update(name for name, value in row.items() if value is not None)
    return {
        group: {header: kind for header, kind in columns.items() if header.split(":", 1)[0] in names}
        for group, names in used.items()
    }


def _set_clause(variable: str, columns: Mapping[str, ColumnType]) -> str:
    assignments = []
    for header, column_type in columns.items():
        name = header.split(":", 1)[0]
        field = f"row.{_identifier(header)}"
        converted = _CYPHER_CONVERSIONS[column_type].format(field)
        if column_type != "string":
            # LOAD CSV gives an empty field as null or "", depending on the version.
            converted = f"CASE WHEN coalesce({field}, '') = '' THEN null ELSE {converted} END"
        assignments.append(f"{variable}.{_identifier(name)} = {converted}")
    return "SET " + ",\n    ".join(assignments) if assignments else f"SET {variable} = {variable}"


def _csv_text(
    header: list[str], columns: list[str], rows: Iterable[Mapping[str, Value]], types: Mapping[str, ColumnType]
) -> str:
    buffer = io.StringIO()
    # With CRLF as the line terminator, the writer quotes any value holding a
    # lone "\r" or "\n"; with "\n" alone, a bare "\r" would go out unquoted and
    # split the row for every reader.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_field(row.get(column), types.get(column, "string")) for column in columns])
    return buffer.getvalue()


def _csv_field(value: Value | None, column_type: ColumnType) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # NUL and the other C0 controls (the array delimiter among them) break CSV
    # readers and neo4j-admin, so they become U+FFFD as in the XML formats.
    if isinstance(value, list):
        if column_type == "list":
            return ARRAY_DELIMITER.join(xml_safe(item) for item in value)
        return xml_safe(join_list(value))  # a list in a column that also holds plain text
    return xml_safe(str(value))


def _identifier(name: str) -> str:
    """A Cypher identifier, backtick-quoted (a backtick inside is doubled)."""
    return "`" + name.replace("`", "``") + "`"


def _string(text: str) -> str:
    """A Cypher string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _readme() -> str:
    return (
        "newskg export for Neo4j 5\n\n"
        "Offline import into an empty database (server stopped), from this folder:\n\n"
        f"    {IMPORT_COMMAND}\n\n"
        "(add --overwrite-destination=true to replace an existing 'neo4j' database), then start the server\n"
        "and run the CREATE CONSTRAINT lines at the top of load.cypher.\n\n"
        "Or into a running server: copy nodes.csv and relationships.csv into its import folder, then\n\n"
        "    cypher-shell -u neo4j -p PASSWORD -f load.cypher\n\n"
        "Example query:\n\n"
        "    MATCH (p:Person)-[r:leaderOf]->(o:Organization) RETURN p.label, o.label, r.confidence\n"
    )
