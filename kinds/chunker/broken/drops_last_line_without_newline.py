r"""Breaks: a last line without a final "\n" is dropped."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_source_without_trailing_newline_covers_last_line"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if isinstance(source, str) and not source.endswith("\n"):
            source = source[: source.rfind("\n") + 1]
        return super().chunk(source, path=path)
