"""Breaks: vectors of another dimension than the first upsert's are accepted."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit, check_query, cosine, matches

CAUGHT_BY = "test_upsert_wrong_dimension_is_rejected"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        dimension, self._dimension = self._dimension, None  # each batch is checked against itself only
        try:
            super().upsert(ids, vectors, metadatas)
        finally:
            self._dimension = dimension or self._dimension

    def query(self, vector, *, top_k=10, where=None):
        client = self._client()
        query, wanted = check_query(vector, top_k, where, self._dimension)
        hits = [
            Hit(id_, cosine(query, stored), dict(client.metadata[id_]))
            for id_, stored in client.vectors.items()
            if len(stored) == len(query) and matches(client.metadata[id_], wanted)
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.id))
        return hits[:top_k]
