"""Breaks: a batch is written item by item, so items before a bad one stay written."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_bad_item_late_in_batch_writes_nothing"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if len(ids) != len(vectors) or len(set(ids)) != len(ids):
            raise ValueError("bad batch")
        for i, id_ in enumerate(ids):
            super().upsert([id_], [vectors[i]], None if metadatas is None else [metadatas[i]])
