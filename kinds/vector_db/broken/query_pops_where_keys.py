"""Breaks: query() builds the backend filter by popping the conditions off the caller's `where` dict, emptying it."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_does_not_modify_its_arguments"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        conditions = {}
        while where:  # consumes the caller's mapping
            key, value = where.popitem()
            conditions[key] = value
        return super().query(vector, top_k=top_k, where=conditions)
