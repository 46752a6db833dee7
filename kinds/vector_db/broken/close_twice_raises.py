"""Breaks: close() reaches the client through the checked `_client()`, so a second close() raises ValueError."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_close_twice_is_allowed"


class DemoAdapter(Reference):
    def close(self):
        client = self._client()  # raises once the instance is closed
        client.vectors.clear()
        client.metadata.clear()
        super().close()
