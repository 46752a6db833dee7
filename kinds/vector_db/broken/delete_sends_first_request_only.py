"""Breaks: delete() splits the ids into requests of 1000 but sends only the first one."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import batched, check_ids

CAUGHT_BY = "test_delete_thousands_of_ids_removes_them_all"

MAX_IDS_PER_REQUEST = 1000


class DemoAdapter(Reference):
    def delete(self, ids):
        requests = batched(check_ids(ids), MAX_IDS_PER_REQUEST)
        super().delete(next(requests, []))  # the other requests are never sent
