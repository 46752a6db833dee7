"""Breaks: a filtered query filters the 4096 nearest records (an HNSW index's largest candidate list, ef_search), so a selective filter whose matches lie farther finds nothing."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_selective_where_finds_the_farthest_matches"

CANDIDATES = 4096  # nearest records fetched before the metadata filter runs


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        _, wanted = check_query(vector, top_k, where, self._dimension)
        if not wanted:
            return super().query(vector, top_k=top_k)
        candidates = super().query(vector, top_k=max(CANDIDATES, top_k))
        return [hit for hit in candidates if matches(hit.metadata, wanted)][:top_k]
