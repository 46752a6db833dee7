"""Breaks: a bare str is accepted and embedded character by character."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_bare_string_is_rejected"


class DemoAdapter(Reference):
    def embed(self, texts):
        return super().embed(list(texts))
