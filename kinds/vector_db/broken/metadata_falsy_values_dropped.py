"""Breaks: the payload is built with `if value:`, so metadata values 0, 0.0, "" and False are dropped."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_falsy_values_round_trip"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {key: value for key, value in row.metadata.items() if value}
        self._dimension = dimension
