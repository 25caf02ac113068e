"""SPARQL over a build: an in-memory rdflib store or a persistent pyoxigraph store.

Both stores answer the same queries with the same answers, as an rdflib
:class:`~rdflib.query.Result`, which prints as a table or serializes to the SPARQL
results formats (JSON, XML, CSV, TSV).

User values never go into the query text: they are bound to variables
(``initBindings`` for rdflib, ``substitutions`` for pyoxigraph).

Examples:
    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("person/ada", kind="entity", type="Person", label="Ada", aliases=[], mention_count=1, doc_ids=[])
    >>> store = MemoryStore(graph)
    >>> result = store.query("SELECT ?e WHERE { ?e rdfs:label ?name }", bindings={"name": parse_binding("Ada")})
    >>> [str(row.e) for row in result]
    ['https://newskg.example.org/entity/person/ada']
"""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path
from typing import Iterable, Mapping, Protocol

import networkx as nx
from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from graph.rdf import PREFIXES, name_key, nquads_bytes, to_dataset

RESULT_FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "xml")
_UPDATE_KEYWORDS = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


class QueryError(ValueError):
    """A query that cannot run, with the line and column where it failed when known."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None, query: str = "") -> None:
        self.line, self.column, self.reason = line, column, message
        located = f"query error at line {line}, column {column}: " if line is not None and column is not None else "query error: "
        pointer = ""
        if line is not None and column is not None and query:
            lines = query.splitlines() or [""]
            if 1 <= line <= len(lines):
                pointer = f"\n  {lines[line - 1]}\n  {' ' * max(column - 1, 0)}^"
        super().__init__(f"{located}{message}{pointer}")


class ResultTooLarge(QueryError):
    pass


class UpdateNotAllowed(QueryError):
    pass


class Store(Protocol):
    def query(self, text: str, *, bindings: Mapping[str, Node] | None = None, max_rows: int | None = None) -> Result: ...


def parse_binding(value: str) -> Node:
    """A ``--bind`` value as an RDF term: ``<iri>`` is an IRI, anything else a plain string.

    Examples:
        >>> parse_binding("<https://example.org/x>")
        rdflib.term.URIRef('https://example.org/x')
        >>> parse_binding("al-Qaeda")
        rdflib.term.Literal('al-Qaeda')
    """
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return URIRef(value[1:-1])
    return Literal(value)


def parse_bind_options(options: Iterable[str]) -> dict[str, Node]:
    bindings: dict[str, Node] = {}
    for option in options:
        name, separator, value = option.partition("=")
        name = name.strip().lstrip("?$")
        if not separator or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--bind {option!r}: expected NAME=VALUE, e.g. --bind name=al-Qaeda")
        bindings[name] = parse_binding(value)
    return bindings


_NAME_KEY_VARIABLE = re.compile(r"(?:\bnkg:nameKey|<https://newskg\.example\.org/ontology#nameKey>)\s+[?$]([A-Za-z_][A-Za-z0-9_]*)")


def name_key_bindings(text: str, bindings: Mapping[str, Node] | None) -> dict[str, Node]:
    """``bindings`` with each string bound to a variable the query matches against ``nkg:nameKey``
    lowercased the way the keys are (``graph.rdf.name_key``), so ``--bind name=Al-Qaeda`` finds
    "al-qaeda" through the index. Other bindings pass unchanged.

    Examples:
        >>> name_key_bindings("SELECT ?e ?n WHERE { ?e nkg:nameKey ?n }", {"n": Literal("Al-Qaeda")})
        {'n': rdflib.term.Literal('al-qaeda')}
    """
    keyed = set(_NAME_KEY_VARIABLE.findall(text))
    return {
        name: Literal(name_key(str(value))) if name in keyed and isinstance(value, Literal) else value
        for name, value in (bindings or {}).items()
    }


def check_read_only(text: str) -> None:
    """Refuse SPARQL Update before any store sees it (the stores are read-only views)."""
    without_prologue = re.sub(r"(?is)^\s*((#[^\n]*\n)|(PREFIX\s+[^\s:]*:\s*<[^>]*>)|(BASE\s*<[^>]*>)|\s)+", "", text)
    if _UPDATE_KEYWORDS.match(without_prologue):
        raise UpdateNotAllowed("SPARQL Update is not allowed: this is a read-only query interface")


class MemoryStore:
    """The default: an rdflib ``Dataset`` in memory; the default graph is the union of all graphs."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.dataset = to_dataset(graph)

    def query(self, text: str, *, bindings: Mapping[str, Node] | None = None, max_rows: int | None = None) -> Result:
        check_read_only(text)
        try:
            prepared = prepareQuery(text, initNs=PREFIXES)
        except ParseBaseException as error:
            # pyoxigraph's parser names what it expected; rdflib's (pyparsing) often cannot.
            better = _oxigraph_syntax_check(text)
            raise better or QueryError(_short(str(error.msg)), line=error.lineno, column=error.col, query=text) from None
        except Exception as error:  # rdflib reports unknown prefixes etc. as plain Exception
            raise _oxigraph_syntax_check(text) or QueryError(str(error), query=text) from None
        init = {Variable(name): value for name, value in name_key_bindings(text, bindings).items()}
        try:
            result = self.dataset.query(prepared, initBindings=init)
        except Exception as error:
            raise QueryError(f"evaluation failed: {error}", query=text) from None
        if max_rows is not None and result.type == "SELECT":
            rows = list(itertools.islice(iter(result.bindings), max_rows + 1))
            if len(rows) > max_rows:
                raise ResultTooLarge(f"the result has more than {max_rows} rows; add a LIMIT")
        if max_rows is not None and result.type in ("CONSTRUCT", "DESCRIBE") and len(result.graph) > max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} triples; add a LIMIT")
        return result


