"""Breaks: A batch goes to the provider in one request, and only the first 2048 vectors (its input limit) come back."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_thousands_in_one_batch_match_single_embeddings"

MAX_INPUTS = 2048  # OpenAI's embeddings endpoint: at most 2048 inputs per request


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        batch = check_texts(texts)
        return super().embed(batch[:MAX_INPUTS])  # the provider answers for the inputs it took
