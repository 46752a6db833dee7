"""Breaks: each vector comes back as a tuple (like an array row), not a list of floats."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_vectors_are_fresh_lists_of_python_floats"


class DemoAdapter(Reference):
    def embed(self, texts):
        return [tuple(vector) for vector in super().embed(texts)]
