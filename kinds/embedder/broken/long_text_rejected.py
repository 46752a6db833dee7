"""Breaks: a text longer than the model's context raises instead of being truncated."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_very_long_text_gives_finite_vector"
MAX_CHARS = 8192


class DemoAdapter(Reference):
    def embed(self, texts):
        for text in check_texts(texts):
            if len(text) > MAX_CHARS:
                raise ValueError(f"text of {len(text)} characters exceeds {MAX_CHARS}")
        return super().embed(texts)
