"""Breaks: texts are encoded as ASCII, so non-ASCII text raises UnicodeEncodeError."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_unicode_text_gives_finite_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        return super().embed([text.encode("ascii").decode("ascii") for text in check_texts(texts)])
