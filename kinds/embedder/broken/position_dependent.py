"""Breaks: a vector depends on the text's position in the batch (a positional bias)."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_same_text_twice_in_batch_gives_same_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        vectors = super().embed(texts)
        for position, vector in enumerate(vectors):
            vector[position % self.dimension] += 0.01 * position
        return vectors
