"""Wall time of the template's own test suite, `uv run pytest -q`, run once.

It takes minutes (fresh venvs for every answer set), so it is opt-in
(`--with-suite`) and not repeated; it has no floor, so read it against
earlier runs on the same machine, and only roughly.
"""

from __future__ import annotations

import sys
import time

from helpers import run

from .common import REPO, Row

CASE = "suite: uv run pytest -q (template's tests)"


def measure(with_suite: bool) -> list[Row]:
    if not with_suite:
        return [Row("suite", CASE, value="skipped (use --with-suite)")]
    start = time.perf_counter()
    result = run("uv", "run", "pytest", "-q", cwd=REPO, check=False)
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines() or [""]
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    if result.returncode:
        print(f"the template's suite failed ({lines[-1]}):", *failed, sep="\n  ", file=sys.stderr)
    extra = {"returncode": result.returncode, "summary": lines[-1], "failed": failed}
    return [Row("suite", CASE, [seconds], extra=extra)]
