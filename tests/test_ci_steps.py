"""Generated projects pass their own CI, run the way that CI runs it: each `run:`
step of the generated .github/workflows/ci.yml, as written, in a copy of the
render (so `uv run` makes the project's .venv and installs it editable, as uv
does for an author). Every build backend, every backend kind (embedded,
server, cloud), every answer set, Python 3.11 to 3.13, and the dev
dependencies at their declared floors (`--resolution lowest-direct`)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import UV, answers, find_python, render, run

pytestmark = pytest.mark.slow

# (answer set, extra answers, Python CI runs it on, uv resolution)
VARIANTS = [
    pytest.param("vector_db", {}, "3.11", "highest", id="hatchling-py3.11"),
    pytest.param(  # a vector_db too: its test class gives namespaces and persists
        "embedder",
        {"build_backend": "uv_build", "backend": "server", "kinds": ["vector_db", "embedder"]},
        "3.12",
        "highest",
        id="uv_build-server-py3.12",
    ),
    pytest.param(
        "all_kinds",
        {"build_backend": "setuptools", "backend": "cloud"},
        "3.13",
        "highest",
        id="setuptools-cloud-py3.13",
    ),
    pytest.param("long_names", {"with_pre_commit": False}, "3.12", "highest", id="long_names-py3.12"),
    pytest.param(
        "chunker", {"build_backend": "setuptools"}, "3.11", "lowest-direct", id="dev-floors-setuptools-py3.11"
    ),
]


def ci_commands(project: Path) -> list[tuple[list[str], dict[str, str]]]:
    """The `run:` steps of the generated CI workflow's test job, as argv lists,
    each with the environment variables its step sets."""
    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    return [
        (shlex.split(step["run"]), {name: str(value) for name, value in step.get("env", {}).items()})
        for step in workflow["jobs"]["test"]["steps"]
        if "run" in step
    ]


def test_ci_runs_lint_types_and_tests_with_uv() -> None:
    """The steps the variants below replay are the four an author expects."""
    template_ci = Path(__file__).parent.parent / "template/.github/workflows/ci.yml.jinja"
    text = template_ci.read_text(encoding="utf-8")
    for step in ("uv run ruff check .", "uv run ruff format --check .", "uv run mypy", "uv run pytest"):
        assert f"- run: {step}\n" in text, step


@pytest.mark.parametrize(("scenario_name", "extra", "python", "resolution"), VARIANTS)
def test_ci_steps_pass_in_a_fresh_copy(
    template: Path,
    tmp_path: Path,
    scenario_name: str,
    extra: dict[str, Any],
    python: str,
    resolution: str,
) -> None:
    interpreter = find_python(python)
    if interpreter is None:
        pytest.skip(f"CPython {python} is not installed here: this variant did not run")
    data = {**answers(scenario_name), **extra}
    project = render(template, tmp_path / "rag4code-plugin", **data)
    commands = ci_commands(project)
    assert len(commands) == 4, commands
    for command, env in commands:
        assert command[:2] == ["uv", "run"], command
        run(UV, *command[1:], cwd=project, UV_PYTHON=str(interpreter), UV_RESOLUTION=resolution, **env)
    assert commands[-1][1] == {"PYTHONWARNDEFAULTENCODING": "1"}, "pytest fails on a missing encoding="
    used = run(project / ".venv/bin/python", "-c", "import sys; print('%d.%d' % sys.version_info[:2])").stdout
    assert used.strip() == python
