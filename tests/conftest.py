"""Session fixtures: one versioned snapshot of the template and one render per
answer set, shared read-only by the tests of a worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI replays the same examples every run; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
from helpers import SCENARIOS, answers, render, snapshot_template


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a git repo tagged v0.0.1."""
    return snapshot_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def rendered(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """rag4code-qdrant rendered on defaults (vector_db). Read-only: copy it to change it."""
    return render(template, tmp_path_factory.mktemp("render") / "rag4code-qdrant")


@pytest.fixture(
    scope="session",
    # One xdist worker per scenario, so its render and venvs are built once.
    params=[pytest.param(name, marks=pytest.mark.xdist_group(name)) for name in SCENARIOS],
)
def scenario(
    request: pytest.FixtureRequest,
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, Any], Path]:
    """Each answer set of tests/answers/, rendered once. Read-only."""
    data = answers(request.param)
    dst = tmp_path_factory.mktemp(request.param) / f"rag4code-{data['plugin_name'].replace('_', '-')}"
    return data, render(template, dst, **data)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print which broken adapters the contract suites caught (issue: contract strength)."""
    rows = [
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "broken_adapter"
    ]
    if not rows:
        return
    terminalreporter.section("broken adapters vs contract suites")
    for row in sorted(rows, key=lambda r: (r["kind"], r["adapter"])):
        mark = "caught" if row["caught"] else "NOT CAUGHT"
        terminalreporter.write_line(f"{row['kind']:<10} {mark:<11} {row['adapter']:<34} {row['rule']}")
    terminalreporter.write_line(f"{sum(r['caught'] for r in rows)}/{len(rows)} caught")
