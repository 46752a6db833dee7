"""Breaks: upsert keeps the caller's vector lists, so later changes leak into the store."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_copies_caller_data"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        super().upsert(ids, vectors, metadatas)
        client = self._client()
        for id_, vector in zip(ids, vectors, strict=True):
            client.vectors[id_] = vector
