"""Breaks: `where={}` is sent as a filter with no conditions, which the backend reads as matching no record."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query

CAUGHT_BY = "test_query_where_empty_mapping_matches_every_record"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        if where is None:
            return super().query(vector, top_k=top_k)
        conditions = list(where.items())
        if not conditions:  # like `id IN ()`: the backend evaluates an empty condition list as false
            check_query(vector, top_k, where, self._dimension)
            return []
        return super().query(vector, top_k=top_k, where=where)
