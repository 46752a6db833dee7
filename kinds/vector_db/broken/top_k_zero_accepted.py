"""Breaks: top_k=0 is accepted and returns [] instead of being rejected."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_top_k_below_one_is_rejected"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        if top_k < 1:
            return []
        return super().query(vector, top_k=top_k, where=where)
