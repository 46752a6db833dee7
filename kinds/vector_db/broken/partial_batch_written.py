"""Breaks: a batch is written item by item, so items before a bad one stay written."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_bad_item_late_in_batch_writes_nothing"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if metadatas is None:
            metadatas = [{}] * len(ids)
        if len(ids) != len(vectors) or len(ids) != len(metadatas) or len(set(ids)) != len(ids):
            raise ValueError("ids, vectors and metadatas must be of one length, ids unique")
        for id_, vector, metadata in zip(ids, vectors, metadatas, strict=True):
            super().upsert([id_], [vector], [metadata])
