r"""Breaks: "\r\n" counts as two line breaks, so CRLF line numbers double."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_crlf_source_keeps_line_numbers_and_breaks"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if not isinstance(source, str):
            raise TypeError(f"source must be a str, got {type(source).__name__}")
        doubled = super().chunk(source.replace("\r\n", "\n\n"), path=path)
        return [Chunk(c.text.replace("\n\n", "\r\n"), c.start_line, c.end_line) for c in doubled]
