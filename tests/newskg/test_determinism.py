"""Building the same inputs gives byte-identical outputs, whatever the order, cache or workers."""

from __future__ import annotations

import json

from newskg.pipeline import BuildOptions, build


def test_determinism_same_inputs_in_any_order_give_byte_identical_outputs(news_folder, tmp_path, build_snapshot):
    files = sorted(news_folder.iterdir())
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    build(files, forward)
    build(list(reversed(files)), backward)
    snapshot = build_snapshot(forward)
    assert {"graph.json", "graph.ttl", "graph.html", "report.json", "manifest.json"} <= set(snapshot)
    assert snapshot == build_snapshot(backward)

    # Again into the same folder, now entirely from the cache: still the same bytes.
    build([files[2], files[0], files[3], files[1]], forward)
    assert json.loads((forward / "report.json").read_text())["timings"]["documents_from_cache"] == len(files)
    assert build_snapshot(forward) == snapshot


def test_determinism_two_spacy_processes_give_the_same_build_as_one(news_folder, tmp_path, build_snapshot):
    # Two workers also write the outputs two at a time, in forked processes.
    formats = ("nodelink", "turtle", "html", "graphml")
    one, two = tmp_path / "one", tmp_path / "two"
    build([news_folder], one, BuildOptions(cache=False, formats=formats))
    report = build([news_folder], two, BuildOptions(cache=False, formats=formats, workers=2, batch_size=1))
    assert build_snapshot(one) == build_snapshot(two)
    assert report.outputs == ["graph.json", "graph.ttl", "graph.html", "graph.graphml"]
    assert all(f"write_{name}" in report.timings for name in formats)
