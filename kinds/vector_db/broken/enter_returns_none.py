"""Breaks: `with Class() as x` gives None instead of the instance."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_instance_is_context_manager_that_closes"


class DemoAdapter(Reference):
    def __enter__(self):
        self.ensure_open()  # and forgets to return self
