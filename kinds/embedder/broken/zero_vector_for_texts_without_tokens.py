"""Breaks: like a HashingVectorizer, a text without tokens gets an all-zero vector, which no cosine store accepts."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _HashingModel
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_text_without_tokens_gives_a_non_zero_vector"


class _Vectorizer(_HashingModel):
    def _vector(self, text):
        if not self.tokens(text):
            return [0.0] * self.dimension  # nothing hashed, and normalize() leaves a zero row as it is
        return super()._vector(text)


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        return _Vectorizer(self.dimension).encode(check_texts(texts))  # transform(texts).toarray().tolist()
