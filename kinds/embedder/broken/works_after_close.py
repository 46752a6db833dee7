"""Breaks: close() only unloads the model, which the next call loads again, so a closed embedder keeps working."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_call_after_close_raises_value_error"


class DemoAdapter(Reference):
    def close(self):
        self._loaded = None  # not marked closed: `_model()` lazily loads it again
