"""Breaks: get() returns a placeholder record for an unknown id instead of leaving it out."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Record

CAUGHT_BY = "test_get_omits_missing_ids"


class DemoAdapter(Reference):
    def get(self, ids):
        found = {r.id: r for r in super().get(ids)}
        return [found.get(i, Record(i, [], {})) for i in ids]
