"""A stand-in for the rag4code core, run inside a plugin's venv.

It knows nothing of the plugin but its group and name: it lists the group with
`importlib.metadata.entry_points`, checks that listing imported nothing of the
plugin, loads the class (noting every module that imported, and whether
anything drew random bytes from os.urandom meanwhile), and uses an instance as
the kind's smoke call says (`use(adapter)` in kinds/<kind>/smoke.py, loaded by
path). Prints one JSON object.

Usage: python consumer.py GROUP NAME PACKAGE SMOKE_PY
"""

import importlib.util
import json
import os
import sys
from importlib.metadata import entry_points

group, name, package, smoke_path = sys.argv[1:]


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
spec = importlib.util.spec_from_file_location("smoke", smoke_path)
assert spec is not None, smoke_path
assert spec.loader is not None, smoke_path
smoke = importlib.util.module_from_spec(spec)
spec.loader.exec_module(smoke)
with adapter_class() as adapter:
    used = {"api_version": adapter_class.api_version, **smoke.use(adapter)}

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
