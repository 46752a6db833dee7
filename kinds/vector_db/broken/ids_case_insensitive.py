"""Breaks: ids are lower-cased into a case-insensitive key, so ids differing only in case become one record."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids, check_upsert

CAUGHT_BY = "test_upsert_ids_a_lossy_mapping_would_merge_stay_distinct"


def backend_key(id_):
    """The key the record is stored under (a case-insensitive key column), and its id on the way back."""
    return id_.lower()


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
