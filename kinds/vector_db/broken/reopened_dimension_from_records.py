"""Breaks: a reopened store takes its dimension from a stored vector, so one emptied by deletes forgets it (a collection peeked for its first record)."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _InMemoryClient

CAUGHT_BY = "test_reopened_store_keeps_the_dimension_after_every_record_was_deleted"
PERSISTS = True

_FILES: dict = {}  # stands in for the data on disk: one store per path, kept across instances


class DemoAdapter(Reference):
    def __init__(self, *, path="store"):
        super().__init__()
        self.path = path

    def _client(self):
        self.ensure_open()
        if self._connection is None:
            self._connection = _FILES.setdefault(self.path, _InMemoryClient())
            stored = next(iter(self._connection.vectors.values()), None)
            self._dimension = None if stored is None else len(stored)
        return self._connection
