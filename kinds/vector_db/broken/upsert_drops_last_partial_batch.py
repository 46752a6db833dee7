"""Breaks: a batch larger than one request is written in slices of 512 with an off-by-one range that drops the last, shorter slice."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_thousands_in_one_batch"

BATCH = 512  # the backend's largest write request


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        if len(rows) <= BATCH:  # fits in one request
            slices = [rows]
        else:  # stops before a slice shorter than BATCH
            slices = [rows[start : start + BATCH] for start in range(0, len(rows) - BATCH + 1, BATCH)]
        for batch in slices:
            for row in batch:
                client.vectors[row.id] = row.vector
                client.metadata[row.id] = row.metadata
        self._dimension = dimension
