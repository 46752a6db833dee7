"""Breaks: get() returns records sorted by id instead of in the order asked."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_get_returns_records_in_requested_order"


class DemoAdapter(Reference):
    def get(self, ids):
        return sorted(super().get(ids), key=lambda r: r.id)
