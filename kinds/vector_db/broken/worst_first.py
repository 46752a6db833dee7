"""Breaks: hits come back worst first (ascending score)."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query

CAUGHT_BY = "test_query_returns_best_first"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        check_query(vector, top_k, where, self._dimension)
        hits = super().query(vector, top_k=10**9, where=where)
        return sorted(hits, key=lambda h: h.score)[:top_k]
