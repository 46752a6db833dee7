"""Breaks: deleting an unknown id raises KeyError."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_delete_unknown_id_is_noop"


class DemoAdapter(Reference):
    def delete(self, ids):
        client = self._client()
        for id_ in check_ids(ids):
            del client.vectors[id_]
            del client.metadata[id_]
