"""Breaks: line numbers are strings ("3"), not ints."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_result_is_list_of_chunks_with_int_lines"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return [Chunk(c.text, str(c.start_line), str(c.end_line)) for c in super().chunk(source, path=path)]
