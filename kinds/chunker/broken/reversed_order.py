"""Breaks: chunks come last first, not in source order."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_results_come_in_source_order"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return super().chunk(source, path=path)[::-1]
