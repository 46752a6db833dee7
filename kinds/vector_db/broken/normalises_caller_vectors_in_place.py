"""Breaks: upsert() L2-normalises the caller's vectors in place (like faiss.normalize_L2), changing their lists."""

import math

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_does_not_modify_its_arguments"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        check_upsert(ids, vectors, metadatas, self._dimension)
        for vector in vectors:  # normalise for the cosine index, reusing the caller's lists
            norm = math.sqrt(math.fsum(x * x for x in vector))
            if isinstance(vector, list):
                vector[:] = [x / norm for x in vector]
        super().upsert(ids, vectors, metadatas)
