"""Breaks: UTF-8 byte offsets (as tree-sitter reports them) slice the str."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_unicode_source_keeps_characters_and_lines"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        chunks = super().chunk(source, path=path)
        data = source.encode()
        starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
        result = []
        for c in chunks:
            start = starts[c.start_line - 1]
            end = start + len(c.text.encode())
            result.append(Chunk(source[start:end], c.start_line, c.end_line))
        return result
