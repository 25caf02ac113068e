"""Whole builds over bad input: every input reported, one line each, and the right exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newskg.cli import app

BAD_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
GOOD = BAD_INPUTS / "good_article.txt"

# What the bad_inputs corpus must give, file by file.
EXPECTED_STATUS = {
    "all_bad.jsonl": "skipped",
    "articles.zip": "skipped",
    "broken_link.txt": "skipped",
    "disguised_pdf.txt": "skipped",
    "disguised_png.html": "skipped",
    "empty.txt": "skipped",
    "good_article.txt": "read",
    "latin_1.txt": "read",
    "loop_a.txt": "skipped",
    "loop_b.txt": "skipped",
    "mixed_records.jsonl": "partial",
    "mojibake.txt": "read",
    "no_extension": "skipped",
    "notes.xyz": "skipped",
    "nul_bytes.txt": "skipped",
    "only_scripts.html": "skipped",
    "photo.png": "skipped",
    "records.json": "partial",
    "report.pdf": "skipped",
    "scripts_everywhere.html": "read",
    "spreadsheet.csv": "skipped",
    "truncated.json": "skipped",
    "whitespace_only.txt": "skipped",
    "windows_1252.txt": "read",
    "zip_named.json": "skipped",
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def bad_inputs_build(tmp_path_factory, nlp, runner):
    """The bad_inputs corpus (plus a folder loop and a folder named like a file) built with the real model."""
    corpus = tmp_path_factory.mktemp("corpus") / "bad_inputs"
    shutil.copytree(BAD_INPUTS, corpus, symlinks=True)
    (corpus / "nested").mkdir()
    (corpus / "nested" / "loop").symlink_to("..")
    out = tmp_path_factory.mktemp("bad_build")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    return corpus, out, result


def test_robustness_bad_inputs_build_completes_with_exit_code_2(bad_inputs_build):
    _, out, result = bad_inputs_build
    assert result.exit_code == 2, result.output
    for name in ("graph.json", "graph.ttl", "graph.html", "report.json"):
        assert (out / name).is_file()


def test_robustness_report_lists_every_input_with_its_status(bad_inputs_build):
    corpus, out, _ = bad_inputs_build
    report = json.loads((out / "report.json").read_text())
    statuses = {Path(entry["path"]).relative_to(corpus).as_posix(): entry["status"] for entry in report["inputs"]}
    expected = dict(EXPECTED_STATUS, **{"nested/loop": "skipped"})
    assert statuses == expected
    for entry in report["inputs"]:
        assert (entry["reason"] is None) == (entry["status"] == "read"), entry
    assert report["input_summary"] == {"total": 26, "read": 5, "partial": 2, "skipped": 19}
    assert report["exit_code"] == 2
    # 5 read files give one document each, the two partial record files three between them.
    assert report["counts"]["documents"] == 8


def test_robustness_each_problem_is_one_line_naming_file_and_reason(bad_inputs_build):
    corpus, _, result = bad_inputs_build
    lines = result.stderr.splitlines()
    warnings = [line for line in lines if line.startswith("warning:")]
    # Nothing else on stderr: no wrapped continuation lines, no tracebacks.
    assert all(line.startswith(("warning:", "built ")) for line in lines), lines
    problems = {name for name, status in EXPECTED_STATUS.items() if status != "read"} | {"nested/loop"}
    assert len(warnings) == len(problems)
    for name in problems:
        (line,) = [line for line in warnings if f"{corpus / name}:" in line]
        assert len(line.split(": ", 2)[-1]) > 5  # a reason follows the file name
    assert any("line 2: invalid JSON" in line for line in warnings)
    assert any("binary file (PDF)" in line for line in warnings)
    assert any("symbolic link loop" in line and "nested/loop" in line for line in warnings)


def test_robustness_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path, nlp, runner):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(GOOD), str(BAD_INPUTS / "empty.txt"), str(GOOD), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert "empty.txt: empty file (--strict stops at the first problem)" in result.stderr
    assert not (out / "graph.json").exists() and not (out / "report.json").exists()


def test_robustness_all_inputs_bad_is_fatal_and_keeps_previous_outputs(tmp_path, nlp, runner):
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(GOOD), "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = snapshot(out)
    result = runner.invoke(app, ["build", str(BAD_INPUTS / "empty.txt"), str(BAD_INPUTS / "report.pdf"), "--out", str(out)])
    assert result.exit_code == 1
    assert "none of the 2 inputs gave a document; nothing was written" in result.stderr
    assert snapshot(out) == before


def test_robustness_missing_input_is_skipped_not_fatal(tmp_path, nlp, runner):
    result = runner.invoke(app, ["build", str(GOOD), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.stderr


def test_robustness_all_read_exits_0(tmp_path, nlp, runner):
    result = runner.invoke(app, ["build", str(GOOD), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["inputs"][0]["status"] == "read" and report["exit_code"] == 0


def test_robustness_large_file_builds_as_parts(tmp_path, monkeypatch):
    """A file over the streaming threshold goes through a whole build as part Documents.

    A blank spaCy pipeline keeps the parse cheap; the threshold is lowered so a
    1 MB file takes the same streaming path a 50 MB one does.
    """
    import spacy

    from extract import ingest
    from newskg.pipeline import BuildOptions, build

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "blank_model")
    monkeypatch.setattr(ingest, "STREAMING_THRESHOLD_BYTES", 100_000)
    paragraph = "Negotiators from Pakistan and Afghanistan met in Doha on Sunday, officials said. " * 5
    (tmp_path / "big.txt").write_text((paragraph + "\n\n") * 2500)
    report = build([tmp_path / "big.txt"], tmp_path / "out", BuildOptions(model=str(tmp_path / "blank_model"), formats=("nodelink",)))
    (entry,) = report.inputs
    assert entry["status"] == "read" and entry["documents"] == report.counts["documents"] > 10
    assert report.exit_code == 0
