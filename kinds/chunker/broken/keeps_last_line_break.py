r"""Breaks: chunk text keeps the "\n" (or "\r\n") that ends its last line."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_text_is_exact_source_substring"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        result = []
        position = 0
        for c in super().chunk(source, path=path):
            start = source.index(c.text, position)
            position = start + len(c.text)
            newline = source.find("\n", position)
            end = len(source) if newline == -1 else newline + 1
            result.append(Chunk(source[start:end], c.start_line, c.end_line))
        return result
