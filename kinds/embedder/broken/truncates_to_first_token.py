"""Breaks: only the first token of each text is embedded (a max length applied wrongly), so different texts collide."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_different_texts_give_different_vectors"


class DemoAdapter(Reference):
    def embed(self, texts):
        return super().embed([" ".join(text.split()[:1]) for text in check_texts(texts)])
