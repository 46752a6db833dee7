"""The consumer's smoke call for a vector_db plugin (tests/consumer.py).

`use` gets an instance, fresh from the entry point, and uses it as rag4code
would; the template's tests compare what it returns with EXPECTED.
"""

from typing import Any

EXPECTED = {"hits": [["src/a.py#L1-L9", 0.9939, {"lang": "py"}]], "count": 2}


def use(adapter: Any) -> dict[str, Any]:
    adapter.upsert(["src/a.py#L1-L9", "b"], [[1.0, 0.0], [0.0, 1.0]], [{"lang": "py"}, {"lang": "rs"}])
    hits = adapter.query([0.9, 0.1], top_k=1, where={"lang": "py"})
    return {"hits": [[h.id, round(h.score, 4), dict(h.metadata)] for h in hits], "count": adapter.count()}