class OxigraphStore:
    """A pyoxigraph store: in memory, or persistent on disk at ``path`` (graphs larger than memory)."""

    def __init__(self, store) -> None:  # noqa: ANN001 - pyoxigraph.Store
        self.store = store

    @classmethod
    def in_memory(cls, graph: nx.MultiDiGraph) -> "OxigraphStore":
        import pyoxigraph

        store = pyoxigraph.Store()
        _load_graph(store, graph)
        return cls(store)

    @classmethod
    def open(cls, path: str | Path, graph: nx.MultiDiGraph | None = None, *, fingerprint: str = "") -> "OxigraphStore":
        """Open (creating if needed) the store at ``path``; (re)load ``graph`` if the store holds another build."""
        import pyoxigraph

        store = pyoxigraph.Store(str(path))
        if graph is not None and _stored_fingerprint(store) != fingerprint:
            store.clear()
            _load_graph(store, graph)
            store.add(pyoxigraph.Quad(_META_SUBJECT, _META_FINGERPRINT, pyoxigraph.Literal(fingerprint), _META_GRAPH))
            store.flush()
        return cls(store)

    @classmethod
    def open_read_only(cls, path: str | Path) -> "OxigraphStore":
        import pyoxigraph

        return cls(pyoxigraph.Store.read_only(str(path)))

    def query(self, text: str, *, bindings: Mapping[str, Node] | None = None, max_rows: int | None = None) -> Result:
        import pyoxigraph

        check_read_only(text)
        substitutions = {
            pyoxigraph.Variable(name): _to_oxigraph(value) for name, value in name_key_bindings(text, bindings).items()
        }
        try:
            answer = self.store.query(
                text, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as error:
            raise _oxigraph_syntax_error(str(error), text) from None
        except RuntimeError as error:
            if "projection" in str(error):
                raise QueryError(
                    f"{error}: with an oxigraph store, every --bind variable must also be in the SELECT list", query=text
                ) from None
            raise QueryError(f"evaluation failed: {error}", query=text) from None
        except OSError as error:
            raise QueryError(f"evaluation failed: {error}", query=text) from None
        if isinstance(answer, pyoxigraph.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if isinstance(answer, pyoxigraph.QuerySolutions):
            names = [variable.value for variable in answer.variables]
            result = Result("SELECT")
            result.vars = [Variable(name) for name in names]
            rows = []
            for index, solution in enumerate(answer):
                if max_rows is not None and index >= max_rows:
                    raise ResultTooLarge(f"the result has more than {max_rows} rows; add a LIMIT")
                rows.append({Variable(name): _from_oxigraph(solution[name]) for name in names if solution[name] is not None})
            result.bindings = rows
            return result
        result = Result("CONSTRUCT")
        result.graph = Graph(bind_namespaces="core")
        for index, triple in enumerate(answer):
            if max_rows is not None and index >= max_rows:
                raise ResultTooLarge(f"the result has more than {max_rows} triples; add a LIMIT")
            result.graph.add((_from_oxigraph(triple.subject), _from_oxigraph(triple.predicate), _from_oxigraph(triple.object)))
        return result


def build_fingerprint(directory: str | Path) -> str:
    """Identifies the build a persistent store was loaded from (hash of its graph.json)."""
    digest = hashlib.sha256()
    with open(Path(directory) / "graph.json", "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_store(graph: nx.MultiDiGraph, spec: str = "memory", *, directory: str | Path | None = None) -> Store:
    """The store named by ``spec``: ``memory`` (rdflib), ``oxigraph`` (in memory) or ``oxigraph:PATH``."""
    if spec == "memory":
        return MemoryStore(graph)
    if spec == "oxigraph":
        return OxigraphStore.in_memory(graph)
    if spec.startswith("oxigraph:") and spec[len("oxigraph:") :]:
        fingerprint = build_fingerprint(directory) if directory is not None else ""
        return OxigraphStore.open(spec[len("oxigraph:") :], graph, fingerprint=fingerprint)
    raise ValueError(f"unknown store {spec!r}: use 'memory', 'oxigraph' or 'oxigraph:PATH'")


def format_result(result: Result, format_name: str) -> str:
    """The result as ``csv``, ``tsv``, ``json`` or ``xml`` (SPARQL results formats), or Turtle for graphs."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    if format_name == "tsv":
        return results_tsv(result)
    data = result.serialize(format=format_name)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def results_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results (rdflib has no TSV writer): terms in N-Triples syntax, escaped."""
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false") + "\n"
    names = [str(variable) for variable in result.vars]
    lines = ["\t".join(f"?{name}" for name in names)]
    for row in result.bindings:
        lines.append("\t".join(_tsv_term(row.get(Variable(name))) for name in names))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    escaped = (
        str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    if isinstance(term, Literal) and term.language:
        return f'"{escaped}"@{term.language}'
    if isinstance(term, Literal) and term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def result_rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain strings, for a table (IRIs shortened with the known prefixes)."""
    if result.type == "ASK":
        return ["answer"], [["true" if result.askAnswer else "false"]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [[_short_term(term) for term in triple] for triple in sorted(result.graph)]
    names = [str(variable) for variable in result.vars]
    return names, [[_short_term(row.get(Variable(name))) for name in names] for row in result.bindings]


# ---------------------------------------------------------------- internals

_META_GRAPH = None
_META_SUBJECT = None
_META_FINGERPRINT = None


def _init_meta() -> None:
    global _META_GRAPH, _META_SUBJECT, _META_FINGERPRINT
    import pyoxigraph

    _META_GRAPH = pyoxigraph.NamedNode("urn:newskg:store")
    _META_SUBJECT = pyoxigraph.NamedNode("urn:newskg:store")
    _META_FINGERPRINT = pyoxigraph.NamedNode("urn:newskg:buildFingerprint")


def _stored_fingerprint(store) -> str | None:  # noqa: ANN001
    _init_meta()
    for quad in store.quads_for_pattern(_META_SUBJECT, _META_FINGERPRINT, None, _META_GRAPH):
        return quad.object.value
    return None


def _load_graph(store, graph: nx.MultiDiGraph) -> None:  # noqa: ANN001 - pyoxigraph.Store
    import pyoxigraph

    # Parsed and loaded by Oxigraph itself: no Python object per statement.
    store.bulk_load(nquads_bytes(graph, ordered=False), format=pyoxigraph.RdfFormat.N_QUADS)


def _to_oxigraph(term: Node):
    import pyoxigraph

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}")


def _from_oxigraph(term) -> Node:  # noqa: ANN001
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def _oxigraph_syntax_check(text: str) -> QueryError | None:
    import pyoxigraph

    try:
        pyoxigraph.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        return _oxigraph_syntax_error(str(error), text)
    except Exception:  # noqa: BLE001 - only syntax matters here
        return None
    return None


def _oxigraph_syntax_error(message: str, query: str) -> QueryError:
    located = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if located is None:
        return QueryError(_short(message), query=query)
    reason = located.group(3)
    if "Prefix not found" in reason:
        reason = f"unknown prefix; declare it with PREFIX or use one of {', '.join(PREFIXES)}"
    # pyoxigraph's column is one past the last character it could read; point at that character.
    column = max(int(located.group(2)) - 1, 1)
    return QueryError(_short(reason), line=int(located.group(1)), column=column, query=query)


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _short_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w.-]*", value[len(namespace) :] or "-"):
                return f"{prefix}:{value[len(namespace):]}"
        return value
    return str(term)
