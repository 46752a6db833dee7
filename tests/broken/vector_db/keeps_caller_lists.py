"""Breaks: upsert keeps the caller's vector lists, so later changes leak into the store."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_copies_caller_data"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        super().upsert(ids, vectors, metadatas)
        for id_, vector in zip(ids, vectors, strict=True):
            self._vectors[id_] = vector
