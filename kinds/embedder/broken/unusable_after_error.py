"""Breaks: texts are queued before validation, so after a rejected call every later call fails."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_after_rejected_call_still_works"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._pending = []

    def embed(self, texts):
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of strings, not a str")
        self._pending.extend(texts)
        vectors = super().embed(self._pending)  # raises with the bad item still queued
        self._pending = []
        return vectors
