"""``newskg build --update DIR`` and rebuilds after a document is removed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.nodelink import read_nodelink
from newskg.cli import app
from newskg.pipeline import BuildOptions, UpdateError, build


def _labels(out) -> set[str]:
    graph = read_nodelink(out / "graph.json")
    return {data["label"] for _, data in graph.nodes(data=True) if data.get("kind") == "entity"}


def _doc_ids(out) -> set[str]:
    graph = read_nodelink(out / "graph.json")
    return {node for node, data in graph.nodes(data=True) if data.get("kind") == "document"}


def _timings(out) -> dict:
    return json.loads((out / "report.json").read_text())["timings"]


def test_incremental_update_equals_a_full_rebuild_without_reparsing(news_folder, tmp_path, build_snapshot):
    files = sorted(news_folder.iterdir())
    old, new = files[:2], files[2:]
    full = tmp_path / "full"
    build(files, full)

    updated = tmp_path / "updated"
    build(old, updated)
    assert _timings(updated)["documents_parsed"] == 2
    for path in old:  # --update needs neither the old input files ...
        path.unlink()
    build(new, updated, BuildOptions(update=True))

    assert _timings(updated)["documents_parsed"] == 2  # ... nor parses their documents again
    assert _timings(updated)["documents_from_cache"] == 2
    assert build_snapshot(updated) == build_snapshot(full)


def test_incremental_update_replaces_the_documents_of_an_input_read_again(news_folder, tmp_path, build_snapshot):
    files = sorted(news_folder.iterdir())
    updated = tmp_path / "updated"
    build(files, updated)
    edited = news_folder / "zawahiri.txt"
    edited.write_text("Strike in Kabul\n\nThe Taliban condemned a strike in Kabul, Afghanistan.", encoding="utf-8")
    build([edited], updated, BuildOptions(update=True))
    assert _timings(updated)["documents_parsed"] == 1

    full = tmp_path / "full"
    build(files, full)
    assert build_snapshot(updated) == build_snapshot(full)
    assert "Ayman al-Zawahiri" not in _labels(updated)


def test_incremental_removing_a_document_removes_the_facts_only_it_supported(news_folder, tmp_path, build_snapshot):
    out = tmp_path / "out"
    build([news_folder], out)
    before = _labels(out)
    assert {"Ayman al-Zawahiri", "Kabul"} <= before
    graph = read_nodelink(out / "graph.json")
    zawahiri_doc = next(n for n, d in graph.nodes(data=True) if d.get("kind") == "document" and "Zawahiri" in d["text"])

    (news_folder / "zawahiri.txt").unlink()
    build([news_folder], out)  # the same folder, rebuilt from the cache
    assert _timings(out)["documents_parsed"] == 0

    after = read_nodelink(out / "graph.json")
    assert "Ayman al-Zawahiri" not in _labels(out)
    assert "Kabul" in _labels(out)  # still supported by another article
    assert zawahiri_doc not in after
    for _, _, data in after.edges(data=True):
        for evidence in data.get("evidence", []):
            assert evidence["doc_id"] != zawahiri_doc

    clean = tmp_path / "clean"
    build([news_folder], clean, BuildOptions(cache=False))
    assert build_snapshot(out) == build_snapshot(clean)


def test_incremental_update_of_a_folder_without_a_build_is_a_clear_error(news_folder, tmp_path):
    with pytest.raises(UpdateError, match="build it once without --update"):
        build([news_folder], tmp_path / "nothing-here", BuildOptions(update=True))


def test_incremental_cli_update_adds_documents_and_keeps_the_model(news_folder, tmp_path):
    files = sorted(news_folder.iterdir())
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(files[0]), "--out", str(out), "-q", "-f", "nodelink"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["build", str(files[1]), "--update", str(out), "-q", "-f", "nodelink"])
    assert second.exit_code == 0, second.output
    assert len(_doc_ids(out)) == 2
    alone = runner.invoke(app, ["build", "--update", str(out), "-q", "-f", "nodelink"])
    assert alone.exit_code == 0, alone.output
    assert _timings(out)["documents_parsed"] == 0
    clash = runner.invoke(app, ["build", str(files[2]), "--update", str(out), "--out", str(tmp_path / "elsewhere")])
    assert clash.exit_code != 0
