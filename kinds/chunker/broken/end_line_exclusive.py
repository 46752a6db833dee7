"""Breaks: end_line is exclusive (one past the last line), not inclusive."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_line_numbers_are_one_based_within_source"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return [Chunk(c.text, c.start_line, c.end_line + 1) for c in super().chunk(source, path=path)]
