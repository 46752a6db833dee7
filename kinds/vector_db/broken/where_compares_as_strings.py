"""Breaks: `where` compares the metadata as text (like Postgres's `metadata->>'key' = %s`), so 1 matches "1"."""

import json

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit, check_query, cosine

CAUGHT_BY = "test_query_where_matches_types_exactly"


def as_text(value):
    """A JSON value as the ->> operator gives it: strings bare, everything else as JSON text."""
    return value if isinstance(value, str) else json.dumps(value)


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        client = self._client()
        query, wanted = check_query(vector, top_k, where, self._dimension)
        hits = [
            Hit(id_, cosine(query, stored), dict(client.metadata[id_]))
            for id_, stored in client.vectors.items()
            if all(
                key in client.metadata[id_] and as_text(client.metadata[id_][key]) == as_text(value)
                for key, value in wanted.items()
            )
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.id))
        return hits[:top_k]
