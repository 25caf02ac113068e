"""One reader per input format, and the byte-level checks they share.

``extract.ingest`` picks the reader by file extension after the byte checks in
:mod:`extract.readers.sniff`; each reader turns text into :class:`~newskg.model.Document`
objects and reports what it could not keep instead of raising.
"""
