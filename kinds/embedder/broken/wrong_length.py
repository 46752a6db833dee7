"""Breaks: vectors are one component shorter than `dimension` (an off-by-one slice)."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_batch_gives_one_vector_per_text"


class DemoAdapter(Reference):
    def embed(self, texts):
        return [vector[: self.dimension - 1] for vector in super().embed(texts)]
