"""Breaks: a filtered query over-fetches 10 * top_k nearest records and filters them (a fetch_k), so a selective filter with a small top_k finds nothing."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_selective_where_finds_the_farthest_matches"

OVERFETCH = 10  # candidates per hit asked for, fetched before the metadata filter runs


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        _, wanted = check_query(vector, top_k, where, self._dimension)
        if not wanted:
            return super().query(vector, top_k=top_k)
        candidates = super().query(vector, top_k=OVERFETCH * top_k)
        return [hit for hit in candidates if matches(hit.metadata, wanted)][:top_k]
