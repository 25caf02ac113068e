"""Minted IRIs are always valid, whatever the name, and decode back to the node id."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.rdf import BaseIRIError, IRIMinter, check_base_iri

ids = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80)


@settings(max_examples=300, deadline=None)
@given(node_id=ids)
def test_rdf_iri_is_valid_and_round_trips(node_id):
    mint = IRIMinter()
    for iri, prefix in ((mint.entity(node_id), "entity/"), (mint.document(node_id), "document/")):
        # pyoxigraph validates IRIs against RFC 3987 and rejects invalid ones.
        assert pyoxigraph.NamedNode(str(iri)).value == str(iri)
        parts = urlsplit(str(iri))
        assert parts.scheme == "https" and parts.netloc == "newskg.example.org" and not parts.query and not parts.fragment
        assert unquote(parts.path[len("/" + prefix):]) == node_id


def test_rdf_iri_dot_segments_are_encoded():
    iri = str(IRIMinter().entity("person/../admin"))
    assert "/../" not in iri and iri.endswith("person/%2E%2E/admin")


def test_rdf_iri_is_stable_across_minters():
    assert IRIMinter().entity("organization/al-qaeda") == IRIMinter().entity("organization/al-qaeda")
    assert str(IRIMinter("https://example.org/kg").entity("place/kabul")) == "https://example.org/kg/entity/place/kabul"


@pytest.mark.parametrize("bad", ["not an iri", "example.org/x", "https://exa mple.org/", "https://x.org/?q=1", "https://x.org/<"])
def test_rdf_iri_bad_base_is_refused_with_a_reason(bad):
    with pytest.raises(BaseIRIError, match="base IRI"):
        check_base_iri(bad)
