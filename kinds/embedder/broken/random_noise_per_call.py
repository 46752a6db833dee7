"""Breaks: every call adds random noise (dropout left on), so the same text embeds differently each time."""

from __future__ import annotations

import random

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_repeated_call_gives_same_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        return [[v + random.uniform(-1e-3, 1e-3) for v in vector] for vector in super().embed(texts)]
