"""Breaks: querying an empty store raises instead of returning []."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_empty_store_returns_empty_list"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        if not self._client().vectors:
            raise LookupError("collection does not exist")
        return super().query(vector, top_k=top_k, where=where)
