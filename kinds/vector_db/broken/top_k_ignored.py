"""Breaks: top_k is ignored and every record comes back."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query

CAUGHT_BY = "test_query_top_k_limits_hits"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        check_query(vector, top_k, where, self._dimension)  # top_k is checked, then not passed on
        return super().query(vector, top_k=10**9, where=where)
