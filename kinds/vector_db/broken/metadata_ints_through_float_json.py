"""Breaks: Every JSON number comes back a float64, integral ones made ints again, so big ints and huge floats change."""

import json

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_extreme_numbers_round_trip"


def through_backend(metadata):
    """The payload after a round trip through a JavaScript backend: JSON numbers are doubles."""
    stored = json.loads(json.dumps(metadata), parse_int=float)
    return {
        key: int(value) if isinstance(value, float) and value.is_integer() else value  # "restore" the ints
        for key, value in stored.items()
    }


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = through_backend(row.metadata)
        self._dimension = dimension
