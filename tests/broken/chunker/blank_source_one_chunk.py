"""Breaks: a whitespace-only source gives one chunk instead of []."""

from rag4code_demo._reference import Chunk
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_empty_or_blank_source_returns_empty_list"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if isinstance(source, str) and source and not source.strip():
            return [Chunk(source.rstrip("\n"), 1, 1)]
        return super().chunk(source, path=path)
