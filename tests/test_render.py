"""What a render on defaults contains: names, entry points, valid files, no
leftover Jinja, vendored suites identical to the canonical copies; for every
answer set and backend, template-owned files recognisable by their paths."""

from __future__ import annotations

import ast
import functools
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import tomlkit

from tests.helpers import constant, expected_entry_points, render, rendered_files, run, template_owned_files

EXPECTED_FILES = {
    ".copier-answers.yml",
    ".gitattributes",
    ".github/dependabot.yml",
    ".github/workflows/ci.yml",
    ".github/workflows/release.yml",
    ".github/workflows/template-update.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "conftest.py",
    "pyproject.toml",
    "src/rag4code_qdrant/__init__.py",
    "src/rag4code_qdrant/adapter.py",
    "src/rag4code_qdrant/py.typed",
    "src/rag4code_qdrant/support/__init__.py",
    "src/rag4code_qdrant/support/vector_db.py",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/contract/__init__.py",
    "tests/contract/base.py",
    "tests/contract/completeness.py",
    "tests/contract/manifest.json",
    "tests/contract/plugin.py",
    "tests/contract/test_discovery.py",
    "tests/contract/vector_db.py",
    "tests/test_contract.py",
}
# Jinja delimiters; `${{` is GitHub Actions syntax and allowed in workflows.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|\{%|\{#|%\}|#\}")


def test_render_defaults_give_the_documented_tree(rendered: Path) -> None:
    assert rendered_files(rendered) == EXPECTED_FILES


