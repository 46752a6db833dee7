"""Breaks: get() returns the vector's components in another order."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Record

CAUGHT_BY = "test_get_vector_equals_stored_up_to_positive_factor"


class DemoAdapter(Reference):
    def get(self, ids):
        return [Record(r.id, sorted(r.vector), r.metadata) for r in super().get(ids)]
