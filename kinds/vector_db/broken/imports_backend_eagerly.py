"""Breaks: a third-party library (pytest, standing in for a heavy client) is imported at module import."""

import pytest
from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_loading_imports_only_stdlib_and_the_plugin"


class DemoAdapter(Reference):
    backend = pytest.__name__
