"""Breaks: fewer metadatas than ids are accepted (the rest get empty metadata)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_metadatas_length_mismatch_is_rejected"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if metadatas is not None:
            metadatas = list(metadatas) + [{}] * (len(ids) - len(metadatas))
        super().upsert(ids, vectors, metadatas)
