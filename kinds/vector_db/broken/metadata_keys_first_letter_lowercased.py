"""Breaks: Metadata keys become property names with a lower-case first letter: "Title" comes back as "title"."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_keys_round_trip_exactly"


def property_name(key):
    """The name the backend gives a property: its first letter lower-cased, as Weaviate does."""
    return key[:1].lower() + key[1:]


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {property_name(key): value for key, value in row.metadata.items()}
        self._dimension = dimension
