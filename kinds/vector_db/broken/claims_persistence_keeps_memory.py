"""Breaks: claims its data persists but keeps every record in the instance's memory (a FAISS index never written to its path)."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_reopened_store_has_the_records_of_the_closed_one"
PERSISTS = True  # its test class says persists = True, as its author believes


class DemoAdapter(Reference):
    def __init__(self, *, path=None):
        super().__init__()
        self.path = path  # accepted, never read or written: the index lives in memory
