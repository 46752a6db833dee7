"""Breaks: an all-zero vector is stored (cosine similarity is undefined for it)."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_upsert_zero_vector_is_rejected"
_check = support_vector_db.check_vector


def _lenient(vector, dimension):
    return [float(v) for v in vector] if not any(vector) else _check(vector, dimension)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support_vector_db.check_vector = _lenient  # check_upsert looks it up in support.vector_db
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support_vector_db.check_vector = _check
