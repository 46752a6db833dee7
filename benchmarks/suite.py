"""Wall time of the template's own test suite, each layer run once: the layer
that renders nothing (`-m "not slow and not render"`), the fast loop
(`-m "not slow"`), both with the dev profile, and the whole suite as CI runs
it (`uv run pytest`, HYPOTHESIS_PROFILE=ci, as `.ci/run` sets).

They take seconds and minutes (fresh venvs for every answer set), so they are
opt-in (`--with-suite`) and not repeated; they have no floor, so read them
against earlier runs on the same machine (the JSON keeps them), and only roughly.
"""

from __future__ import annotations

import sys
import time

from tests.helpers import UV, run

from .common import REPO, Row

LAYERS = {
    "no_render": ('suite: uv run pytest -m "not slow and not render"', ["-m", "not slow and not render"], "dev"),
    "fast": ('suite: uv run pytest -m "not slow" (fast loop)', ["-m", "not slow"], "dev"),
    "full": ("suite: uv run pytest (as .ci/run)", [], "ci"),
}


def measure(with_suite: bool) -> list[Row]:
    if not with_suite:
        return [Row("suite", "suite: uv run pytest", value="skipped (use --with-suite)")]
    return [time_layer(key, *layer) for key, layer in LAYERS.items()]


def time_layer(key: str, case: str, selection: list[str], profile: str) -> Row:
    start = time.perf_counter()
    result = run(UV, "run", "pytest", "-q", *selection, cwd=REPO, check=False, HYPOTHESIS_PROFILE=profile)
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines() or [""]
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    if result.returncode:
        print(f"the template's suite failed ({lines[-1]}):", *failed, sep="\n  ", file=sys.stderr)
    extra = {"returncode": result.returncode, "summary": lines[-1], "failed": failed}
    return Row(f"suite_{key}", case, [seconds], extra=extra)
