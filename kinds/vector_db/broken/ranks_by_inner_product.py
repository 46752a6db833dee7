"""Breaks: query() ranks by the inner product of unnormalised vectors, so long vectors beat closer short ones."""

import math

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit, check_query, matches

CAUGHT_BY = "test_query_ranks_by_cosine_whatever_the_magnitudes"


def inner_product(u, v):
    """The score of an "ip" / "dot" index: cosine only for unit vectors."""
    return max(-1.0, min(1.0, math.fsum(a * b for a, b in zip(u, v, strict=True))))


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        client = self._client()
        query, wanted = check_query(vector, top_k, where, self._dimension)
        hits = [
            Hit(id_, inner_product(query, stored), dict(client.metadata[id_]))
            for id_, stored in client.vectors.items()
            if matches(client.metadata[id_], wanted)
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.id))
        return hits[:top_k]
