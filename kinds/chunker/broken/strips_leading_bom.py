"""Breaks: a leading byte-order mark is stripped before splitting (as decoding with "utf-8-sig" would), so the first chunk's text is not the source's."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_leading_bom_is_kept_in_text"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        return super().chunk(source.removeprefix("\ufeff"), path=path)
