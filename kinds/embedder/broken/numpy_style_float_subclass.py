"""Breaks: vector values are instances of a float subclass (as numpy.float64 values are), not Python floats."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_vectors_are_fresh_lists_of_python_floats"


class Float64(float):
    """Stands in for numpy.float64, a subclass of float: what `list(array_row)` gives."""


class DemoAdapter(Reference):
    def embed(self, texts):
        return [[Float64(value) for value in vector] for vector in super().embed(texts)]  # list(row), not row.tolist()
