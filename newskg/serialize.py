"""``DocumentExtraction`` to compact JSON and back, losslessly.

Used by the extraction cache (one entry per document) and by the Dask workers
(results travel back to the client as these strings). The encoding is generic
over the dataclasses in :mod:`newskg.model`, so a field added there is carried
without a change here:

* fields equal to their default are left out;
* tuples become lists, and are turned back into tuples from the type hints;
* ``doc_id`` fields equal to the document's id are left out (every sentence,
  mention and evidence repeats it) and filled back in on reading.

Examples:
    >>> from newskg.model import Document, DocumentExtraction
    >>> extraction = DocumentExtraction(Document(id="doc-1", text="Hi.", source="a.txt"))
    >>> dumps_extraction(extraction)
    '{"document":{"id":"doc-1","source":"a.txt","text":"Hi."}}'
    >>> loads_extraction(dumps_extraction(extraction)) == extraction
    True
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from typing import Any

from newskg.model import Document, DocumentExtraction

_MISSING = dataclasses.MISSING


class SerializationError(ValueError):
    """The text is not a serialized extraction this version can read."""


def extraction_to_dict(extraction: DocumentExtraction) -> dict[str, Any]:
    return _to_plain(extraction, doc_id=extraction.document.id)


def extraction_from_dict(data: dict[str, Any]) -> DocumentExtraction:
    try:
        doc_id = data["document"]["id"]
        return _from_plain(DocumentExtraction, data, doc_id=doc_id)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SerializationError(f"not a serialized extraction: {error}") from error


def dumps_extraction(extraction: DocumentExtraction) -> str:
    """One line of JSON, keys sorted, so equal extractions give equal text."""
    return json.dumps(extraction_to_dict(extraction), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads_extraction(text: str | bytes) -> DocumentExtraction:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise SerializationError(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise SerializationError("not a JSON object")
    return extraction_from_dict(data)


def document_to_dict(document: Document) -> dict[str, Any]:
    return _to_plain(document, doc_id=None)


def document_from_dict(data: dict[str, Any]) -> Document:
    try:
        return _from_plain(Document, data, doc_id=None)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SerializationError(f"not a serialized document: {error}") from error


# --- generic dataclass <-> plain JSON values ---------------------------------------------------


def _to_plain(value: Any, *, doc_id: str | None) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if _is_default(field, item):
                continue
            # The document's own id is kept; only the repeats of it are dropped.
            if field.name == "doc_id" and item == doc_id:
                continue
            plain[field.name] = _to_plain(item, doc_id=doc_id)
        return plain
    if isinstance(value, (tuple, list)):
        return [_to_plain(item, doc_id=doc_id) for item in value]
    if isinstance(value, dict):
        return {key: _to_plain(item, doc_id=doc_id) for key, item in value.items()}
    return value


def _is_default(field: dataclasses.Field, value: Any) -> bool:
    if field.default is not _MISSING:
        return value == field.default and type(value) is type(field.default)
    if field.default_factory is not _MISSING:  # type: ignore[misc]
        return value == field.default_factory()  # type: ignore[misc]
    return False


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_plain(hint: Any, value: Any, *, doc_id: str | None) -> Any:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        arguments: dict[str, Any] = {}
        for field in dataclasses.fields(hint):
            if field.name in value:
                arguments[field.name] = _from_plain(hints[field.name], value[field.name], doc_id=doc_id)
            elif field.name == "doc_id" and doc_id is not None:
                arguments[field.name] = doc_id
        unknown = set(value) - {field.name for field in dataclasses.fields(hint)}
        if unknown:
            raise ValueError(f"unknown field(s) for {hint.__name__}: {', '.join(sorted(unknown))}")
        return hint(**arguments)
    origin = typing.get_origin(hint)
    if origin is tuple:
        arguments = typing.get_args(hint)
        if not isinstance(value, list):
            raise TypeError("expected a list")
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(_from_plain(arguments[0], item, doc_id=doc_id) for item in value)
        if len(arguments) != len(value):
            raise ValueError("tuple of the wrong length")
        return tuple(_from_plain(argument, item, doc_id=doc_id) for argument, item in zip(arguments, value))
    if origin is list:
        (item_hint,) = typing.get_args(hint) or (Any,)
        return [_from_plain(item_hint, item, doc_id=doc_id) for item in value]
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        for option in typing.get_args(hint):
            if option is type(None):
                continue
            try:
                return _from_plain(option, value, doc_id=doc_id)
            except (TypeError, ValueError):
                continue
        raise TypeError(f"no type in {hint} fits {value!r}")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
