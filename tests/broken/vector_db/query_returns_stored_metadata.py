"""Breaks: query() hands out the stored metadata dicts, so callers can change the store."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import Hit

CAUGHT_BY = "test_query_result_changes_do_not_change_store"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        return [Hit(h.id, h.score, self._metadata[h.id]) for h in super().query(vector, top_k=top_k, where=where)]
