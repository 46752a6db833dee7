"""Breaks: `where` keeps records matching ANY given key instead of every key."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_where_keeps_only_matching_records"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        check_query(vector, top_k, where, self._dimension)
        hits = super().query(vector, top_k=10**9)
        if where:
            hits = [h for h in hits if any(matches(h.metadata, {k: v}) for k, v in where.items())]
        return hits[:top_k]
