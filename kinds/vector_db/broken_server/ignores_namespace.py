"""Breaks: every instance writes to one fixed collection whatever `namespace=` says, so instances at one URL see each other's records."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_new_instance_does_not_see_another_instances_records"

COLLECTION = "rag4code"  # the collection every instance opens


class DemoAdapter(Reference):
    def __init__(self, *, url=None, namespace=COLLECTION):
        super().__init__(url=url, namespace=COLLECTION)  # the namespace is accepted, then ignored
        self.requested_namespace = namespace
