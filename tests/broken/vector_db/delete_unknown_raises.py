"""Breaks: deleting an unknown id raises KeyError."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_delete_unknown_id_is_noop"


class DemoAdapter(Reference):
    def delete(self, ids):
        for id_ in ids:
            del self._vectors[id_]
            del self._metadata[id_]
