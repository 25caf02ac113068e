"""A build killed with SIGKILL mid-way, then rerun, equals a clean build (the cache survives)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from newskg.pipeline import BuildOptions, build

FORMATS = ("nodelink", "turtle")
DOCUMENTS = 100


def _write_corpus(path, articles_folder) -> None:
    texts = [article.read_text(encoding="utf-8") for article in sorted(articles_folder.iterdir())]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(DOCUMENTS):
            body = texts[number % len(texts)].split("\n\n", 1)[1]
            record = {"title": f"Report {number}", "text": f"{body} This is report {number} from Kabul.", "date": "2024-05-01"}
            handle.write(json.dumps(record) + "\n")


def _command(corpus, out) -> list[str]:
    arguments = [str(corpus), "--out", str(out), "--batch-size", "2", "-q"]
    for name in FORMATS:
        arguments += ["-f", name]
    return [sys.executable, "-c", "import sys; from newskg.cli import main; sys.argv[0] = 'newskg'; main()", "build", *arguments]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_rerun_after_sigkill_the_rerun_equals_a_clean_build(news_folder, tmp_path, build_snapshot, nlp):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, news_folder)
    out = tmp_path / "killed"
    cache = out / "cache"

    process = subprocess.Popen(_command(corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if cache.is_dir() and sum(1 for _ in cache.rglob("*.json")) >= 10:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be killed: " + process.stderr.read().decode()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert not (out / "graph.json").exists()
    cached_before_rerun = sum(1 for _ in cache.rglob("*.json"))
    assert 10 <= cached_before_rerun < DOCUMENTS

    rerun = subprocess.run(_command(corpus, out), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    timings = json.loads((out / "report.json").read_text())["timings"]
    assert timings["documents_from_cache"] >= cached_before_rerun - 1  # an entry being renamed at the kill may be lost, never corrupt
    assert timings["documents_parsed"] + timings["documents_from_cache"] == DOCUMENTS

    clean = tmp_path / "clean"
    build([corpus], clean, BuildOptions(cache=False, formats=FORMATS))
    assert build_snapshot(out) == build_snapshot(clean)
