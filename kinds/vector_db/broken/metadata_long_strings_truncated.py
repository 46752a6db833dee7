"""Breaks: string metadata is stored in a VARCHAR(1024) column, so longer strings come back cut."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_strings_round_trip_exactly"

VARCHAR_LENGTH = 1024


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {
                key: value[:VARCHAR_LENGTH] if isinstance(value, str) else value for key, value in row.metadata.items()
            }
        self._dimension = dimension
