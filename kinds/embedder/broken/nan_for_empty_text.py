"""Breaks: a text without tokens is normalised as 0/0 (as numpy does) and gives NaN."""

from __future__ import annotations

import math
from collections import Counter

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo._reference import _bucket_and_sign, tokens
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_text_without_tokens_gives_a_non_zero_vector"


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        # The model's rows go out as they are, without support.as_vectors()'s checks.
        return [self._embed_one(text) for text in check_texts(texts)]

    def _embed_one(self, text):
        vector = [0.0] * self.dimension
        for token, count in Counter(tokens(text)).items():
            bucket, sign = _bucket_and_sign(token, self.dimension)
            vector[bucket] += sign * (1.0 + math.log(count))
        norm = math.sqrt(sum(v * v for v in vector))
        scale = 1.0 / norm if norm else math.nan  # numpy: 0.0 / 0.0 == nan
        return [v * scale for v in vector]
