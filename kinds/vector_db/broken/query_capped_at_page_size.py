"""Breaks: query() asks the backend for one page of at most 1000 hits, so a top_k in the thousands gets only 1000."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_query_top_k_in_the_thousands_returns_k_hits"

PAGE_SIZE = 1000  # the backend's largest `limit` per search request


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        limit = min(top_k, PAGE_SIZE)  # one request; no next page is asked for
        return super().query(vector, top_k=limit, where=where)
