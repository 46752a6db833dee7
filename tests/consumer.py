"""A stand-in for the rag4code core, run inside a plugin's venv.

It knows nothing of the plugin but its group and name: it lists the group with
`importlib.metadata.entry_points`, checks that listing imported nothing of the
plugin, loads the class (noting every module that imported, and whether
anything drew random bytes from os.urandom meanwhile), and uses it as API v1
says. Prints one JSON object.

Usage: python consumer.py GROUP NAME PACKAGE
"""

import json
import os
import sys
from importlib.metadata import entry_points

group, name, package = sys.argv[1:]


def plugin_modules() -> list[str]:
    return sorted(m for m in sys.modules if m == package or m.startswith(package + "."))


listed = {ep.name: ep.value for ep in entry_points(group=group)}
imported_by_listing = plugin_modules()
(point,) = [ep for ep in entry_points(group=group) if ep.name == name]
before, urandom_calls, urandom = set(sys.modules), [], os.urandom
os.urandom = lambda size: urandom_calls.append(size) or urandom(size)  # state drawn at import
adapter_class = point.load()
os.urandom = urandom
imported_by_load = sorted(set(sys.modules) - before)
used = {}
with adapter_class() as adapter:
    used["api_version"] = adapter_class.api_version
    if group == "rag4code.vector_db":
        adapter.upsert(
            ["src/a.py#L1-L9", "b"],
            [[1.0, 0.0], [0.0, 1.0]],
            [{"lang": "py"}, {"lang": "rs"}],
        )
        hits = adapter.query([0.9, 0.1], top_k=1, where={"lang": "py"})
        used["hits"] = [[h.id, round(h.score, 6), dict(h.metadata)] for h in hits]
        used["count"] = adapter.count()
    elif group == "rag4code.embedder":
        vectors = adapter.embed(["def parse_file(path):", ""])
        used["shape"] = [len(vectors), len(vectors[0]), adapter.dimension]
    elif group == "rag4code.chunker":
        chunks = adapter.chunk("def f():\n    return 1\n\n\ndef g():\n    pass\n", path="m.py")
        used["lines"] = [[c.start_line, c.end_line] for c in chunks]

print(
    json.dumps(
        {
            "listed": listed,
            "imported_by_listing": imported_by_listing,
            "imported_by_load": imported_by_load,
            "urandom_calls_by_load": len(urandom_calls),
            "loaded": f"{adapter_class.__module__}:{adapter_class.__qualname__}",
            "used": used,
        }
    )
)
