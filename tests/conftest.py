"""Session fixtures: snapshots of the template (a plain folder, and a tagged git
repo) and one render per answer set, shared read-only by a worker's tests."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests of the template render a plugin per example. `dev`, the
# default, tries a few new examples each run (a fast loop); `ci`, which
# .ci/run selects with HYPOTHESIS_PROFILE=ci, tries many, the same ones every
# run, so that CI is deterministic.
settings.register_profile("dev", max_examples=6, deadline=None)
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

from tests.helpers import SCENARIOS, UV, answers, copy_template, prune_pycache, render, snapshot_template


def pytest_sessionstart(session: pytest.Session) -> None:
    """Every test runs uv: without it, stop once, saying how to get it. Then
    (once, not in each xdist worker) drop bytecode cached for earlier runs'
    deleted temporary folders: in the background, since deleting one run's
    leftovers takes seconds (what an interrupted prune leaves, the next takes)."""
    if not UV:
        pytest.exit(
            "uv is not installed: `python3 -m pip install uv`, or set UV to the"
            " path of the uv binary; then run the tests again (`uv run pytest`).",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
    if "PYTEST_XDIST_WORKER" not in os.environ:
        threading.Thread(target=prune_pycache, name="prune-pycache", daemon=True).start()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a plain folder: fast renders."""
    return copy_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a git repo tagged v0.0.1: for updates,
    versions, and commands that name a version (`--vcs-ref`)."""
    return snapshot_template(tmp_path_factory.mktemp("template-repo"))


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
    """Each answer set (kinds/<kind>/answers.yml, tests/answers/), rendered once. Read-only."""
    data = answers(request.param)
    dst = tmp_path_factory.mktemp(request.param) / f"rag4code-{data['plugin_name'].replace('_', '-')}"
    return data, render(template, dst, **data)


@pytest.fixture(
    scope="session",
    params=[
        pytest.param((name, backend), id=f"{name}-{backend}", marks=pytest.mark.xdist_group(f"{name}-{backend}"))
        for name in SCENARIOS
        for backend in ("server", "cloud")
    ],
)
def remote_scenario(
    request: pytest.FixtureRequest,
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, Any], Path]:
    """Each answer set of tests/answers/ with backend=server and backend=cloud
    (the answer sets are embedded), rendered once. Read-only."""
    name, backend = request.param
    data = {**answers(name), "backend": backend}
    dst = tmp_path_factory.mktemp(f"{name}-{backend}") / f"rag4code-{data['plugin_name'].replace('_', '-')}"
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
