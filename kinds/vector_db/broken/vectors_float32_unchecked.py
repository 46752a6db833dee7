"""Breaks: vectors go into float32 storage unchecked, so 1e308 becomes infinity, 5e-324 becomes 0, and their scores 0.0."""

import math
import struct

from rag4code_demo import _reference
from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_upsert_vector_with_extreme_norm_is_scored_exactly_or_rejected"
_check = support_vector_db.check_vector


def as_float32(value):
    """What a float32 vector column keeps of a float."""
    try:
        return struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def into_float32_column(vector, dimension):
    """Finite and non-zero checked, then stored as float32."""
    values = [float(v) for v in vector]
    if dimension is not None and len(values) != dimension:
        raise ValueError(f"dimension {len(values)}, the store uses {dimension}")
    if not all(math.isfinite(v) for v in values) or not any(values):
        raise ValueError("vector must be finite and non-zero")
    return [as_float32(v) for v in values]


def engine_score(u, v):
    """An engine's cosine: 0.0 where the norms are not usable numbers."""
    norms = math.sqrt(math.fsum(a * a for a in u)) * math.sqrt(math.fsum(b * b for b in v))
    if not norms or math.isinf(norms) or not all(map(math.isfinite, v)):
        return 0.0
    return math.fsum(a * b for a, b in zip(u, v, strict=True)) / norms


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support_vector_db.check_vector = into_float32_column  # check_upsert looks it up in support.vector_db
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support_vector_db.check_vector = _check

    def query(self, vector, *, top_k=10, where=None):
        _reference.cosine = engine_score  # the reference's query() looks it up there
        try:
            return super().query(vector, top_k=top_k, where=where)
        finally:
            _reference.cosine = support_vector_db.cosine
