"""Breaks: The payload is {"id": id, **metadata} and the id is read back from it, so a metadata "id" replaces it."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit, Record, check_upsert

CAUGHT_BY = "test_upsert_metadata_keys_round_trip_exactly"


def split_payload(payload):
    """The record id and the caller's metadata, as read back from a stored payload."""
    metadata = dict(payload)
    return metadata.pop("id"), metadata


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {"id": row.id, **row.metadata}  # the original id, kept in the payload
        self._dimension = dimension

    def get(self, ids):
        records = []
        for record in super().get(ids):
            id_, metadata = split_payload(record.metadata)
            records.append(Record(id_, record.vector, metadata))
        return records

    def query(self, vector, *, top_k=10, where=None):
        hits = []
        for hit in super().query(vector, top_k=top_k, where=where):
            id_, metadata = split_payload(hit.metadata)
            hits.append(Hit(id_, hit.score, metadata))
        return hits
