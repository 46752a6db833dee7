"""Breaks: A filtered query filters a fixed pool of the 100 nearest records, so it runs out of matching hits."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_where_in_the_thousands_returns_k_matching_hits"

FETCH_K = 100  # candidates fetched before the metadata filter runs


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        _, wanted = check_query(vector, top_k, where, self._dimension)
        if not wanted:
            return super().query(vector, top_k=top_k)
        candidates = super().query(vector, top_k=FETCH_K)
        return [hit for hit in candidates if matches(hit.metadata, wanted)][:top_k]
