"""`python -m benchmarks`: run every measurement, print one table, write JSON.

Measurements run one after another (never in parallel, which would make them
compete for the machine's cores), each case next to its floor.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.helpers import UV, CommandFailed, prune_pycache

from . import contract_suite, lazy_loading, render, scale, suite, time_to_green
from .common import REPO, Context, Row

HEADER = ("case", "median s", "floor median s", "ratio")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, metavar="K", help="runs per case, medians reported")
    parser.add_argument("--sizes", default="10,100,300", help="plugin counts for start-up at scale")
    parser.add_argument("--quick", action="store_true", help="smoke run: --repeat 1 --sizes 10")
    parser.add_argument("--with-suite", action="store_true", help="also time `uv run pytest -q` (minutes)")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.sizes = 1, "10"
    args.sizes = sorted({int(size) for size in args.sizes.split(",")})
    if args.repeat < 1 or args.sizes[0] < 1:
        parser.error("--repeat and --sizes must be positive")
    return args


def machine() -> dict[str, Any]:
    uv = subprocess.run([UV, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "copier": importlib.metadata.version("copier"),
        "uv": uv.removeprefix("uv ").split()[0] if uv else None,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def seconds(value: float | None) -> str:
    """Three significant digits, no exponent: 12.3, 0.456, 0.000789."""
    if value is None:
        return "-"
    if value <= 0:
        return "0"
    return f"{value:.{max(1, 2 - math.floor(math.log10(value)))}f}"


def table(rows: list[Row]) -> str:
    """Aligned text table; a row that is not a timing shows its value instead:
    a count in the median column, words after the case."""
    lines = [HEADER]
    for row in rows:
        if isinstance(row.value, str):
            lines.append((f"{row.case}: {row.value}", "", "", ""))
        elif row.value is not None:
            lines.append((row.case, str(row.value), "", ""))
        else:
            ratio = "-" if row.ratio is None else f"{row.ratio:.3g}x"
            lines.append((row.case, seconds(row.median), seconds(row.floor_median), ratio))
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    text = ["  ".join([line[0].ljust(widths[0]), *map(str.rjust, line[1:], widths[1:])]).rstrip() for line in lines]
    return "\n".join([text[0], "-" * len(text[0]), *text[1:]])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    prune_pycache()
    info, started = machine(), time.perf_counter()  # load average as the run starts
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rag4code-bench-") as scratch:
        ctx = Context(Path(scratch), args.repeat, args.sizes)
        steps = [render.measure, time_to_green.measure, contract_suite.measure, lazy_loading.measure, scale.measure]
        for step in steps:
            print(f"... {step.__module__.rpartition('.')[2]}", file=sys.stderr, flush=True)
            rows += step(ctx)
        rows += suite.measure(args.with_suite)
    print(f"{info['platform']}, Python {info['python']}, {info['cpu_count']} CPUs, copier {info['copier']}, ", end="")
    print(f"uv {info['uv']}, {info['date']}; median of {args.repeat} run(s); ratio = median / floor median")
    print(table(rows))
    report = {
        "machine": info,
        "settings": {"repeat": args.repeat, "sizes": args.sizes, "with_suite": args.with_suite},
        "wall_s": time.perf_counter() - started,
        "rows": {row.key: row.as_json() for row in rows},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as failure:
        sys.exit(f"benchmark failed: {failure}")
