"""Breaks: NaN and infinite metadata values are stored, though `where` can never find a NaN."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_upsert_non_finite_metadata_is_rejected"
_check = support_vector_db.check_metadata


def _types_only(metadata):
    """The type checks without the finiteness check."""
    _check({key: 0.0 if isinstance(value, float) else value for key, value in metadata.items()})
    return dict(metadata)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support_vector_db.check_metadata = _types_only  # check_upsert looks it up in support.vector_db
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support_vector_db.check_metadata = _check
