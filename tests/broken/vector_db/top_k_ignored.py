"""Breaks: top_k is ignored and every record comes back."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_top_k_limits_hits"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        return super().query(vector, top_k=10**9, where=where)
