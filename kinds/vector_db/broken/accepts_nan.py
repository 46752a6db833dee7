"""Breaks: vectors containing NaN or infinity are stored."""

import math

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_upsert_non_finite_vector_is_rejected"
_check = support_vector_db.check_vector


def _lenient(vector, dimension):
    if all(math.isfinite(v) for v in vector):
        return _check(vector, dimension)
    return [float(v) for v in vector]


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support_vector_db.check_vector = _lenient  # check_upsert looks it up in support.vector_db
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support_vector_db.check_vector = _check
