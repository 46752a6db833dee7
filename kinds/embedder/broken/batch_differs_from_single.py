"""Breaks: vectors are scaled by the batch's longest text (a padding leak), so a batch differs from single calls."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_text_in_batch_equals_text_alone"


class DemoAdapter(Reference):
    def embed(self, texts):
        vectors = super().embed(texts)
        if not vectors:
            return vectors
        batch = list(texts)
        longest = max(len(text) for text in batch) + 1
        return [[v * (len(text) + 1) / longest for v in vector] for text, vector in zip(batch, vectors, strict=True)]
