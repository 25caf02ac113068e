"""``newskg stats | neighbors | path | communities | timeline`` on a build folder."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from graph.nodelink import write_nodelink
from newskg.cli import app


@pytest.fixture
def build_dir(news_graph, tmp_path):
    write_nodelink(news_graph, tmp_path / "graph.json")
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_cli_analytics_stats_prints_counts_and_rankings(build_dir):
    result = _run("stats", str(build_dir))
    assert result.exit_code == 0
    for expected in ("documents: headline", "relations: leaderOf", "relations with 2 sources", "PageRank", "betweenness", "al-Qaeda"):
        assert expected in result.output
    as_json = json.loads(_run("stats", str(build_dir), "--json").output)
    assert as_json["entities_by_type"] == {"Organization": 2, "Person": 2, "Place": 3}
    assert as_json["top_by_degree"][0]["label"] == "al-Qaeda"


def test_cli_analytics_neighbors_by_alias_case_insensitive(build_dir):
    result = _run("neighbors", str(build_dir), "AL-QAIDA", "--json")
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert found["entity"] == "organization/al-qaeda"
    assert found["neighbors"][0]["predicate"] == "leaderOf" and found["neighbors"][0]["source_count"] == 2


def test_cli_analytics_path_shows_each_hop_with_evidence(build_dir):
    result = _run("path", str(build_dir), "al-zawahiri", "Taliban")
    assert result.exit_code == 0
    assert "Ayman al-Zawahiri leaderOf al-Qaeda" in result.output
    assert "Taliban alliedWith al-Qaeda" in result.output
    assert "The Taliban allied with al-Qaeda, said Sirajuddin Haqqani." in result.output
    assert "Reuters, 2022-08-02" in result.output


def test_cli_analytics_path_without_chain_exits_3(build_dir):
    result = _run("path", str(build_dir), "Sirajuddin Haqqani", "Taliban")
    assert result.exit_code == 3
    assert "no chain of typed relations" in result.output


def test_cli_analytics_unknown_entity_lists_close_matches(build_dir):
    result = _run("neighbors", str(build_dir), "Zawahri")
    assert result.exit_code == 1
    assert "no entity named 'Zawahri'" in result.output
    assert "al-Zawahiri" in result.output


def test_cli_analytics_communities(build_dir):
    result = _run("communities", str(build_dir), "--json")
    assert result.exit_code == 0
    communities = json.loads(result.output)
    labels = [{member["label"] for member in community["members"]} for community in communities]
    assert any({"al-Qaeda", "Taliban"} <= members for members in labels)


def test_cli_analytics_timeline_writes_csv(build_dir, tmp_path):
    target = tmp_path / "dated.csv"
    result = _run("timeline", str(build_dir), "--out", str(target))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["publisher"] for row in rows if row["record"] != "relation"] == ["AP News", "Reuters", "BBC"]
    assert _run("timeline", str(build_dir)).exit_code == 0
    assert (build_dir / "timeline.csv").is_file()
    stdout = _run("timeline", str(build_dir), "--out", "-").output
    assert stdout.startswith("date,date_source,record,")


def test_cli_analytics_missing_build_is_a_clear_error(tmp_path):
    result = _run("stats", str(tmp_path))
    assert result.exit_code == 1
    assert "no build here" in result.output
