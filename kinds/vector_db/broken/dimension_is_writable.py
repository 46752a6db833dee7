"""Breaks: `dimension` is a plain attribute, so a caller can assign it and the store believes the new value."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_dimension_is_read_only"


class DemoAdapter(Reference):
    dimension = None  # a plain attribute in place of the read-only property

    def upsert(self, ids, vectors, metadatas=None):
        super().upsert(ids, vectors, metadatas)
        self.dimension = self._dimension
