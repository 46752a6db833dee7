"""Breaks: blank texts are dropped from the batch, so fewer vectors than texts come back."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_text_without_tokens_gives_a_non_zero_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        return super().embed([text for text in check_texts(texts) if text.strip()])
