"""Breaks: only the first token of each text is embedded (a max length applied wrongly), so different texts collide."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_different_texts_give_different_vectors"


class DemoAdapter(Reference):
    def _embed_one(self, text):
        return super()._embed_one(" ".join(text.split()[:1]))
