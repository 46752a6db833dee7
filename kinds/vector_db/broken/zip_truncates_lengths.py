"""Breaks: mismatched ids/vectors lengths are silently truncated by zip()."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_more_ids_than_vectors_is_rejected"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        n = min(len(ids), len(vectors))
        super().upsert(
            list(ids)[:n],
            list(vectors)[:n],
            None if metadatas is None else list(metadatas)[:n],
        )
