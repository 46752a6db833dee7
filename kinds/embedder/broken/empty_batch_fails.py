"""Breaks: embed([]) raises (max() over the lengths of no texts) instead of returning []."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_empty_list_returns_empty_list"


class DemoAdapter(Reference):
    def embed(self, texts):
        batch = check_texts(texts)
        self._pad_to = max(len(text) for text in batch)  # ValueError on []
        return super().embed(batch)
