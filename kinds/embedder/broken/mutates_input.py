"""Breaks: embed() strips the caller's texts in place."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_does_not_modify_its_arguments"


class DemoAdapter(Reference):
    def embed(self, texts):
        check_texts(texts)
        if isinstance(texts, list):
            texts[:] = [text.strip() for text in texts]
        return super().embed(texts)
