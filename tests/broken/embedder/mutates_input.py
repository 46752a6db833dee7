"""Breaks: embed() strips the caller's texts in place."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _check_texts

CAUGHT_BY = "test_embed_input_list_is_not_mutated"


class DemoAdapter(Reference):
    def embed(self, texts):
        _check_texts(texts)
        if isinstance(texts, list):
            texts[:] = [text.strip() for text in texts]
        return super().embed(texts)
