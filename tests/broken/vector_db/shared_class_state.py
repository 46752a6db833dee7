"""Breaks: all instances share one class-level store, so tests leak into each other."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_store_empty_again_after_write"
_SHARED_VECTORS: dict = {}
_SHARED_METADATA: dict = {}


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._vectors = _SHARED_VECTORS
        self._metadata = _SHARED_METADATA
