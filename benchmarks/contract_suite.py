"""The generated contract suite's run time per kind, on the reference skeleton.

For each kind a plugin is rendered and installed editable once; the case is the
whole generated suite (`python -m pytest`), the floor is the same pytest
collecting that suite without running it (`--collect-only`): start-up, imports
and collection. The case's median is what an author waits for on every run
(goal: under 10 s per kind on a 2-core machine).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers import KINDS, PYTEST, make_venv, render, run

from .common import Context, Row, paired, timed


def suite_run(python: Path, project: Path, *args: str) -> Callable[[], float]:
    """A timed run of the project's pytest (with `args`), for `paired`."""
    return lambda: timed(lambda: run(python, *PYTEST, *args, cwd=project))


def measure(ctx: Context) -> list[Row]:
    rows = []
    for kind in KINDS:
        work = ctx.fresh(f"contract-{kind}")
        project = render(ctx.template, work / "rag4code-demo", plugin_name="demo", kinds=[kind])
        python = make_venv(work / ".venv", project, editable=True)
        # Collecting imports every test module and the libraries they use, so it
        # also compiles the bytecode caches that a second run finds.
        collected = run(python, *PYTEST, "--collect-only", cwd=project).stdout.strip().splitlines()[-1]
        cases, floors = paired(ctx.repeat, suite_run(python, project), suite_run(python, project, "--collect-only"))
        rows.append(
            Row(
                f"contract.{kind}",
                f"contract suite {kind} ({collected.split(' ')[0]} tests): run vs collect-only",
                cases,
                floors,
                extra={"python": sys.version.split()[0]},
            )
        )
    return rows
