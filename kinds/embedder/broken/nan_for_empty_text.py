"""Breaks: a text without tokens is normalised as 0/0 (as numpy does) and gives NaN."""

from __future__ import annotations

import math

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _HashingModel
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_text_without_tokens_gives_a_non_zero_vector"


class _NumpyStyleModel(_HashingModel):
    def _vector(self, text):
        if not self.tokens(text):
            return [math.nan] * self.dimension  # a zero row over its norm: numpy's 0.0 / 0.0 == nan
        return super()._vector(text)


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        # The model's rows go out as they are, without support.as_vectors()'s checks.
        return _NumpyStyleModel(self.dimension).encode(check_texts(texts))
