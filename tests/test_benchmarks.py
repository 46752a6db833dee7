"""The benchmark command (`python -m benchmarks`, see README) still runs end to
end: a --quick smoke run prints every row and writes every JSON key. Timings are
never asserted; only what the lazy-loading rows import: nothing by listing,
and by loading a kind the package, its adapter module and the kind's support."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.helpers import KINDS, REPO, run

ROWS = [
    "render",
    "time_to_green.total",
    "time_to_green.render",
    "time_to_green.venv",
    "time_to_green.install",
    "time_to_green.tests",
    *(f"contract.{kind}" for kind in KINDS),
    "lazy.imported_by_listing",
    "lazy.load.vector_db",
    "lazy.load.embedder",
    "lazy.load.chunker",
    "lazy.load.empty_layout",
    "scale.10",
    "scale.machinery",
    "scale.growth.list",
    "scale.growth.import_all",
    "suite",
]
ROW_KEYS = {"case", "median_s", "floor_median_s", "ratio", "samples_s", "floor_samples_s", "value"}
MACHINE_KEYS = {"platform", "python", "cpu_count", "load_average", "copier", "uv", "date"}


@pytest.mark.slow
@pytest.mark.render  # the benchmarks render in a process of their own
def test_benchmarks_quick_run_prints_every_row_and_writes_every_key(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    stdout = run(sys.executable, "-m", "benchmarks", "--quick", "--json", report, cwd=REPO).stdout
    data = json.loads(report.read_text(encoding="utf-8"))

    assert set(data) == {"machine", "settings", "wall_s", "rows"}
    assert set(data["machine"]) == MACHINE_KEYS
    assert data["settings"] == {"repeat": 1, "sizes": [10], "with_suite": False}
    assert list(data["rows"]) == ROWS
    for key, row in data["rows"].items():
        assert set(row) >= ROW_KEYS, f"{key} lacks {ROW_KEYS - set(row)}"
        assert row["case"] in stdout, f"row {key} ({row['case']!r}) not printed:\n{stdout}"
    timed = [key for key in ROWS if data["rows"][key]["value"] is None]
    assert all(data["rows"][key]["median_s"] is not None for key in timed), data["rows"]

    lazy = data["rows"]["lazy.imported_by_listing"]
    assert lazy["value"] == 0, f"listing the group imported {lazy['modules']}"
    assert lazy["listed"], "the rendered plugin was not listed in its group"
    for kind in ("vector_db", "embedder", "chunker"):
        imported = data["rows"][f"lazy.load.{kind}"]["imported_by_load"]
        package = imported[0]
        assert imported == sorted([package, f"{package}.{kind}", f"{package}.support", f"{package}.support.{kind}"])
    assert "skipped (use --with-suite)" in stdout
