"""Breaks: close() only drops the client, which the next call reconnects, so a closed store keeps working."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_call_after_close_raises_value_error"


class DemoAdapter(Reference):
    def close(self):
        self._connection = None  # not marked closed: `_client()` lazily connects again
