"""Breaks: a per-text cache returns its own lists, so a caller's change leaks into later results."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_result_changes_do_not_change_later_results"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._cache = {}

    def embed(self, texts):
        batch = check_texts(texts)
        missing = [text for text in dict.fromkeys(batch) if text not in self._cache]
        self._cache.update(zip(missing, super().embed(missing), strict=True))
        return [self._cache[text] for text in batch]
