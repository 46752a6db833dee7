"""The contract suites catch real bugs: every adapter in tests/broken/<kind>/
breaks one rule, and the generated contract suite must fail on it, in the test
named by its CAUGHT_BY.

Per kind, one plugin is rendered and installed with every broken adapter of
that kind in it, each under an entry point of its own, and one generated-suite
run tests them all: a test class per adapter (the generated contract class,
aimed at that adapter's entry point) runs only the test its CAUGHT_BY names;
an adapter whose author believes its data persists says `PERSISTS = True`,
and its class then sets `persists = True`. So every contract test must fail
on its own, whatever ran before it; and a broken adapter must undo any change
it makes outside its own module (three patch `support` for the length of one
call). The skeleton runs last in the same run, through every test that caught
something, and must pass them all: nothing the broken adapters did leaks into
a later test.

The skeleton is kept as `_reference.py` so a broken adapter can subclass it and
change one behaviour. A table of what was caught is printed at the end of the
run (see conftest.py).
"""

from __future__ import annotations

import ast
import functools
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from helpers import SuiteResult, make_venv, render, run_suite

pytestmark = pytest.mark.slow
BROKEN = Path(__file__).with_name("broken")


def broken_adapters() -> list[pytest.param]:
    """One param per adapter; a kind's adapters share one worker, which runs them all at once."""
    return [
        pytest.param(
            path, id=f"{path.parent.name}-{path.stem}", marks=pytest.mark.xdist_group(f"broken-{path.parent.name}")
        )
        for path in sorted(BROKEN.glob("*/*.py"))
    ]


def constant(path: Path, name: str) -> Any:
    """The literal value of the module-level constant `name` of a broken
    adapter's file (read, not imported), or None when it has none."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    return None


def caught_by(path: Path) -> tuple[str, str]:
    """The broken rule (docstring) and the contract test that must catch it."""
    rule = (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").removeprefix("Breaks: ").strip()
    expected = constant(path, "CAUGHT_BY")
    assert expected, f"{path} has no CAUGHT_BY"
    return rule, expected


def class_of(stem: str) -> str:
    """The test class that runs the generated contract against adapter `stem`."""
    return f"TestBroken_{stem}"


REFERENCE = "TestReferenceAfterTheBroken"


def declare_entry_points(project: Path, kind: str, adapters: list[Path]) -> None:
    """The kind's group in pyproject.toml: broken_<name> per adapter (copied to
    rag4code_demo/broken/), and `reference` for the skeleton."""
    pyproject = project / "pyproject.toml"
    document = tomlkit.parse(pyproject.read_text(encoding="utf-8"))
    document["project"]["entry-points"][f"rag4code.{kind}"] = {
        **{f"broken_{path.stem}": f"rag4code_demo.broken.{path.stem}:DemoAdapter" for path in adapters},
        "reference": "rag4code_demo._reference:DemoAdapter",
    }
    pyproject.write_text(tomlkit.dumps(document), encoding="utf-8")


def write_test_classes(project: Path, adapters: list[Path]) -> None:
    """tests/test_broken.py: per adapter, the generated contract class aimed at
    its entry point (with `persists = True` for an adapter whose PERSISTS says
    its author claims it); the skeleton's class last, as generated."""
    generated = (project / "tests/test_contract.py").read_text(encoding="utf-8")
    [contract] = re.findall(r"^class (Test\w+)\(", generated, flags=re.MULTILINE)
    aims = [(class_of(path.stem), f"broken_{path.stem}", constant(path, "PERSISTS")) for path in adapters]
    classes = [
        f"class {name}(test_contract.{contract}):\n    plugin_name = {entry!r}\n"
        + ("    persists = True\n" if persists else "")
        for name, entry, persists in [*aims, (REFERENCE, "reference", None)]
    ]
    (project / "tests/test_broken.py").write_text(
        "from tests import test_contract\n\n\n" + "\n\n".join(classes), encoding="utf-8"
    )


@pytest.fixture(scope="session")
def contract_run(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SuiteResult]:
    """Per kind, run on first use: rag4code-demo rendered, its skeleton moved
    to _reference.py, the kind's broken adapters added, installed editable in
    its own venv; then one run of the generated suite, selecting each adapter's
    CAUGHT_BY test in that adapter's class, then the skeleton's."""

    @functools.cache
    def run_kind(kind: str) -> SuiteResult:
        root = tmp_path_factory.mktemp(f"broken-{kind}")
        project = render(template, root / "rag4code-demo", plugin_name="demo", kinds=[kind])
        package = project / "src/rag4code_demo"
        (package / "adapter.py").rename(package / "_reference.py")
        (package / "broken").mkdir()
        (package / "broken/__init__.py").touch()
        adapters = sorted((BROKEN / kind).glob("*.py"))
        for path in adapters:
            shutil.copyfile(path, package / "broken" / path.name)
        declare_entry_points(project, kind, adapters)
        write_test_classes(project, adapters)
        python = make_venv(root / ".venv", project, editable=True)
        caught = [caught_by(path)[1] for path in adapters]
        nodes = [f"tests/test_broken.py::{class_of(p.stem)}::{name}" for p, name in zip(adapters, caught, strict=True)]
        nodes += [f"tests/test_broken.py::{REFERENCE}::{name}" for name in sorted(set(caught))]
        return run_suite(python, project, root / "junit.xml", *nodes)

    return run_kind


@pytest.mark.parametrize("broken", broken_adapters())
def test_broken_adapter_fails_the_contract(
    broken: Path,
    contract_run: Callable[[str], SuiteResult],
    record_property: pytest.RecordProperty,
) -> None:
    kind = broken.parent.name
    rule, expected = caught_by(broken)
    result = contract_run(kind)
    failed = result.failed_by_class.get(class_of(broken.stem), set())
    caught = expected in failed
    record_property(
        "broken_adapter",
        {"kind": kind, "adapter": broken.stem, "rule": rule, "caught": caught},
    )
    assert caught, (
        f"{kind}/{broken.stem} ({rule}) was not caught by {expected}; its class failed {sorted(failed)}."
        f" End of the run's output:\n{result.output[-3000:]}"
    )


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(path.name, marks=pytest.mark.xdist_group(f"broken-{path.name}"))
        for path in sorted(BROKEN.iterdir())
    ],
)
def test_broken_adapters_leave_the_skeleton_passing_every_test_that_caught_them(
    kind: str, contract_run: Callable[[str], SuiteResult]
) -> None:
    """Run after the broken adapters, in the same process: a catch is the
    adapter's own fault, not something an earlier adapter left behind."""
    result = contract_run(kind)
    expected = {caught_by(path)[1] for path in (BROKEN / kind).glob("*.py")}
    assert result.ran_by_class.get(REFERENCE) == expected, result.output[-3000:]
    assert REFERENCE not in result.failed_by_class, result.output[-3000:]
