"""Breaks: each vector comes back as a tuple (like an array row), not a list of floats."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_vectors_are_lists_of_finite_floats"


class DemoAdapter(Reference):
    def _embed_one(self, text):
        return tuple(super()._embed_one(text))
