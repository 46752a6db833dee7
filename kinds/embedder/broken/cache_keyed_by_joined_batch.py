"""Breaks: results are cached under "-".join(texts), so two batches that join to the same string share their vectors."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_batches_joining_to_the_same_text_get_their_own_vectors"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._cache = {}

    def embed(self, texts):
        self._model()
        batch = check_texts(texts)
        key = "-".join(batch)
        if key not in self._cache:
            self._cache[key] = super().embed(batch)
        return [list(vector) for vector in self._cache[key]]
