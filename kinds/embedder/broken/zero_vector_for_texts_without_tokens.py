"""Breaks: like a HashingVectorizer, a text without tokens gets an all-zero vector, which no cosine store accepts."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import tokens
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_text_without_tokens_gives_a_non_zero_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        return [self._embed_one(text) for text in check_texts(texts)]  # transform(texts).toarray().tolist()

    def _embed_one(self, text):
        if not tokens(text):
            return [0.0] * self.dimension  # nothing hashed, and normalize() leaves a zero row as it is
        return super()._embed_one(text)
