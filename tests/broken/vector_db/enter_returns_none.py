"""Breaks: `with Class() as x` gives None instead of the instance."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_instance_is_context_manager"


class DemoAdapter(Reference):
    def __enter__(self):
        return None
