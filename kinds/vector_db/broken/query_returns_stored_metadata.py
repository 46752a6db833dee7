"""Breaks: query() hands out the stored metadata dicts, so callers can change the store."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit

CAUGHT_BY = "test_query_result_changes_do_not_change_store"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        stored = self._client().metadata
        return [Hit(h.id, h.score, stored[h.id]) for h in super().query(vector, top_k=top_k, where=where)]
