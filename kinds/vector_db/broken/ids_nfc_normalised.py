"""Breaks: ids are NFC-normalised into the backend key, so NFC and NFD spellings of an id become one record."""

import unicodedata

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids, check_upsert

CAUGHT_BY = "test_upsert_ids_a_lossy_mapping_would_merge_stay_distinct"


def backend_key(id_):
    """The key the record is stored under (the backend keeps keys in NFC), and its id on the way back."""
    return unicodedata.normalize("NFC", id_)


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
