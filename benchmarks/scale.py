"""Start-up at scale: list N installed plugins vs import all N.

For each N, one fresh `uv venv` gets N synthetic plugin distributions written
straight into its site-packages: per plugin a `*.dist-info` folder (METADATA,
entry_points.txt, INSTALLER, RECORD: the files a wheel installer leaves and
the only ones importlib.metadata reads) and one top-level module. N separate
distributions, not one declaring N entry points, because listing costs per
installed distribution (a folder to find, a file to read), which is what grows
on a real host; writing them directly, not building and installing N wheels,
keeps set-up to a fraction of a second without changing what is read.

Each module does a little realistic import-time work (imports json, re and
dataclasses, compiles a regex, parses a JSON default, defines a dataclass and
a class). In fresh interpreters, timed from inside (start-up is the same for
both and left out):

- case: the pattern the seed document warns against, scan site-packages with
  pkgutil and import every `rag4code_synth_*` module;
- floor: `importlib.metadata.entry_points(group=...)`, listing every plugin by
  name without importing any.

The import of the machinery itself is timed apart, once per host and the same
for every N: importlib.metadata pulls in email, zipfile and csv (tens of ms,
more than importing ten small plugins), while many hosts have it imported
already. Growth rows compare the largest N with the smallest for each approach.
"""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

from tests.helpers import UV, run, site_packages, venv_python

from .common import Context, Row, paired

GROUP = "rag4code.vector_db"
PREFIX = "rag4code_synth_"
MODULE = '''\
"""Synthetic rag4code plugin {i}."""

import dataclasses
import json
import re

_TOKEN = re.compile(r"synth{i}|[A-Za-z_][A-Za-z0-9_]*")
DEFAULTS = json.loads('{{"dimension": 8, "metric": "cosine", "name": "synth_{i}"}}')


@dataclasses.dataclass(frozen=True)
class Options:
    dimension: int = DEFAULTS["dimension"]
    metric: str = DEFAULTS["metric"]


class Synth{i}Adapter:
    api_version = 1

    def __init__(self, **options):
        self.options = Options(**options)

    def tokens(self, text):
        return _TOKEN.findall(text)
'''
LIST = """\
import sys, time
start = time.perf_counter()
from importlib.metadata import entry_points
ready = time.perf_counter()
names = [point.name for point in entry_points(group=sys.argv[1])]
print(ready - start, time.perf_counter() - ready, len(names))
"""
IMPORT_ALL = """\
import sys, time
start = time.perf_counter()
import importlib, pkgutil
ready = time.perf_counter()
found = [m.name for m in pkgutil.iter_modules([sys.argv[1]]) if m.name.startswith(sys.argv[2])]
modules = [importlib.import_module(name) for name in found]
print(ready - start, time.perf_counter() - ready, len(modules))
"""


def synthetic_venv(root: Path, n: int) -> tuple[Path, Path]:
    """A fresh venv with n synthetic plugins installed; returns (python, site-packages)."""
    run(UV, "venv", "-q", "--python", sys.executable, root)
    python = venv_python(root)
    site = site_packages(python)
    for i in range(n):
        tag = f"{i:04d}"
        module, info = site / f"{PREFIX}{tag}.py", site / f"{PREFIX}{tag}-0.1.0.dist-info"
        info.mkdir()
        module.write_text(MODULE.format(i=tag), encoding="utf-8")
        files = {
            "METADATA": f"Metadata-Version: 2.1\nName: rag4code-synth-{tag}\nVersion: 0.1.0\n",
            "entry_points.txt": f"[{GROUP}]\nsynth_{tag} = {PREFIX}{tag}:Synth{tag}Adapter\n",
            "INSTALLER": "rag4code-benchmarks\n",
        }
        for name, text in files.items():
            (info / name).write_text(text, encoding="utf-8")
        record = [f"{module.name},,", *(f"{info.name}/{name},," for name in [*files, "RECORD"])]
        (info / "RECORD").write_text("\n".join(record) + "\n", encoding="utf-8")
        compileall.compile_file(module, quiet=1)  # as a host runs them after the first time
    return python, site


class Child:
    """Runs one discovery script in fresh interpreters; keeps, apart, the one-off
    cost of importing its machinery (importlib.metadata, or pkgutil)."""

    def __init__(self, python: Path, code: str, *args: str | Path, expect: int) -> None:
        self.command, self.expect, self.machinery = (python, "-c", code, *args), expect, list[float]()

    def __call__(self) -> float:
        machinery, seconds, seen = run(*self.command).stdout.split()
        if int(seen) != self.expect:
            raise RuntimeError(f"expected {self.expect} plugins, the child saw {seen}")
        self.machinery.append(float(machinery))
        return float(seconds)


def measure(ctx: Context) -> list[Row]:
    rows: dict[int, Row] = {}
    machinery = Row("scale.machinery", "  one-off: import pkgutil (scan) vs importlib.metadata (list)")
    for n in ctx.sizes:
        python, site = synthetic_venv(ctx.fresh(f"scale-{n}") / "venv", n)
        scan, listing = Child(python, IMPORT_ALL, site, PREFIX, expect=n), Child(python, LIST, GROUP, expect=n)
        cases, floors = paired(ctx.repeat, scan, listing)
        rows[n] = Row(f"scale.{n}", f"scale N={n}: import all (scan) vs entry_points list", cases, floors)
        machinery.samples += scan.machinery
        machinery.floor_samples += listing.machinery
    small, large = min(ctx.sizes), max(ctx.sizes)
    growth = [
        Row("scale.growth.list", f"  growth N={large}/N={small}: entry_points list"),
        Row("scale.growth.import_all", f"  growth N={large}/N={small}: import all (scan)"),
    ]
    if small == large:
        for row in growth:
            row.value = "n/a (needs two sizes)"
    else:
        growth[0].samples, growth[0].floor_samples = rows[large].floor_samples, rows[small].floor_samples
        growth[1].samples, growth[1].floor_samples = rows[large].samples, rows[small].samples
    for row in growth:
        row.extra["sizes"] = [small, large]
    return [*rows.values(), machinery, *growth]
