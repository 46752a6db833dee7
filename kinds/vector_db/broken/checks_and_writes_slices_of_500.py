"""Breaks: upsert() checks and writes one request slice of 500 records at a time, so a bad record in a later slice leaves the earlier slices written."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_thousands_with_bad_record_last_writes_nothing"

BATCH = 500  # records per write request


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if metadatas is None:
            metadatas = [{}] * len(ids)
        if not len(ids) == len(vectors) == len(metadatas):
            raise ValueError(f"got {len(ids)} ids, {len(vectors)} vectors and {len(metadatas)} metadatas")
        for start in range(0, len(ids), BATCH):  # each slice checked, then sent
            end = start + BATCH
            super().upsert(ids[start:end], vectors[start:end], metadatas[start:end])
