"""Lazy loading: listing the group imports nothing; loading costs little.

In a venv with a rendered plugin of every kind installed as a wheel (what a
host gets from PyPI), each in a fresh interpreter:

- how many of the plugin's modules `importlib.metadata.entry_points(group=...)`
  imports: the design requires 0, so a host can list every plugin for free;
- per kind, the wall time of `EntryPoint.load()` for the plugin, against
  `load()` of an entry point that names an empty module in the same
  site-packages: the same code path, so the ratio is what the package, the
  kind's adapter module and the support modules it needs cost to import (the
  goal is at most GOAL times the empty module). Each row also records which of
  the plugin's modules the load imported;
- the same for an entry point into the layout's four modules left empty (a
  package, its adapter module importing `support.<kind>`, the support package
  and that module): what the number of modules alone costs, the floor of any
  plugin with this layout.

Timed with perf_counter inside the child, not with `python -X importtime`:
importtime logs only imports made by import statements, and `load()` goes
through `importlib.import_module`, so the plugin's own modules never show up
in its report (only what they import does). Both modules are byte-compiled
first, as they are on a host after the first run.
"""

from __future__ import annotations

import compileall
import json
from pathlib import Path

import yaml

from tests.helpers import make_venv, render, run, site_packages

from .common import Context, Row, paired

LIST = """\
import json, sys
from importlib.metadata import entry_points
names = [point.name for point in entry_points(group=sys.argv[1])]
package = sys.argv[2]
imported = sorted(m for m in sys.modules if m == package or m.startswith(package + "."))
print(json.dumps({"names": names, "imported": imported}))
"""
LOAD = """\
import json, sys, time
from importlib.metadata import EntryPoint, entry_points
if sys.argv[2] == "-":  # the floor: an entry point naming an empty module
    point = EntryPoint(name="empty", value=sys.argv[1], group="rag4code.bench")
else:
    (point,) = entry_points(group=sys.argv[1], name=sys.argv[2])
before = set(sys.modules)
start = time.perf_counter()
point.load()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "imported": sorted(set(sys.modules) - before)}))
"""
EMPTY_MODULE = "rag4code_bench_empty"
EMPTY_LAYOUT = "rag4code_bench_layout"  # package/, adapter.py -> support/__init__.py, support/kind.py
KINDS = ["vector_db", "embedder", "chunker"]
GOAL = 3  # times the load() of an empty module


def measure(ctx: Context) -> list[Row]:
    project = render(ctx.template, ctx.fresh("lazy") / "rag4code-demo", kinds=KINDS)
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    name, group = answers["plugin_name"], f"rag4code.{answers['kinds'][0]}"
    package = f"rag4code_{name}"
    python = make_venv(ctx.fresh("lazy-venv"), project, editable=False)
    site = site_packages(python)
    (site / f"{EMPTY_MODULE}.py").write_text("", encoding="utf-8")
    (site / EMPTY_LAYOUT / "support").mkdir(parents=True)
    for empty in ("__init__.py", "support/__init__.py", "support/kind.py"):
        (site / EMPTY_LAYOUT / empty).write_text("", encoding="utf-8")
    (site / EMPTY_LAYOUT / "adapter.py").write_text(f"import {EMPTY_LAYOUT}.support.kind\n", encoding="utf-8")
    for folder in (package, EMPTY_LAYOUT):
        compileall.compile_dir(site / folder, quiet=1)
    compileall.compile_file(site / f"{EMPTY_MODULE}.py", quiet=1)

    listed = json.loads(run(python, "-c", LIST, group, package).stdout)
    if name not in listed["names"]:
        raise RuntimeError(f"{name} is not listed in {group}: {listed['names']}")

    loaded: list[str] = []

    def load(*args: str | Path) -> float:
        result = json.loads(run(python, "-c", LOAD, *args).stdout)
        loaded[:] = result["imported"]
        return float(result["seconds"])

    rows = [
        Row(
            "lazy.imported_by_listing",
            "lazy: plugin modules imported by listing the group",
            value=len(listed["imported"]),
            extra={"modules": listed["imported"], "listed": listed["names"]},
        )
    ]
    for kind in KINDS:
        group = f"rag4code.{kind}"
        load(group, name)  # a first load warms the file cache, and says what it imports
        imported = sorted(m for m in loaded if m.split(".")[0] == package)
        loads, empties = paired(ctx.repeat, lambda group=group: load(group, name), lambda: load(EMPTY_MODULE, "-"))
        case = f"lazy: EntryPoint.load() {kind} vs empty module (goal <= {GOAL}x)"
        rows.append(Row(f"lazy.load.{kind}", case, loads, empties, extra={"imported_by_load": imported}))
    load(f"{EMPTY_LAYOUT}.adapter", "-")
    layout, empties = paired(ctx.repeat, lambda: load(f"{EMPTY_LAYOUT}.adapter", "-"), lambda: load(EMPTY_MODULE, "-"))
    rows.append(
        Row("lazy.load.empty_layout", "lazy: load() of the layout's 4 modules, empty, vs empty module", layout, empties)
    )
    return rows
