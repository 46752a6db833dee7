"""Breaks: a query vector of the wrong dimension is accepted (a short one is padded with zeros)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_wrong_dimension_is_rejected"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        if self._dimension and len(vector) < self._dimension:
            vector = list(vector) + [0.0] * (self._dimension - len(vector))
        return super().query(vector, top_k=top_k, where=where)
