"""Breaks: `dimension` is 0 until the model is loaded by the first embed()."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_dimension_is_positive_int"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._model_dimension, self._dimension = self._dimension, 0

    def _model(self):
        self._dimension = self._model_dimension  # known once the model loads
        return super()._model()
