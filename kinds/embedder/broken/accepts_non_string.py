"""Breaks: non-str items are converted with str() (None embeds as "None") instead of rejected."""

from __future__ import annotations

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_embed_non_string_item_is_rejected"


class DemoAdapter(Reference):
    def embed(self, texts):
        if isinstance(texts, str):
            return super().embed(texts)  # still rejected
        return super().embed([str(text) for text in texts])
