"""Breaks: get() sends all ids in one request and keeps the one page the backend answers, the first 1000 ids."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_get_thousands_of_ids_returns_every_record_in_order"

PAGE_SIZE = 1000  # the backend answers at most this many points per request


class DemoAdapter(Reference):
    def get(self, ids):
        request = check_ids(ids)
        page = request[:PAGE_SIZE]  # what one retrieve call sends back; no next page is asked for
        return super().get(page)
