"""The consumer's smoke call for a reranker plugin (tests/consumer.py)."""

from typing import Any

EXPECTED = {"order": [1, 0]}


def use(adapter: Any) -> dict[str, Any]:
    return {"order": adapter.rerank("parse a file", ["SELECT 1;", "def parse(file): ..."])}
