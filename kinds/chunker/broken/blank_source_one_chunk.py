"""Breaks: a whitespace-only source gives one chunk instead of []."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_empty_or_blank_source_returns_empty_list"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if isinstance(source, str) and source and not source.strip():
            return [Chunk(source.rstrip("\n"), 1, 1)]
        return super().chunk(source, path=path)
