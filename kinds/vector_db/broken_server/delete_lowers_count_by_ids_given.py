"""Breaks: count() is a running total that delete() lowers by the number of ids given, found or not (a counter key decremented by len(ids), not by what DEL removed)."""

import os
from pathlib import Path

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_model_random_operations_match_a_reference"

STORES_LOG = "RAG4CODE_DEMO_STORES"
"""tests/test_remote_contract.py names a file here: a line per store built,
naming the test that built it, to count the sequences the model test ran."""


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._total = None  # the counter, read from the server on first use
        if log := os.environ.get(STORES_LOG):
            with Path(log).open("a", encoding="utf-8") as out:
                out.write(os.environ.get("PYTEST_CURRENT_TEST", "") + "\n")

    def _counter(self):
        if self._total is None:
            self._total = len(self._client().vectors)
        return self._total

    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        total, before = self._counter(), set(client.vectors)
        super().upsert(ids, vectors, metadatas)  # a rejected batch raises here
        self._total = total + len(set(client.vectors) - before)

    def delete(self, ids):
        total = self._counter()
        super().delete(ids)
        self._total = total - len(check_ids(ids))

    def count(self):
        self._client()
        return self._counter()
