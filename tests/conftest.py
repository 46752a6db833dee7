"""Session fixtures: snapshots of the template (a plain folder, and a tagged git
repo) and one render per answer set, shared read-only by a worker's tests."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
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

import copier

from tests import helpers
from tests.helpers import (
    SCENARIOS,
    UV,
    answers,
    copy_template,
    plugin_at_v1,
    prune_pycache,
    release,
    render,
    snapshot_template,
)

# The fixtures that run copier. A test using one (directly, or through a
# fixture of its own) is marked `render`, as is a test marked so by hand
# (one that renders otherwise): `-m "not slow and not render"` is the layer
# that never runs copier.
RENDER_FIXTURES = {"template", "template_repo", "rendered", "scenario", "remote_scenario"}
# copier's API, and the names tests/helpers.py imported it under.
COPIER_CALLS = (
    (copier, "run_copy"),
    (copier, "run_update"),
    (copier, "run_recopy"),
    (helpers, "run_copy"),
    (helpers, "run_update"),
)


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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts one worker more than there are CPUs: much of the suite
    waits on subprocesses (uv installing, servers starting, git cloning), and
    a third worker on two CPUs keeps them busy (README's table of layers has
    the times, benchmarks/ the method)."""
    return len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if RENDER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.render)


@pytest.fixture(autouse=True)
def copier_only_in_render_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked `render` that runs copier fails, saying how to mark
    it: the layer without renders stays free of them."""
    if request.node.get_closest_marker("render") is not None:
        return

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError(
            f"{request.node.nodeid} runs copier but is not marked `render`: use one of the fixtures"
            f" {sorted(RENDER_FIXTURES)} or mark it @pytest.mark.render, so that"
            ' `-m "not render"` runs no copier.'
        )

    for module, name in COPIER_CALLS:
        monkeypatch.setattr(module, name, refuse)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a plain folder: fast renders."""
    return copy_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a git repo tagged v0.0.1: for updates,
    versions, and commands that name a version (`--vcs-ref`)."""
    return snapshot_template(tmp_path_factory.mktemp("template-repo"))


Change = Callable[[Path], None]


@pytest.fixture(scope="session")
def released(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[Change], Path]:
    """`released(change)`: the template repo with `change` committed as v0.0.2
    (helpers.release), made once per change in a worker. Read-only: copier
    only clones it."""
    repos: dict[Change, Path] = {}

    def get(change: Change) -> Path:
        if change not in repos:
            repos[change] = release(template_repo, tmp_path_factory.mktemp("release"), change)
        return repos[change]

    return get


@pytest.fixture(scope="session")
def author_plugin(released: Callable[[Change], Path], tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """`author_plugin(tmp_path, change, **answers)`: rag4code-qdrant rendered
    from v0.0.1 of `released(change)` and committed, as an author has it
    (helpers.plugin_at_v1), copied into `tmp_path` for the test to edit and
    update. Rendered once per release and answers in a worker."""
    plugins: dict[tuple[Change, str], Path] = {}

    def get(tmp_path: Path, change: Change, **data: Any) -> Path:
        key = (change, json.dumps(data, sort_keys=True))
        if key not in plugins:
            plugins[key] = plugin_at_v1(released(change), tmp_path_factory.mktemp("plugin"), **data)
        return Path(shutil.copytree(plugins[key], tmp_path / plugins[key].name))

    return get


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
