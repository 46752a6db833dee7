"""Breaks: ids containing '/' or '#' are rejected (ids are any non-empty strings)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_any_nonempty_string_id_round_trips"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if any("/" in i or "#" in i for i in ids):
            raise ValueError("ids must be alphanumeric")
        super().upsert(ids, vectors, metadatas)
