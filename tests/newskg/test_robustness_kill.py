"""A build killed mid-way (SIGKILL, Ctrl-C) leaves the previous outputs whole, and a rerun equals a clean build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD_INPUTS = ROOT / "tests" / "fixtures" / "bad_inputs"
FIRST_INPUTS = [BAD_INPUTS / "good_article.txt"]
SECOND_INPUTS = [BAD_INPUTS / "good_article.txt", BAD_INPUTS / "mojibake.txt", BAD_INPUTS / "windows_1252.txt"]
OUTPUTS = ("graph.json", "graph.ttl", "graph.html", "report.json")

# Runs `newskg build` with a pause at a chosen point, announced by a marker file,
# so the test can SIGKILL it exactly there rather than at a lucky moment.
PAUSING_BUILD = r"""
import os, sys, time
from pathlib import Path
marker, point = Path(sys.argv[1]), sys.argv[2]

def pause():
    marker.touch()
    time.sleep(600)

if point == "inside-a-write":
    # In the second output's write (graph.json is already replaced): its temporary
    # file is complete but not yet renamed over the previous file.
    real_fsync = os.fsync
    synced = []
    def fsync(descriptor):
        real_fsync(descriptor)
        synced.append(descriptor)
        if len(synced) == 2:
            pause()
    os.fsync = fsync
elif point == "while-parsing":
    import extract.extractor as extractor
    original_extract = extractor.Extractor.extract_doc
    seen = []
    def extract_doc(spacy_doc, document):
        seen.append(document.id)
        if len(seen) == 2:
            pause()
        return original_extract(spacy_doc, document)
    extractor.Extractor.extract_doc = staticmethod(extract_doc)

from newskg.cli import main
sys.argv = ["newskg", "build", *sys.argv[3:]]
main()
"""


def run_build(inputs: list[Path], out: Path) -> subprocess.CompletedProcess:
    script = "import sys; from newskg.cli import main; sys.argv[0] = 'newskg'; main()"
    command = [sys.executable, "-c", script, "build", *map(str, inputs), "--out", str(out), "--quiet"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def outputs_of(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def comparable(out: Path) -> dict:
    """What must be equal between two builds of the same inputs (timings aside)."""
    report = json.loads((out / "report.json").read_text())
    return {
        "graph": json.loads((out / "graph.json").read_text()),
        "turtle": (out / "graph.ttl").read_text(),
        "counts": report["counts"],
        "inputs": [(Path(entry["path"]).name, entry["status"]) for entry in report["inputs"]],
    }


def assert_whole(out: Path) -> None:
    import rdflib

    json.loads((out / "graph.json").read_text())
    json.loads((out / "report.json").read_text())
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert (out / "graph.html").read_text().rstrip().endswith("</html>")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """A first build (the previous outputs) and a clean build of the second inputs."""
    previous = tmp_path_factory.mktemp("previous")
    clean = tmp_path_factory.mktemp("clean")
    assert run_build(FIRST_INPUTS, previous).returncode == 0
    assert run_build(SECOND_INPUTS, clean).returncode == 0
    return previous, clean


@pytest.mark.slow
@pytest.mark.parametrize("point", ["while-parsing", "inside-a-write"])
def test_robustness_sigkill_mid_build_keeps_outputs_whole_and_rerun_equals_clean_build(tmp_path, builds, point):
    previous, clean = builds
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = outputs_of(out)
    marker = tmp_path / "paused"
    command = [sys.executable, "-c", PAUSING_BUILD, str(marker), point, *map(str, SECOND_INPUTS), "--out", str(out), "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "build never reached the kill point"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    # Every output is whole: each file is either the previous build's or the new build's, never half of one.
    assert_whole(out)
    after = outputs_of(out)
    new = outputs_of(clean)
    for name in OUTPUTS:
        assert after[name] == before[name] or name != "report.json" and comparable_file(out, clean, name), name
    if point == "while-parsing":
        assert after == before  # nothing was renamed into place yet
    assert after["report.json"] == before["report.json"] != new["report.json"]

    # Rerunning the killed build gives what a clean build gives.
    rerun = run_build(SECOND_INPUTS, out)
    assert rerun.returncode == 0, rerun.stderr
    assert comparable(out) == comparable(clean)
    assert not list(out.glob(".*.tmp")) or point == "inside-a-write"


def comparable_file(out: Path, clean: Path, name: str) -> bool:
    if name == "graph.json":
        return json.loads((out / name).read_text()) == json.loads((clean / name).read_text())
    return (out / name).read_bytes() == (clean / name).read_bytes()


def test_robustness_ctrl_c_while_writing_leaves_previous_output(tmp_path, monkeypatch):
    import spacy

    import graph.turtle
    from newskg.atomic import atomic_open
    from newskg.pipeline import BuildOptions, build

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "blank_model")
    options = BuildOptions(model=str(tmp_path / "blank_model"), formats=("nodelink", "turtle"), cache=False)
    out = tmp_path / "out"
    build(FIRST_INPUTS, out, options)
    before = outputs_of(out)

    def interrupted_write_turtle(graph, path) -> None:
        with atomic_open(path) as handle:
            handle.write("@prefix half: <")
            raise KeyboardInterrupt

    monkeypatch.setattr(graph.turtle, "write_turtle", interrupted_write_turtle)
    with pytest.raises(KeyboardInterrupt):
        build(SECOND_INPUTS, out, options)
    assert outputs_of(out)["graph.ttl"] == before["graph.ttl"]
    assert outputs_of(out)["report.json"] == before["report.json"]
    assert not list(out.glob(".*.tmp")), "the interrupted write left its temporary file behind"
