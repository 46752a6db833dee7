"""Breaks: a text longer than the model's context raises instead of being truncated."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_very_long_text_gives_finite_vector"
MAX_CHARS = 8192


class DemoAdapter(Reference):
    def _embed_one(self, text):
        if len(text) > MAX_CHARS:
            raise ValueError(f"text of {len(text)} characters exceeds {MAX_CHARS}")
        return super()._embed_one(text)
