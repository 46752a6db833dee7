"""Breaks: `dimension` is None until the first embed() loads the model and sees the size of its output."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_dimension_is_known_before_the_first_call"


class DemoAdapter(Reference):
    @property
    def dimension(self):
        if self._loaded is None:  # the model is not loaded yet, so its output size is unknown
            return None
        return self._dimension
