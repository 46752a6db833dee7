"""Breaks: get() hands out the stored metadata dicts, so callers can change the store."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import Record

CAUGHT_BY = "test_get_result_changes_do_not_change_store"


class DemoAdapter(Reference):
    def get(self, ids):
        return [Record(i, self._vectors[i], self._metadata[i]) for i in ids if i in self._vectors]
