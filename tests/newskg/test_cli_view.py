"""``newskg view``: rewriting the page with another opening set."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from graph.nodelink import write_nodelink
from newskg.cli import app
from tests.graph.test_html_browser import dated_graph


def _page_data(path) -> dict:
    block = re.search(r'id="newskg-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert block
    return json.loads(block.group(1))


def test_cli_view_rank_by_pagerank_rewrites_the_page(tmp_path):
    write_nodelink(dated_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(app, ["view", str(tmp_path), "--max-nodes", "3", "--rank-by", "pagerank"], catch_exceptions=False)
    assert result.exit_code == 0
    data = _page_data(tmp_path / "graph.html")
    assert data["rankBy"] == "pagerank" and data["maxNodes"] == 3
    assert data["dateRange"] == ["2024-01-10", "2024-06-20"]


def test_cli_view_rejects_an_unknown_ranking(tmp_path):
    write_nodelink(dated_graph(), tmp_path / "graph.json")
    result = CliRunner().invoke(app, ["view", str(tmp_path), "--rank-by", "betweenness"])
    assert result.exit_code == 1
    assert not (tmp_path / "graph.html").exists()
