"""Breaks: NaN and infinite metadata values are stored, though `where` can never find a NaN."""

from rag4code_demo import support
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_non_finite_metadata_is_rejected"
_check = support.check_metadata


def _types_only(metadata):
    """The type checks without the finiteness check."""
    _check({key: 0.0 if isinstance(value, float) else value for key, value in metadata.items()})
    return dict(metadata)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support.check_metadata = _types_only  # check_upsert looks it up in support
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support.check_metadata = _check
