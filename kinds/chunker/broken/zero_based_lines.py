"""Breaks: line numbers are 0-based (tree-sitter rows used as they are)."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_line_numbers_are_one_based_within_source"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return [Chunk(c.text, c.start_line - 1, c.end_line - 1) for c in super().chunk(source, path=path)]
