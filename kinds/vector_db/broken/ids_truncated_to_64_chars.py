"""Breaks: ids are cut to the backend's 64-character key limit, so ids sharing a long prefix become one record."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids, check_upsert

CAUGHT_BY = "test_upsert_ids_a_lossy_mapping_would_merge_stay_distinct"

MAX_KEY_LENGTH = 64  # the key column is VARCHAR(64)


def backend_key(id_):
    """The key the record is stored under, and what comes back as its id."""
    return id_[:MAX_KEY_LENGTH]


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:  # keys that collide within the batch: the last write wins
            client.vectors[backend_key(row.id)] = row.vector
            client.metadata[backend_key(row.id)] = row.metadata
        self._dimension = dimension

    def get(self, ids):
        return super().get([backend_key(id_) for id_ in check_ids(ids)])

    def delete(self, ids):
        super().delete([backend_key(id_) for id_ in check_ids(ids)])
