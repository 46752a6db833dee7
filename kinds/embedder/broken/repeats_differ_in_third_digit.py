"""Breaks: each call's vectors differ from the previous call's by about 1e-3 relative (a nondeterministic reduction in half precision), ten times what float32 noise allows."""

from __future__ import annotations

import itertools

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_repeated_call_gives_same_vector"

NOISE = 1e-3  # relative, per component
_CALLS = itertools.count()


class DemoAdapter(Reference):
    def embed(self, texts):
        sign = -1.0 if next(_CALLS) % 2 else 1.0  # the order of the sums changes per call
        return [
            [value * (1.0 + sign * NOISE * (-1) ** index) for index, value in enumerate(vector)]
            for vector in super().embed(texts)
        ]
