"""Breaks: chunk() returns a generator, not a list."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_result_is_list_of_chunks_with_int_lines"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return (c for c in super().chunk(source, path=path))
