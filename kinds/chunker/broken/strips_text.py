"""Breaks: chunk text is stripped, so it is not the exact source substring."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_text_is_exact_source_substring"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return [Chunk(c.text.strip(), c.start_line, c.end_line) for c in super().chunk(source, path=path)]
