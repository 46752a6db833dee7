"""Breaks: delete() accepts the ids but removes nothing."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_delete_removes_records"


class DemoAdapter(Reference):
    def delete(self, ids):
        self._client()
        check_ids(ids)
