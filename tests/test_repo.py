"""Consistency of the template repository itself: suffix discipline, portable
file names, one folder per kind, its own code style, and the test suite's
own housekeeping (xdist groups, the bytecode cache)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import tomlkit
import yaml
from packaging.requirements import Requirement

from tests import helpers
from tests.helpers import KIND_CHECKS, REPO, run, template_files

JINJA = re.compile(r"\{\{|\{%|\{#")


def test_repo_jinja_suffix_only_where_jinja_is_used() -> None:
    for name in template_files():
        if not name.startswith("template/"):
            continue
        text = (REPO / name).read_text(encoding="utf-8")
        if name.endswith(".jinja"):
            assert JINJA.search(text) or JINJA.search(name), f"{name} has no Jinja: drop the .jinja suffix"
        else:
            assert not JINJA.search(text), f"{name} holds Jinja: add .jinja"


def test_repo_template_file_names_are_portable() -> None:
    """Double quotes and backslashes are illegal in Windows file names."""
    for name in template_files():
        assert not {'"', "\\"} & set(name), name


@pytest.mark.parametrize("check", KIND_CHECKS, ids=lambda check: check.__name__)
def test_repo_kinds_are_one_folder_each(check: Callable[[Path], None]) -> None:
    """Adding a kind means adding one folder of kinds/, plus one choice: the
    checks of tests/helpers.py (run on a copy with a new kind too, in
    tests/test_new_kind.py): the folder's parts, its facts, its broken
    adapters' CAUGHT_BY, and README's table of them."""
    check(REPO)


def test_repo_own_code_passes_ruff() -> None:
    run(sys.executable, "-m", "ruff", "check", "--no-cache", "tests", "benchmarks", "kinds", cwd=REPO)
    run(sys.executable, "-m", "ruff", "format", "--no-cache", "--check", "tests", "benchmarks", "kinds", cwd=REPO)


def test_repo_readme_commands_are_the_documented_two() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "uvx copier copy --defaults . ../rag4code-demo" in readme
    assert "uv run pytest" in readme
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "uv run pytest\n" in ci
    assert Path(REPO / ".ci/run").stat().st_mode & 0o111


def test_repo_python_floor_is_the_oldest_python_ci_installs() -> None:
    """The repository's `requires-python` floor is the oldest Python its CI sets up,
    so CI proves the floor it claims."""
    pyproject = tomlkit.parse((REPO / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    [setup] = [step for step in workflow["jobs"]["test"]["steps"] if "setup-python" in step.get("uses", "")]
    versions = sorted(setup["with"]["python-version"].split(), key=lambda v: tuple(map(int, v.split("."))))
    assert pyproject["project"]["requires-python"] == f">={versions[0]}"


def test_repo_min_copier_version_is_the_one_documented_and_developed_with() -> None:
    """`_min_copier_version` is what the README promises, and the dev environment's
    copier requirement does not exclude it (tests/test_copier_versions.py renders with it)."""
    config = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))
    minimum = config["_min_copier_version"]
    assert f"It needs copier {minimum} or newer" in (REPO / "README.md").read_text(encoding="utf-8")
    pyproject = tomlkit.parse((REPO / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    requirements = [Requirement(text) for text in pyproject["dependency-groups"]["dev"]]
    [copier] = [r for r in requirements if r.name == "copier"]
    assert copier.specifier.contains(minimum), (copier, minimum)


@pytest.mark.slow
def test_repo_xdist_groups_keep_their_tests_on_one_worker(tmp_path: Path) -> None:
    """Session fixtures that render, record or start a server are built once
    because their tests share an `xdist_group`; with pytest 9.2, pytest-xdist's
    loadgroup silently stopped grouping (pytest-dev/pytest-xdist#1386), which
    doubled the suite's slowest set-ups. This fails when an upgrade brings that back."""
    (tmp_path / "test_grouped.py").write_text(
        "import pytest\n\npytestmark = pytest.mark.xdist_group('one')\n\n"
        + "".join(f"def test_{i}() -> None:\n    pass\n\n\n" for i in range(6)),
        encoding="utf-8",
    )
    (tmp_path / "pyproject.toml").write_text("[tool.pytest]\n", encoding="utf-8")
    result = run(
        sys.executable, "-m", "pytest", "-v", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider", cwd=tmp_path
    )
    workers = {line.split("]")[0] for line in result.stdout.splitlines() if " PASSED " in line}
    assert result.stdout.count(" PASSED ") == 6, result.stdout
    assert len(workers) == 1, result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="the bytecode mirror is pruned on POSIX only")
def test_repo_prune_pycache_drops_bytecode_of_deleted_folders_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every run's venvs are new temporary folders: their cached bytecode must
    go once they are gone, or PYCACHE grows by hundreds of MB a run."""
    cache = tmp_path / "pycache"
    monkeypatch.setattr(helpers, "PYCACHE", cache)
    kept_source, gone_source = tmp_path / "kept" / "pkg", tmp_path / "gone" / "pkg"
    kept_source.mkdir(parents=True)
    for source in (kept_source, gone_source):
        mirror = cache.joinpath(*source.parts[1:])
        mirror.mkdir(parents=True)
        (mirror / "module.cpython-311.pyc").write_bytes(b"bytecode")
    helpers.prune_pycache()
    assert (cache.joinpath(*kept_source.parts[1:]) / "module.cpython-311.pyc").is_file()
    assert not cache.joinpath(*gone_source.parent.parts[1:]).exists()
