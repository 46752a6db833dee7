"""Breaks: A big batch's slices are gathered in completion order, so the shorter last slice's vectors come first."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import batched, check_texts

CAUGHT_BY = "test_embed_thousands_in_one_batch_match_single_embeddings"

MAX_TEXTS_PER_REQUEST = 96


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        requests = list(batched(check_texts(texts), MAX_TEXTS_PER_REQUEST))
        # As with concurrent.futures.as_completed(): the answers arrive as the requests
        # finish, and a shorter request finishes first (made deterministic here).
        vectors = []
        for request in sorted(requests, key=len):
            vectors.extend(super().embed(request))
        return vectors
