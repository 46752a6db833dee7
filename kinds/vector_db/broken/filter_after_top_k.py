"""Breaks: `where` is applied after top_k, so matching records ranked lower are lost."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import matches

CAUGHT_BY = "test_query_where_applies_before_top_k"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        hits = super().query(vector, top_k=top_k)
        return [h for h in hits if matches(h.metadata, where or {})]
