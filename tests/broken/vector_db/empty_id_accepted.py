"""Breaks: the empty string is accepted as an id."""

from rag4code_demo import _reference
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_empty_id_is_rejected"
_check = _reference._check_ids


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        _reference._check_ids = lambda ids: [i for i in ids]
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            _reference._check_ids = _check
