"""Consistency of the template repository itself: suffix discipline, portable
file names, one place per kind, and its own code style."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from helpers import REPO, run, template_files

JINJA = re.compile(r"\{\{|\{%|\{#")
# Plain files that legitimately show Jinja-like text, and why.
PLAIN_WITH_BRACES: dict[str, str] = {}


def test_repo_jinja_suffix_only_where_jinja_is_used() -> None:
    for name in template_files():
        if not name.startswith("template/"):
            continue
        text = (REPO / name).read_text(encoding="utf-8")
        if name.endswith(".jinja"):
            assert JINJA.search(text) or JINJA.search(name), f"{name} has no Jinja: drop the .jinja suffix"
        else:
            assert name in PLAIN_WITH_BRACES or not JINJA.search(text), f"{name} holds Jinja: add .jinja"


def test_repo_template_file_names_are_portable() -> None:
    """Double quotes and backslashes are illegal in Windows file names."""
    for name in template_files():
        assert not {'"', "\\"} & set(name), name


def test_repo_every_kind_folder_has_the_same_parts() -> None:
    """Adding a kind means adding one folder with these files, plus one choice."""
    parts = {"adapter.py.jinja", "contract.py", "readme.md.jinja", "rules.md.jinja", "test_contract.py.jinja"}
    kinds = sorted(p.name for p in (REPO / "kinds").iterdir() if p.is_dir())
    for kind in kinds:
        assert {p.name for p in (REPO / "kinds" / kind).iterdir()} == parts, kind
    choices = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))["kinds"]["choices"]
    assert sorted(choices.values()) == kinds


def test_repo_own_code_passes_ruff() -> None:
    run(sys.executable, "-m", "ruff", "check", "--no-cache", "tests", cwd=REPO)
    run(sys.executable, "-m", "ruff", "format", "--no-cache", "--check", "tests", cwd=REPO)


def test_repo_readme_commands_are_the_documented_two() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "uvx copier copy --defaults . ../rag4code-demo" in readme
    assert "uv run pytest" in readme
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "uv run pytest\n" in ci
    assert Path(REPO / ".ci/run").stat().st_mode & 0o111


def test_repo_readme_counts_every_broken_adapter() -> None:
    """The README's caught/uncaught summary stays in step with tests/broken/."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for kind_dir in sorted((REPO / "tests/broken").iterdir()):
        count = len(list(kind_dir.glob("*.py")))
        assert f"| {kind_dir.name} | {count} / {count} |" in readme, kind_dir.name
