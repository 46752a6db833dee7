"""Breaks: close() only drops the parser, which the next call creates again, so a closed chunker keeps working."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_call_after_close_raises_value_error"


class DemoAdapter(Reference):
    def close(self):
        self._loaded = None  # not marked closed: `_parser()` lazily creates it again
