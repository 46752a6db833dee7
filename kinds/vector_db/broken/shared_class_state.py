"""Breaks: all instances share one class-level client, so a new store sees another's records."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_new_instance_does_not_see_another_instances_records"


class DemoAdapter(Reference):
    _shared = None  # one client for the whole process, made by the first instance

    def _client(self):
        self.ensure_open()
        if DemoAdapter._shared is None:
            DemoAdapter._shared = super()._client()
        return DemoAdapter._shared
