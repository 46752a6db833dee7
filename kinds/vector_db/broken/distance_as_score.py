"""Breaks: the score is a cosine distance (1 - similarity), not the similarity."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Hit

CAUGHT_BY = "test_query_scores_are_cosine_similarities"


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        return [Hit(h.id, 1.0 - h.score, h.metadata) for h in super().query(vector, top_k=top_k, where=where)]
