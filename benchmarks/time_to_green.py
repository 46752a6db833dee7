"""Time-to-green: from nothing to a passing test suite, step by step.

The steps are the ones a plugin author takes: render the project, create a
venv (`uv venv`), install it editable with its dev group (`uv pip install -e
. --group dev`), run its tests (`python -m pytest`). The floor is the least a
plugin can be: a hatchling project written on the fly with one entry point,
one module, one test and pytest as its only dev dependency. Its "render" is
writing three small files, so that step's ratio is large by construction; the
other steps show what the template's richer project (mypy and ruff in the dev
group, the contract suite) costs. uv's cache is shared, as on a developer's
machine, so installs measure linking, not downloading.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers import PYTEST, UV, render, run, venv_python

from .common import Context, Row

STEPS = ("render", "venv", "install", "tests")

TRIVIAL_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.27"]
build-backend = "hatchling.build"

[project]
name = "rag4code-trivial"
version = "0.1.0"
requires-python = ">=3.10"

[project.entry-points."rag4code.vector_db"]
trivial = "rag4code_trivial:TrivialAdapter"

[dependency-groups]
dev = ["pytest>=9"]

[tool.hatch.build.targets.wheel]
packages = ["src/rag4code_trivial"]
"""
TRIVIAL_MODULE = "class TrivialAdapter:\n    api_version = 1\n"
TRIVIAL_TEST = """\
from importlib.metadata import entry_points


def test_entry_point_loads_the_adapter():
    (point,) = entry_points(group="rag4code.vector_db", name="trivial")
    assert point.load().api_version == 1
"""


def trivial_plugin(dst: Path) -> Path:
    """Write the floor plugin: pyproject with an entry point, one module, one test."""
    files = {
        "pyproject.toml": TRIVIAL_PYPROJECT,
        "src/rag4code_trivial/__init__.py": TRIVIAL_MODULE,
        "tests/test_trivial.py": TRIVIAL_TEST,
    }
    for name, text in files.items():
        (dst / name).parent.mkdir(parents=True, exist_ok=True)
        (dst / name).write_text(text, encoding="utf-8")
    return dst


def to_green(work: Path, make_project: Callable[[Path], Path]) -> dict[str, float]:
    """Seconds per step, and in total, for one project from scratch to a green suite."""
    t0 = time.perf_counter()
    project = make_project(work / "rag4code-demo")
    t1 = time.perf_counter()
    run(UV, "venv", "-q", "--python", sys.executable, work / "venv")
    t2 = time.perf_counter()
    python = venv_python(work / "venv")
    group = f"{project / 'pyproject.toml'}:dev"
    run(UV, "pip", "install", "-q", "--python", python, "-e", project, "--group", group)
    t3 = time.perf_counter()
    run(python, *PYTEST, cwd=project)  # fails loudly unless green
    t4 = time.perf_counter()
    return {"render": t1 - t0, "venv": t2 - t1, "install": t3 - t2, "tests": t4 - t3, "total": t4 - t0}


def measure(ctx: Context) -> list[Row]:
    def template(dst: Path) -> Path:
        return render(ctx.template, dst)

    cases: list[dict[str, float]] = []
    floors: list[dict[str, float]] = []
    for i in range(ctx.repeat):  # alternate which goes first, as common.paired does
        order = [(cases, template), (floors, trivial_plugin)]
        for results, make in order if i % 2 == 0 else reversed(order):
            results.append(to_green(ctx.fresh("green"), make))
    rows = [Row("time_to_green.total", "time-to-green total: template vs trivial plugin")]
    rows += [Row(f"time_to_green.{step}", f"  step {step}") for step in STEPS]
    for row in rows:
        step = row.key.rpartition(".")[2]
        row.samples = [c[step] for c in cases]
        row.floor_samples = [f[step] for f in floors]
    return rows
