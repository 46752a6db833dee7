"""The consumer's smoke call for an embedder plugin (tests/consumer.py).

`use` gets an instance, fresh from the entry point, and uses it as rag4code
would; the template's tests compare what it returns with EXPECTED.
"""

from typing import Any

EXPECTED = {"vectors": 2, "lengths_are_the_dimension": True}


def use(adapter: Any) -> dict[str, Any]:
    vectors = adapter.embed(["def parse_file(path):", ""])
    return {
        "vectors": len(vectors),
        "lengths_are_the_dimension": {len(vector) for vector in vectors} == {adapter.dimension},
    }
