"""Breaks: `where` keeps records matching ANY given key instead of every key."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_where_keeps_only_matching_records"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        hits = super().query(vector, top_k=10**9)
        if where:
            hits = [h for h in hits if any(h.metadata.get(k) == v for k, v in where.items())]
        return hits[:top_k]
