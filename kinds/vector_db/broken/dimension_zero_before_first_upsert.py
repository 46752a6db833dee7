"""Breaks: `dimension` is 0 before the first upsert (an empty collection's reported size) instead of None."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_dimension_is_none_before_the_first_upsert"


class DemoAdapter(Reference):
    @property
    def dimension(self):
        return self._dimension or 0
