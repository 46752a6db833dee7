"""Breaks: upserting an existing id replaces its vector but keeps the old metadata."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_same_id_replaces"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        old = {id_: self._metadata[id_] for id_ in ids if id_ in self._metadata}
        super().upsert(ids, vectors, metadatas)
        self._metadata.update(old)
