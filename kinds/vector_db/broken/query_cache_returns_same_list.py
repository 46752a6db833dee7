"""Breaks: a query cache returns its own list object, so a caller that empties one result empties the next."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_returns_a_new_list_each_time"


class DemoAdapter(Reference):
    def __init__(self):
        super().__init__()
        self._cache = {}

    def query(self, vector, *, top_k=10, where=None):
        self._client()
        key = repr((list(vector), top_k, where))
        if key not in self._cache:
            self._cache[key] = super().query(vector, top_k=top_k, where=where)
        return self._cache[key]

    def upsert(self, ids, vectors, metadatas=None):
        super().upsert(ids, vectors, metadatas)
        self._cache.clear()

    def delete(self, ids):
        super().delete(ids)
        self._cache.clear()
