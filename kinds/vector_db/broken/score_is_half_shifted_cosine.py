"""Breaks: scores are the backend's normalised (1 + cosine) / 2, not the cosine similarity."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit

CAUGHT_BY = "test_query_scores_are_cosine_similarities"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        return [
            Hit(hit.id, (1.0 + hit.score) / 2.0, hit.metadata)
            for hit in super().query(vector, top_k=top_k, where=where)
        ]
