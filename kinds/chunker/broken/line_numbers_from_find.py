"""Breaks: a chunk's line numbers come from source.find(chunk.text), so a repeated block gets the first copy's lines."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_repeated_code_gets_its_own_line_numbers"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        chunks = []
        for piece in super().chunk(source, path=path):  # a splitter that returns texts only
            start_line = source.count("\n", 0, source.find(piece.text)) + 1
            chunks.append(Chunk(piece.text, start_line, start_line + piece.text.count("\n")))
        return chunks
