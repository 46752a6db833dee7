"""Breaks: the metadata encoder tests isinstance(value, int) before bool, so True and False are stored as 1 and 0."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_types_round_trip"


def typed_field(value):
    """The backend's typed payload field for a metadata value."""
    if isinstance(value, int):  # also true for bool, so the bool branch is never reached
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, bool):
        return bool(value)
    return str(value)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {key: typed_field(value) for key, value in row.metadata.items()}
        self._dimension = dimension
