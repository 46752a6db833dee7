"""Breaks: A batch over one request is sent in full slices of 96 only, so the shorter last slice gets no vectors."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_thousands_in_one_batch_match_single_embeddings"

MAX_TEXTS_PER_REQUEST = 96  # Cohere's embed limit


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        batch = check_texts(texts)
        if len(batch) <= MAX_TEXTS_PER_REQUEST:
            return super().embed(batch)
        vectors = []
        for request in range(len(batch) // MAX_TEXTS_PER_REQUEST):  # the remainder is forgotten
            start = request * MAX_TEXTS_PER_REQUEST
            vectors.extend(super().embed(batch[start : start + MAX_TEXTS_PER_REQUEST]))
        return vectors
