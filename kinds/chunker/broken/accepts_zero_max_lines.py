"""Breaks: max_lines=0 is accepted (and read as "no limit")."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_construct_max_lines_below_one_is_rejected"


class DemoAdapter(Reference):
    def __init__(self, *, max_lines=40):
        super().__init__(max_lines=max_lines if max_lines >= 1 else 10**9)
