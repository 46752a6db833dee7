"""Breaks: get() hands out the stored metadata dicts, so callers can change the store."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Record, check_ids

CAUGHT_BY = "test_get_result_changes_do_not_change_store"


class DemoAdapter(Reference):
    def get(self, ids):
        client = self._client()
        return [Record(i, list(client.vectors[i]), client.metadata[i]) for i in check_ids(ids) if i in client.vectors]
