"""Breaks: Leading blank lines are stripped before lines are numbered, so every line number after them is too small."""

import re

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_source

CAUGHT_BY = "test_chunk_text_is_exact_source_substring"

LEADING_BLANK_LINES = re.compile(r"\A\s*\n")


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        self._parser()
        check_source(source, path)
        return super().chunk(LEADING_BLANK_LINES.sub("", source), path=path)  # "clean up" the file first
