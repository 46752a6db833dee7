"""Breaks: the first upsert creates the collection with its vectors' size before the backend checks the metadata, so a first batch rejected for its metadata still fixes the dimension."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_rejected_first_batch_leaves_store_empty_and_dimension_unset"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        if self._dimension is None:  # create_collection(size=...) on the first write
            dimension, _ = check_upsert(ids, vectors, None, None)  # ids and vectors only
            self._dimension = client.dimension = dimension
        super().upsert(ids, vectors, metadatas)  # the payload is checked here
