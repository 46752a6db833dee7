"""Breaks: bool metadata values come back as strings (types do not round-trip)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_metadata_types_round_trip"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        if metadatas is not None:
            metadatas = [{k: str(v) if isinstance(v, bool) else v for k, v in m.items()} for m in metadatas]
        super().upsert(ids, vectors, metadatas)
