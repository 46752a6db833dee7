"""Breaks: hits come back worst first (ascending score)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_returns_best_first"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        hits = super().query(vector, top_k=10**9, where=where)
        return sorted(hits, key=lambda h: h.score)[:top_k]
