"""Breaks: tabs are expanded to spaces before chunking, so chunk text is not the exact source."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_source

CAUGHT_BY = "test_chunk_text_is_exact_source_substring"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        self._parser()
        check_source(source, path)
        return super().chunk(source.expandtabs(4), path=path)  # indentation made uniform for the parser
