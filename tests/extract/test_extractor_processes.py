"""``--workers N``: worker processes parse and extract; the result equals one process's."""

from __future__ import annotations

from pathlib import Path

from extract.extractor import Extractor
from newskg.pipeline import BuildReport, read_documents

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_45bf02ee4dcabb9b.txt"


def test_extractor_processes_two_workers_give_the_same_extractions_in_the_same_order(extractor: Extractor) -> None:
    documents = read_documents([SEED], BuildReport())[:30]
    alone = list(extractor.pipe(documents, batch_size=4))
    in_workers = list(extractor.pipe(documents, batch_size=4, n_process=2))
    assert [e.document.id for e in in_workers] == [d.id for d in documents]
    assert in_workers == alone
    assert sum(len(e.mentions) for e in in_workers) > 30
    assert any(e.relations for e in in_workers)
