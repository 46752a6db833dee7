"""Breaks: the class cannot be built without arguments (Class() must work)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_class_constructs_without_arguments"


class DemoAdapter(Reference):
    def __init__(self, url):
        super().__init__()
        self.url = url
