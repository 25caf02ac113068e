"""The SPARQL endpoint speaks the protocol to a real client, and stays read-only and bounded."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, GET, JSON, POST, TSV, XML, SPARQLWrapper

from graph.endpoint import Endpoint, EndpointLimits
from graph.nodelink import write_nodelink

LEADER_QUERY = """
SELECT ?leader ?led WHERE {
  ?p nkg:leaderOf ?o . ?p rdfs:label ?leader . ?o rdfs:label ?led
}"""
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, rdf_sample_graph_shared):
    directory = tmp_path_factory.mktemp("endpoint")
    graph = rdf_sample_graph_shared
    write_nodelink(graph, directory / "graph.json")
    (directory / "graph.html").write_text("<!doctype html><title>view</title>", encoding="utf-8")
    limits = EndpointLimits(timeout=1.5, max_rows=50, max_request_bytes=4096, workers=2)
    with Endpoint(directory, graph, port=0, limits=limits) as running:
        yield running


def client(endpoint, method=GET, result_format=JSON) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(endpoint.url + "/sparql")
    wrapper.setMethod(method)
    wrapper.setReturnFormat(result_format)
    return wrapper


@pytest.mark.parametrize("method", [GET, POST])
def test_endpoint_answers_sparqlwrapper_in_json_by_get_and_post(endpoint, method):
    wrapper = client(endpoint, method)
    wrapper.setQuery(LEADER_QUERY)
    rows = wrapper.query().convert()["results"]["bindings"]
    assert [(row["leader"]["value"], row["led"]["value"]) for row in rows] == [("Ayman al-Zawahiri", "al-Qaeda")]


def test_endpoint_negotiates_xml_csv_and_tsv(endpoint):
    for result_format, expected in ((XML, "Ayman al-Zawahiri"), (CSV, "Ayman al-Zawahiri,al-Qaeda"), (TSV, '"Ayman al-Zawahiri"\t"al-Qaeda"')):
        wrapper = client(endpoint, POST, result_format)
        wrapper.setQuery(LEADER_QUERY)
        converted = wrapper.query().convert()
        text = converted.toxml() if hasattr(converted, "toxml") else converted.decode("utf-8")
        assert expected in text


def test_endpoint_ask_and_construct(endpoint):
    wrapper = client(endpoint)
    wrapper.setQuery("ASK { ?s nkg:controls ?o }")
    assert wrapper.query().convert()["boolean"] is True
    request = urllib.request.Request(
        endpoint.url + "/sparql?query=" + urllib.parse.quote("CONSTRUCT { ?s nkg:controls ?o } WHERE { ?s nkg:controls ?o }"),
        headers={"Accept": "text/turtle"},
    )
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
        assert b"controls" in response.read()


def _status(url, data=None, headers=None, method=None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_endpoint_refuses_every_kind_of_update(endpoint):
    url = endpoint.url + "/sparql"
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert _status(url, urllib.parse.urlencode({"update": update}).encode(), form)[0] == 403
    assert _status(url, update.encode(), {"Content-Type": "application/sparql-update"})[0] == 403
    assert _status(url, urllib.parse.urlencode({"query": update}).encode(), form)[0] == 403
    assert _status(url, b"", method="DELETE")[0] == 405
    wrapper = client(endpoint)
    wrapper.setQuery("ASK { <http://x/a> ?p ?o }")
    assert wrapper.query().convert()["boolean"] is False


def test_endpoint_rejects_oversized_requests(endpoint):
    url = endpoint.url + "/sparql"
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000
    assert _status(url, big.encode(), {"Content-Type": "application/sparql-query"})[0] == 413
    assert _status(url + "?query=" + urllib.parse.quote(big))[0] == 414


def test_endpoint_stops_a_query_at_the_time_limit_and_keeps_serving(endpoint):
    status, message = _status(endpoint.url + "/sparql?query=" + urllib.parse.quote(SLOW_QUERY))
    assert status == 503 and "limit" in message
    wrapper = client(endpoint)
    wrapper.setQuery(LEADER_QUERY)
    assert wrapper.query().convert()["results"]["bindings"]


def test_endpoint_caps_result_size_and_reports_syntax_errors(endpoint):
    status, message = _status(endpoint.url + "/sparql?query=" + urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }"))
    assert status == 400 and "LIMIT" in message
    status, message = _status(endpoint.url + "/sparql?query=" + urllib.parse.quote("SELECT * WHERE {\n ?s ?p }"))
    assert status == 400 and "line 2" in message


def test_endpoint_serves_the_html_view_at_root(endpoint):
    status, body = _status(endpoint.url + "/")
    assert status == 200 and "<title>view</title>" in body
    assert _status(endpoint.url + "/nothing-here")[0] == 404


def test_endpoint_binds_to_loopback_by_default():
    assert Endpoint(".", None).host == "127.0.0.1"
