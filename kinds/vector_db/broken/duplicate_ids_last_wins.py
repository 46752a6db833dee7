"""Breaks: the same id twice in one batch is accepted (the last one wins)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_duplicate_ids_in_batch_is_rejected"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        last = {id_: i for i, id_ in enumerate(ids)}
        keep = sorted(last.values())
        metas = None if metadatas is None else [metadatas[i] for i in keep]
        super().upsert([ids[i] for i in keep], [vectors[i] for i in keep], metas)
