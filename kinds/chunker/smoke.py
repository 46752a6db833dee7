"""The consumer's smoke call for a chunker plugin (tests/consumer.py).

`use` gets an instance, fresh from the entry point, and uses it as rag4code
would; the template's tests compare what it returns with EXPECTED.
"""

from typing import Any

EXPECTED = {"first_line": 1, "last_line": 6}


def use(adapter: Any) -> dict[str, Any]:
    chunks = adapter.chunk("def f():\n    return 1\n\n\ndef g():\n    pass\n", path="m.py")
    return {"first_line": chunks[0].start_line, "last_line": chunks[-1].end_line}
