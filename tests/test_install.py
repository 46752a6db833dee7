"""Each answer set's render really installs from its wheel into a fresh venv,
as users get it; a consumer that knows only the entry-point group finds each
plugin lazily and uses it, and the plugin's own tests pass there. (Editable
installs, lint and type checks are run the way the generated CI runs them, in
tests/test_ci_steps.py.)"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    answers,
    assert_green,
    consume,
    expected_entry_points,
    kind_facts,
    make_venv,
    render,
    run,
    run_suite,
    smoke_expected,
    venv_python,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def venv(scenario: tuple[dict[str, Any], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scenario installed from its wheel into a fresh venv, with its dev group."""
    _, project = scenario
    return make_venv(tmp_path_factory.mktemp("venvs") / "wheel", project, editable=False)


def assert_load_imports_only_its_kind(seen: dict[str, Any], data: dict[str, Any], kind: str) -> None:
    """Loading the `kind` entry point imported the package, the adapter module,
    the support package and its `kind` module (and the service's module for a
    server or hosted API): none of another kind's, nothing of tests/, and
    nothing drew random bytes."""
    package, module = f"rag4code_{data['plugin_name']}", expected_entry_points(data)[kind].split(":")[0]
    remote = data.get("backend", "embedded") != "embedded"
    expected = {package, module, f"{package}.support", f"{package}.support.{kind}"}
    expected |= {f"{package}.support.service"} if remote else set()
    loaded = set(seen["imported_by_load"])
    assert {m for m in loaded if m.split(".")[0] == package} == expected, sorted(loaded)
    assert not {m for m in loaded if m.split(".")[0] == "tests"}, sorted(loaded)
    assert seen["urandom_calls_by_load"] == 0


def test_install_consumer_finds_each_plugin_lazily_and_uses_it(
    scenario: tuple[dict[str, Any], Path], venv: Path
) -> None:
    data, _ = scenario
    name = data["plugin_name"]
    for kind, value in expected_entry_points(data).items():
        seen = consume(venv, kind, name)
        assert seen["listed"] == {name: value}
        assert seen["loaded"] == value
        assert seen["imported_by_listing"] == [], f"listing {kind} imported {seen['imported_by_listing']}"
        assert_load_imports_only_its_kind(seen, data, kind)
        assert seen["used"] == {"api_version": 1, **smoke_expected(kind)}


def test_install_generated_suite_passes_without_skips(
    scenario: tuple[dict[str, Any], Path], venv: Path, tmp_path: Path
) -> None:
    data, project = scenario
    result = run_suite(venv, project, tmp_path / "junit.xml")
    assert_green(result, min_tests=sum(kind_facts(kind)["min_contract_tests"] for kind in data["kinds"]))


@pytest.mark.parametrize("backend", ["server", "cloud"])
def test_install_remote_plugin_loads_only_its_kind_and_the_service(
    template: Path, tmp_path: Path, backend: str
) -> None:
    """A plugin of every kind behind a server or a hosted API, from its wheel:
    each kind's entry point loads its own support module and the service's,
    none of the others, and works offline (the in-memory reference)."""
    data = {**answers("all_kinds"), "backend": backend}
    project = render(template, tmp_path / "rag4code-toolkit", **data)
    python = make_venv(tmp_path / ".venv", project, editable=False)
    for kind, value in expected_entry_points(data).items():
        seen = consume(python, kind, data["plugin_name"])
        assert seen["loaded"] == value
        assert_load_imports_only_its_kind(seen, data, kind)
        assert seen["used"] == {"api_version": 1, **smoke_expected(kind)}


def test_install_with_plain_pip_is_found_by_a_consumer(rendered: Path, tmp_path: Path) -> None:
    """No uv at all: `python -m venv` and pip's own non-editable install, as a user
    without uv would do it; the consumer finds, loads and uses the plugin."""
    run(sys.executable, "-m", "venv", tmp_path / "venv")
    python = venv_python(tmp_path / "venv")
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", rendered)
    seen = consume(python, "vector_db", "qdrant")
    assert seen["listed"] == {"qdrant": "rag4code_qdrant.adapter:QdrantAdapter"}
    assert seen["imported_by_listing"] == []
    assert seen["used"] == {"api_version": 1, **smoke_expected("vector_db")}
