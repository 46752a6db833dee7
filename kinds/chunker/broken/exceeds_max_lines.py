"""Breaks: chunks may hold one line more than max_lines (off by one)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_never_exceeds_max_lines"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        self.max_lines += 1  # the window counts end_line - start_line, not + 1
        try:
            return super().chunk(source, path=path)
        finally:
            self.max_lines -= 1
