"""Breaks: CRLF is normalised to LF, so chunk text is not the exact source."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_crlf_source_keeps_line_numbers_and_breaks"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if isinstance(source, str):
            source = source.replace("\r\n", "\n")
        return super().chunk(source, path=path)
