"""Breaks: a per-text cache returns its own lists, so a caller's change leaks into later results."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_result_changes_do_not_change_later_results"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._cache = {}

    def _embed_one(self, text):
        if text not in self._cache:
            self._cache[text] = super()._embed_one(text)
        return self._cache[text]
