"""Breaks: upsert() only inserts (ON CONFLICT DO NOTHING), so an existing record is never replaced."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_same_id_replaces"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            if row.id in client.vectors:  # INSERT ... ON CONFLICT DO NOTHING
                continue
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = row.metadata
        self._dimension = dimension
