from __future__ import annotations

import json


def test_pipeline_build_writes_graph_outputs_and_report(seed_build):
    out, report = seed_build
    for name in ("graph.json", "graph.ttl", "graph.html", "report.json"):
        assert (out / name).is_file(), name
    written = json.loads((out / "report.json").read_text())
    assert written["inputs"][0]["status"] == "read"
    assert written["counts"]["documents"] == 81
    assert report.exit_code == 0
