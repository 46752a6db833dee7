"""Breaks: upserting an existing id replaces its vector but keeps the old metadata."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_same_id_replaces"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        stored = self._client().metadata
        old = {id_: stored[id_] for id_ in ids if isinstance(id_, str) and id_ in stored}
        super().upsert(ids, vectors, metadatas)
        stored.update(old)
