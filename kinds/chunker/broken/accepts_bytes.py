"""Breaks: a bytes source is decoded instead of rejected."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_non_string_source_is_rejected"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if isinstance(source, bytes):
            source = source.decode()
        return super().chunk(source, path=path)
