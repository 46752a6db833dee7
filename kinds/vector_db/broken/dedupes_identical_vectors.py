"""Breaks: query() drops hits whose vector equals a better hit's, so distinct ids with identical vectors are lost."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query

CAUGHT_BY = "test_query_identical_vectors_are_distinct_hits"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        check_query(vector, top_k, where, self._dimension)
        client = self._client()
        seen, unique = set(), []
        for hit in super().query(vector, top_k=max(top_k, len(client.vectors)), where=where):
            content = tuple(client.vectors[hit.id])
            if content not in seen:
                seen.add(content)
                unique.append(hit)
        return unique[:top_k]
