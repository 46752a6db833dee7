"""Breaks: a character budget cuts a very long line into pieces."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_very_long_line_is_kept_whole"
BUDGET = 4000


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        result = []
        for c in super().chunk(source, path=path):
            if len(c.text) <= BUDGET:
                result.append(c)
                continue
            for at in range(0, len(c.text), BUDGET):
                piece = c.text[at : at + BUDGET]
                result.append(Chunk(piece, c.start_line, c.end_line))
        return result
