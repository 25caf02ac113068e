"""Shared fixtures: the real model, loaded once, and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_45bf02ee4dcabb9b.txt"


@pytest.fixture(scope="session")
def nlp():
    from extract.extractor import load_model

    return load_model()


@pytest.fixture(scope="session")
def extractor(nlp):
    from extract.extractor import Extractor

    return Extractor(nlp)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, nlp):
    """The seed article built once into a folder, with the real model."""
    from newskg.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("seed_build")
    report = build([SEED], out, BuildOptions())
    return out, report


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    from graph.nodelink import read_nodelink

    out, _ = seed_build
    return read_nodelink(out / "graph.json")
