"""Breaks: each instance draws a random salt, so two instances embed a text differently."""

from __future__ import annotations

import os

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_texts

CAUGHT_BY = "test_embed_new_instance_gives_same_vector"


class DemoAdapter(Reference):
    def __init__(self, **options):
        super().__init__(**options)
        self._salt = os.urandom(8).hex()

    def embed(self, texts):
        return super().embed([f"{self._salt} {text}" for text in check_texts(texts)])
