"""Breaks: texts are encoded as ASCII, so non-ASCII text raises UnicodeEncodeError."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_unicode_text_gives_finite_vector"


class DemoAdapter(Reference):
    def _embed_one(self, text):
        return super()._embed_one(text.encode("ascii").decode("ascii"))
