"""Breaks: vectors of another dimension than the first upsert's are accepted."""

from rag4code_demo import _reference
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_wrong_dimension_is_rejected"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        self._dimension = None
        super().upsert(ids, vectors, metadatas)

    def query(self, vector, *, top_k=10, where=None):
        self._dimension = len(vector)
        return [h for h in super().query(vector, top_k=top_k, where=where) if len(self._vectors[h.id]) == len(vector)]


_ = _reference