def test_render_pyproject_declares_exactly_the_entry_point(rendered: Path) -> None:
    pyproject = tomlkit.parse((rendered / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    assert pyproject["project"]["name"] == "rag4code-qdrant"
    assert pyproject["project"]["entry-points"] == {
        "rag4code.vector_db": {"qdrant": "rag4code_qdrant.adapter:QdrantAdapter"}
    }
    assert pyproject["project"]["requires-python"] == ">=3.11"
    assert pyproject["project"]["license"] == "MIT"
    assert pyproject["build-system"]["build-backend"] == "hatchling.build"
    assert "pytest>=9" in pyproject["dependency-groups"]["dev"]


def test_render_every_scenario_declares_one_entry_point_per_kind(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    data, project = scenario
    name = data["plugin_name"]
    pyproject = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    several = len(data["kinds"]) > 1
    assert pyproject["project"]["entry-points"] == {
        f"rag4code.{kind}": {name: value} for kind, value in expected_entry_points(data).items()
    }
    modules = {p.name for p in (project / "src" / f"rag4code_{name}").glob("*.py")}
    assert modules == {"__init__.py"} | {f"{kind if several else 'adapter'}.py" for kind in data["kinds"]}


def assert_ownership_in_paths(data: dict[str, Any], project: Path) -> None:
    """The template's files are exactly those under its paths (the root
    conftest.py, tests/contract/, src/<package>/support/); beside them in
    tests/ and src/<package>/ only the author's."""
    package = f"rag4code_{data['plugin_name']}"
    files = rendered_files(project)
    owned = {n for n in files if n == "conftest.py" or n.startswith(("tests/contract/", f"src/{package}/support/"))}
    assert owned == template_owned_files(data)
    assert {n for n in files if n.startswith("tests/") and n not in owned} == {
        "tests/__init__.py",
        "tests/conftest.py",
        "tests/test_contract.py",
    }
    cloud = data.get("backend") == "cloud"
    assert ("tests.contract.cassettes" in (project / "conftest.py").read_text(encoding="utf-8")) == cloud


def assert_support_exports_each_name_from_its_module(data: dict[str, Any], project: Path) -> None:
    """The support package's lazy table maps each name of a module's `__all__`
    to that module, for exactly the modules rendered; a name defined in two
    would hide one of them. The namespace helpers of earlier versions forward
    to tests/contract/namespaces.py where it exists."""
    support = project / "src" / f"rag4code_{data['plugin_name']}" / "support"
    exported = [
        (name, f".{path.stem}") for path in sorted(support.glob("*.py")) for name in constant(path, "__all__") or []
    ]
    assert len({name for name, _ in exported}) == len(exported), exported
    remote = data.get("backend", "embedded") != "embedded"
    forwarded = dict.fromkeys(["stable_namespace", "unique_namespace"], "tests.contract.namespaces") if remote else {}
    assert constant(support / "__init__.py", "_LAZY") == dict(exported) | forwarded


def test_render_every_scenario_keeps_ownership_in_paths(scenario: tuple[dict[str, Any], Path]) -> None:
    assert_ownership_in_paths(*scenario)
    assert_support_exports_each_name_from_its_module(*scenario)


def test_render_every_remote_scenario_keeps_ownership_in_paths(remote_scenario: tuple[dict[str, Any], Path]) -> None:
    assert_ownership_in_paths(*remote_scenario)
    assert_support_exports_each_name_from_its_module(*remote_scenario)


# pydocstyle's checks of a docstring's shape (blank line after the summary,
# closing quotes on their own line, a summary ending with a period...), run on
# the modules an author starts from, whose docstrings Jinja conditions cut and
# join. Left out: pairs ruff reports as incompatible with the ones kept (D203,
# D213), escaped backslashes (D301) and the imperative mood (D401).
DOCSTRING_SHAPE = ("--select", "D2,D3,D4", "--ignore", "D203,D213,D301,D401")


def assert_author_modules_have_well_formed_docstrings(data: dict[str, Any], project: Path) -> None:
    modules = sorted((project / "src" / f"rag4code_{data['plugin_name']}").glob("*.py"))
    assert len(modules) == 1 + len(data["kinds"]), modules  # __init__ and a module per kind
    result = run(
        sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", *DOCSTRING_SHAPE, *modules, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_render_every_scenario_gives_well_formed_docstrings(scenario: tuple[dict[str, Any], Path]) -> None:
    assert_author_modules_have_well_formed_docstrings(*scenario)


def test_render_every_remote_scenario_gives_well_formed_docstrings(
    remote_scenario: tuple[dict[str, Any], Path],
) -> None:
    assert_author_modules_have_well_formed_docstrings(*remote_scenario)


def test_render_every_python_file_compiles(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    _, rendered = scenario
    for path in rendered.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_render_leaves_no_jinja_syntax(scenario: tuple[dict[str, Any], Path]) -> None:
    data, rendered = scenario
    # Free text may hold braces on purpose: files hold it escaped for their
    # language (TOML, Markdown), which keeps its Jinja-like fragments as typed.
    typed = re.findall(r"\{[{%#].*?[}%#]\}", data.get("description", ""))
    leftovers = {
        name: match.group()
        for name in rendered_files(rendered)
        if (
            text := functools.reduce(
                lambda text, own: text.replace(own, ""), typed, (rendered / name).read_text(encoding="utf-8")
            )
        )
        and (match := LEFTOVER_JINJA.search(text))
    }
    assert leftovers == {}


def test_render_package_init_does_not_import_the_adapter(rendered: Path) -> None:
    tree = ast.parse((rendered / "src/rag4code_qdrant/__init__.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def test_render_twice_gives_identical_bytes(template: Path, rendered: Path, tmp_path: Path) -> None:
    again = render(template, tmp_path / "rag4code-qdrant")
    assert rendered_files(again) == rendered_files(rendered)
    for name in rendered_files(rendered):
        assert (again / name).read_bytes() == (rendered / name).read_bytes(), name


def test_render_plugin_name_defaults_from_folder(template: Path, tmp_path: Path) -> None:
    dst = render(template, tmp_path / "rag4code-pg-vector")
    pyproject = tomlkit.parse((dst / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    assert pyproject["project"]["name"] == "rag4code-pg-vector"
    assert pyproject["project"]["entry-points"]["rag4code.vector_db"] == {
        "pg_vector": "rag4code_pg_vector.adapter:PgVectorAdapter"
    }


NON_PORTABLE = """import os
import pwd
import subprocess


def spawn() -> None:
    subprocess.run(["python", "-c", "pass"], check=True)
    os.fork()
    print(pwd.getpwuid(0))
"""


def test_render_ruff_config_fails_non_portable_code(rendered: Path, tmp_path: Path) -> None:
    """The generated ruff config catches what breaks on Windows or macOS: a
    program started by a bare name (S607: use sys.executable) and POSIX-only
    APIs (TID251); a missing encoding= fails the CI's pytest step instead
    (PYTHONWARNDEFAULTENCODING, tests/test_ci_steps.py)."""
    project = tmp_path / "rag4code-qdrant"
    shutil.copytree(rendered, project)
    (project / "src/rag4code_qdrant/spawn.py").write_text(NON_PORTABLE, encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    found = run(ruff, "check", "--no-cache", "--output-format", "concise", ".", cwd=project, check=False).stdout
    assert "S607" in found, found
    assert found.count("TID251") == 2, found  # os.fork, pwd
    assert "spawn.py" in found
