"""Breaks: query() checks its vector for NaN and zeros but not its norm, so a 5e-324 query divides by zero."""

import math

from rag4code_demo import _reference
from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_query_vector_with_extreme_norm_is_scored_exactly_or_rejected"
_check = support_vector_db.check_vector


def finite_and_non_zero(vector, dimension):
    """The checks most adapters write: finite components, not all zero."""
    values = [float(v) for v in vector]
    if dimension is not None and len(values) != dimension:
        raise ValueError(f"dimension {len(values)}, the store uses {dimension}")
    if not all(math.isfinite(v) for v in values) or not any(values):
        raise ValueError("vector must be finite and non-zero")
    return values


def naive_cosine(u, v):
    dot = math.fsum(a * b for a, b in zip(u, v, strict=True))
    return dot / (math.sqrt(math.fsum(a * a for a in u)) * math.sqrt(math.fsum(b * b for b in v)))


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        support_vector_db.check_vector = finite_and_non_zero  # check_query looks it up in support.vector_db
        _reference.cosine = naive_cosine  # the reference's query() looks it up there
        try:
            return super().query(vector, top_k=top_k, where=where)
        finally:
            support_vector_db.check_vector = _check
            _reference.cosine = support_vector_db.cosine
