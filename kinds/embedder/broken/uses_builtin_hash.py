"""Breaks: tokens are hashed with Python's hash(), salted per process, so vectors change between runs."""

from __future__ import annotations

import math

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import tokens

CAUGHT_BY = "test_embed_fresh_process_gives_same_vector"


class DemoAdapter(Reference):
    def _embed_one(self, text):
        vector = [0.0] * self.dimension
        for token in tokens(text) or ["<no tokens>"]:
            value = hash(token)
            vector[value % self.dimension] += 1.0 if (value >> 16) & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]
