"""Breaks: duplicate texts are embedded once and every copy gets the same list object."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_vectors_are_fresh_lists_of_python_floats"


class DemoAdapter(Reference):
    def embed(self, texts):
        self._model()
        batch = check_texts(texts)
        unique = list(dict.fromkeys(batch))  # one request per distinct text
        by_text = dict(zip(unique, super().embed(unique), strict=True))
        return [by_text[text] for text in batch]
