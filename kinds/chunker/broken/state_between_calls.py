"""Breaks: the result depends on earlier calls (a counter changes the cut)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_same_input_gives_same_chunks"


class DemoAdapter(Reference):
    calls = 0

    def chunk(self, source, *, path=""):
        self.calls += 1
        limit = self.max_lines
        if self.calls % 2 == 0:
            self.max_lines = max(1, limit - 1)
        try:
            return super().chunk(source, path=path)
        finally:
            self.max_lines = limit
