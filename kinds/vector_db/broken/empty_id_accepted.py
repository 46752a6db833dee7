"""Breaks: the empty string is accepted as an id."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import vector_db as support_vector_db

CAUGHT_BY = "test_upsert_empty_id_is_rejected"
_check = support_vector_db.check_ids


def _allow_empty(ids):
    _check([id_ for id_ in ids if id_ != ""])  # every other id rule still applies
    return list(ids)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support_vector_db.check_ids = _allow_empty  # check_upsert looks it up in support.vector_db
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support_vector_db.check_ids = _check
