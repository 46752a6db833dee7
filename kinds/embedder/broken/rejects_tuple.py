"""Breaks: only a list is accepted; a tuple (also a Sequence[str]) is rejected."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_any_sequence_is_accepted"


class DemoAdapter(Reference):
    def embed(self, texts):
        if not isinstance(texts, list):
            raise TypeError(f"texts must be a list, got {type(texts).__name__}")
        return super().embed(texts)
