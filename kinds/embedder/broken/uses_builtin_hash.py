"""Breaks: tokens are hashed with Python's hash(), salted per process, so vectors change between runs."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _HashingModel

CAUGHT_BY = "test_embed_fresh_process_gives_same_vector"


class _BuiltinHashModel(_HashingModel):
    def _bucket_and_sign(self, token):
        value = hash(token)
        return value % self.dimension, (1.0 if (value >> 16) & 1 else -1.0)


class DemoAdapter(Reference):
    def _model(self):
        self.ensure_open()
        if self._loaded is None:
            self._loaded = _BuiltinHashModel(self.dimension)
        return self._loaded
