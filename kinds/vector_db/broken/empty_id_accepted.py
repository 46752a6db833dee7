"""Breaks: the empty string is accepted as an id."""

from rag4code_demo import support
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_upsert_empty_id_is_rejected"
_check = support.check_ids


def _allow_empty(ids):
    _check([id_ for id_ in ids if id_ != ""])  # every other id rule still applies
    return list(ids)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        support.check_ids = _allow_empty  # check_upsert looks it up in support
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            support.check_ids = _check
