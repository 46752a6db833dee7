"""The contract suites catch real bugs: every adapter in kinds/<kind>/broken/
breaks one rule, and the generated contract suite must fail on it, in the test
named by its CAUGHT_BY. And they let through what the rules allow: every
adapter in kinds/<kind>/tolerated/ differs from the skeleton only within the
rules (float32 noise between calls), and must pass the whole suite.

Per kind, one plugin is rendered and installed with every broken and tolerated
adapter of that kind in it, each under an entry point of its own, and one
generated-suite run tests them all: a test class per adapter (the generated
contract class, aimed at that adapter's entry point) runs only the test its
CAUGHT_BY names, or, for a tolerated one, every test; an adapter whose author
believes its data persists says `PERSISTS = True`, and its class then sets
`persists = True`. So every contract test
must fail on its own, whatever ran before it; and a broken adapter must undo
any change it makes outside its own module (some patch `support.vector_db` for the
length of one call). The skeleton runs last in the same run, through every
test that caught something, and must pass them all: nothing the broken
adapters did leaks into a later test.

The skeleton is kept as `_reference.py` so an adapter can subclass it and
change one behaviour. A table of what was caught is printed at the end of the
run (see conftest.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import (
    KINDS,
    VARIANTS,
    SuiteResult,
    broken_adapters,
    caught_by,
    constant,
    render,
    run_suite,
    swap_in_adapters,
    write_contract_classes,
)

pytestmark = pytest.mark.slow


def adapters(folder: str) -> list[pytest.param]:
    """One param (kind, path) per adapter in kinds/<kind>/<folder>/; a kind's
    adapters share one worker, which runs them all at once."""
    return [
        pytest.param(kind, path, id=f"{kind}-{path.stem}", marks=pytest.mark.xdist_group(f"broken-{kind}"))
        for kind in KINDS
        for path in broken_adapters(kind, folder)
    ]


def persists(path: Path) -> dict[str, bool]:
    """`persists = True` for the class of an adapter whose author claims its
    data persists (`PERSISTS = True` in its file)."""
    return {"persists": True} if constant(path, "PERSISTS") else {}


def class_of(stem: str) -> str:
    """The test class that runs the generated contract against broken adapter `stem`."""
    return f"TestBroken_{stem}"


def tolerated_class(stem: str) -> str:
    """The test class that runs the generated contract against tolerated adapter `stem`."""
    return f"TestTolerated_{stem}"


REFERENCE = "TestReferenceAfterTheBroken"


@pytest.fixture(scope="session")
def contract_run(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SuiteResult]:
    """Per kind, run on first use: rag4code-demo rendered, its skeleton kept
    as _reference.py, the kind's broken and tolerated adapters added,
    installed editable in its own venv; then one run of the generated suite,
    selecting each broken adapter's CAUGHT_BY test in that adapter's class,
    each tolerated adapter's whole class, then the skeleton's."""

    @functools.cache
    def run_kind(kind: str) -> SuiteResult:
        root = tmp_path_factory.mktemp(f"broken-{kind}")
        project = render(template, root / "rag4code-demo", plugin_name="demo", kinds=[kind])
        broken, tolerated = broken_adapters(kind), broken_adapters(kind, "tolerated")
        write_contract_classes(
            project,
            {class_of(p.stem): {"plugin_name": f"broken_{p.stem}", **persists(p)} for p in broken}
            | {tolerated_class(p.stem): {"plugin_name": f"tolerated_{p.stem}"} for p in tolerated}
            | {REFERENCE: {"plugin_name": "reference"}},
        )
        python = swap_in_adapters(
            project,
            kind,
            {f"broken_{p.stem}": p for p in broken} | {f"tolerated_{p.stem}": p for p in tolerated},
            root / ".venv",
        )
        caught = [caught_by(path)[1] for path in broken]
        nodes = [f"{VARIANTS}::{class_of(p.stem)}::{name}" for p, name in zip(broken, caught, strict=True)]
        nodes += [f"{VARIANTS}::{tolerated_class(p.stem)}" for p in tolerated]
        nodes += [f"{VARIANTS}::{REFERENCE}::{name}" for name in sorted(set(caught))]
        return run_suite(python, project, root / "junit.xml", *nodes)

    return run_kind


@pytest.mark.parametrize(("kind", "broken"), adapters("broken"))
def test_broken_adapter_fails_the_contract(
    kind: str,
    broken: Path,
    contract_run: Callable[[str], SuiteResult],
    record_property: pytest.RecordProperty,
) -> None:
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


@pytest.mark.parametrize(("kind", "tolerated"), adapters("tolerated"))
def test_tolerated_adapter_passes_the_contract(
    kind: str, tolerated: Path, contract_run: Callable[[str], SuiteResult]
) -> None:
    """It ran every test that catches a broken adapter of its kind, and more,
    and failed none."""
    result = contract_run(kind)
    name = tolerated_class(tolerated.stem)
    catching = {caught_by(path)[1] for path in broken_adapters(kind)}
    ran = result.ran_by_class.get(name, set())
    assert catching < ran, f"{name} ran {sorted(ran)}:\n{result.output[-3000:]}"
    failed = result.failed_by_class.get(name, set())
    assert not failed, f"{kind}/{tolerated.stem} failed {sorted(failed)}:\n{result.output[-5000:]}"


@pytest.mark.parametrize(
    "kind",
    [pytest.param(kind, marks=pytest.mark.xdist_group(f"broken-{kind}")) for kind in KINDS],
)
def test_broken_adapters_leave_the_skeleton_passing_every_test_that_caught_them(
    kind: str, contract_run: Callable[[str], SuiteResult]
) -> None:
    """Run after the broken adapters, in the same process: a catch is the
    adapter's own fault, not something an earlier adapter left behind."""
    result = contract_run(kind)
    expected = {caught_by(path)[1] for path in broken_adapters(kind)}
    assert result.ran_by_class.get(REFERENCE) == expected, result.output[-3000:]
    assert REFERENCE not in result.failed_by_class, result.output[-3000:]
