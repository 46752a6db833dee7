"""Session fixtures: one versioned snapshot of the template and one render per
answer set, shared read-only by the tests of a worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

# CI replays the same examples every run; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
from helpers import render, snapshot_template

ANSWERS = Path(__file__).with_name("answers")
SCENARIOS = sorted(path.stem for path in ANSWERS.glob("*.yml"))


def answers(scenario: str) -> dict[str, Any]:
    """A named answer set from tests/answers/ (also usable as copier --data-file)."""
    data: dict[str, Any] = yaml.safe_load((ANSWERS / f"{scenario}.yml").read_text(encoding="utf-8"))
    return data


# What each answer set's plugin_name gives as CapWords, and each kind's class suffix
# when a package provides several kinds: written out, not derived, so that the
# tests check copier.yml's formulas rather than repeat them.
TITLES = {
    "qdrant": "Qdrant",
    "code_hash": "CodeHash",
    "line_window": "LineWindow",
    "toolkit": "Toolkit",
    "tree_sitter_code_splitter_plus_embedding": "TreeSitterCodeSplitterPlusEmbedding",
}
KIND_SUFFIXES = {"vector_db": "VectorDb", "embedder": "Embedder", "chunker": "Chunker"}


def expected_entry_points(data: dict[str, Any]) -> dict[str, str]:
    """kind -> the entry-point value an answer set must produce."""
    name, kinds = data["plugin_name"], data["kinds"]
    if len(kinds) == 1:
        return {kinds[0]: f"rag4code_{name}.adapter:{data.get('class_name', TITLES[name] + 'Adapter')}"}
    return {kind: f"rag4code_{name}.{kind}:{TITLES[name]}{KIND_SUFFIXES[kind]}" for kind in kinds}


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
