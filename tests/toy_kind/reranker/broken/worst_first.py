"""Breaks: the best document comes last."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_rerank_puts_the_query_itself_first"


class DemoAdapter(Reference):
    def rerank(self, query, documents):
        return super().rerank(query, documents)[::-1]
