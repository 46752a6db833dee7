"""Breaks: a batch of more than 1000 records is refused (the backend's request limit leaks out)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_thousands_in_one_batch"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if len(ids) > 1000:
            raise ValueError("at most 1000 points per request")
        super().upsert(ids, vectors, metadatas)
