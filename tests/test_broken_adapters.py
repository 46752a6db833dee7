"""The contract suites catch real bugs: every adapter in tests/broken/<kind>/
breaks one rule, is swapped into a rendered, installed plugin, and the
generated contract suite must fail on it, in the test named by its CAUGHT_BY.
Only that test is run (`-k`): every contract test is self-contained, so it
fails alone exactly as it fails in the whole suite.

The skeleton is kept as `_reference.py` so a broken adapter can subclass it and
change one behaviour. A table of what was caught is printed at the end of the
run (see conftest.py).
"""

from __future__ import annotations

import ast
import functools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_venv, render, run_suite

pytestmark = pytest.mark.slow
BROKEN = Path(__file__).with_name("broken")


def broken_adapters() -> list[pytest.param]:
    return [pytest.param(path, id=f"{path.parent.name}-{path.stem}") for path in sorted(BROKEN.glob("*/*.py"))]


def caught_by(path: Path) -> tuple[str, str]:
    """The broken rule (docstring) and the contract test that must catch it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rule = (ast.get_docstring(tree) or "").removeprefix("Breaks: ").strip()
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["CAUGHT_BY"]:
            return rule, ast.literal_eval(node.value)
    raise AssertionError(f"{path} has no CAUGHT_BY")


@pytest.fixture(scope="session")
def workbench(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Path]]:
    """Per kind, built on first use: rag4code-demo rendered and installed
    editable in its own venv, its skeleton moved to _reference.py. Tests swap
    adapter.py in and out."""

    @functools.cache
    def bench(kind: str) -> tuple[Path, Path]:
        root = tmp_path_factory.mktemp(f"broken-{kind}")
        project = render(template, root / "rag4code-demo", plugin_name="demo", kinds=[kind])
        package = project / "src/rag4code_demo"
        (package / "adapter.py").rename(package / "_reference.py")
        return project, make_venv(root / ".venv", project, editable=True)

    return bench


@pytest.mark.parametrize("broken", broken_adapters())
def test_broken_adapter_fails_the_contract(
    broken: Path,
    workbench: Callable[[str], tuple[Path, Path]],
    tmp_path: Path,
    record_property: pytest.RecordProperty,
) -> None:
    kind = broken.parent.name
    rule, expected = caught_by(broken)
    project, python = workbench(kind)
    adapter = project / "src/rag4code_demo/adapter.py"
    shutil.copyfile(broken, adapter)
    try:
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", expected)
    finally:
        adapter.unlink()
    failed = result.failed
    caught = result.returncode != 0 and expected in failed
    record_property(
        "broken_adapter",
        {"kind": kind, "adapter": broken.stem, "rule": rule, "caught": caught},
    )
    assert caught, f"{kind}/{broken.stem} ({rule}) was not caught by {expected}; failed: {sorted(failed)}"
