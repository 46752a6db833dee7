"""Breaks: `where` compares values with Python's ==, so True matches 1 and 1.0, and 0 matches False."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit, check_query, cosine

CAUGHT_BY = "test_query_where_matches_types_exactly"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        client = self._client()
        query, wanted = check_query(vector, top_k, where, self._dimension)
        hits = [
            Hit(id_, cosine(query, stored), dict(client.metadata[id_]))
            for id_, stored in client.vectors.items()
            if all(client.metadata[id_].get(key) == value for key, value in wanted.items())
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.id))
        return hits[:top_k]
