"""Breaks: The size limit is the wrapped splitter's `chunk_size=` keyword, so `Class(max_lines=...)` is refused."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_construct_accepts_max_lines_keyword"


class DemoAdapter(Reference):
    def __init__(self, *, chunk_size=40):
        super().__init__(max_lines=chunk_size)
