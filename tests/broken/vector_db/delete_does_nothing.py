"""Breaks: delete() accepts the ids but removes nothing."""

from rag4code_demo import _reference
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_delete_removes_records"


class DemoAdapter(Reference):
    def delete(self, ids):
        _reference._check_ids(ids)
