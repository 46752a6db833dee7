"""The contract against a remote backend, in a plugin rendered with
`backend=server` (its reference stands in for the server, so no server runs):

- a failing model-based test reports the first failing sequence it finds,
  step by step and unshrunk: at most `model_examples` sequences and one more
  to print it. Shrinking replays a sequence per attempt (hypothesis shrinks
  for up to five minutes; a real bug took 393 s against a Chroma server): the
  same adapter in a suite without `service_url_variable` shrinks, and runs
  more sequences;
- the broken adapters of kinds/<kind>/broken_server/, bugs only a store
  behind a server has (a namespace ignored), are caught like those of
  tests/test_broken_adapters.py, and the skeleton passes the tests that
  caught them.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import (
    VARIANTS,
    SuiteResult,
    broken_adapters,
    caught_by,
    render,
    run_suite,
    swap_in_adapters,
    write_contract_classes,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("remote-contract")]
KIND = "vector_db"
MODEL_TEST = "test_model_random_operations_match_a_reference"
COUNTING = "delete_lowers_count_by_ids_given"  # logs every store it builds
STORES_LOG = "RAG4CODE_DEMO_STORES"  # that adapter's STORES_LOG
REFERENCE = "TestReferenceAfterTheBroken"
LOCAL = "TestShrunkLocally"  # the counting adapter, as a suite of an embedded store


def class_of(stem: str) -> str:
    return f"TestBroken_{stem}"


@pytest.fixture(scope="module")
def remote_run(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[SuiteResult, Counter[str], int]:
    """One run of the generated server suite: each broken adapter's CAUGHT_BY
    test in its class; the model test again for the counting adapter with
    `service_url_variable = None`; then the skeleton. Returns the result, the
    stores the counting adapter built per test class, and `model_examples`."""
    root = tmp_path_factory.mktemp("remote-contract")
    project = render(template, root / "rag4code-demo", plugin_name="demo", kinds=[KIND], backend="server")
    broken = broken_adapters(KIND, "broken_server")
    write_contract_classes(
        project,
        {class_of(p.stem): {"plugin_name": f"broken_{p.stem}"} for p in broken}
        | {LOCAL: {"plugin_name": f"broken_{COUNTING}", "service_url_variable": None}}
        | {REFERENCE: {"plugin_name": "reference"}},
    )
    python = swap_in_adapters(project, KIND, {f"broken_{p.stem}": p for p in broken}, root / ".venv")
    caught = [caught_by(path)[1] for path in broken]
    nodes = [f"{VARIANTS}::{class_of(p.stem)}::{name}" for p, name in zip(broken, caught, strict=True)]
    nodes += [f"{VARIANTS}::{LOCAL}::{MODEL_TEST}"]
    nodes += [f"{VARIANTS}::{REFERENCE}::{name}" for name in sorted(set(caught))]
    log = root / "stores.log"
    result = run_suite(python, project, root / "junit.xml", *nodes, **{STORES_LOG: str(log)})
    # PYTEST_CURRENT_TEST: "tests/test_variants.py::<class>::<test> (call)"
    stores = Counter(line.split("::")[1] for line in log.read_text(encoding="utf-8").splitlines())
    generated = (project / "tests/test_contract.py").read_text(encoding="utf-8")
    [examples] = re.findall(r"^    model_examples = (\d+)", generated, flags=re.MULTILINE)
    return result, stores, int(examples)


def failure_section(output: str, test_class: str, test: str) -> str:
    """The part of pytest's output that reports `test_class.test`'s failure."""
    parts = re.split(r"^_+ (\S+) _+$", output, flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return sections.get(f"{test_class}.{test}", "")


@pytest.mark.parametrize("broken", broken_adapters(KIND, "broken_server"), ids=lambda path: f"{KIND}-{path.stem}")
def test_remote_broken_adapter_fails_the_contract(
    broken: Path,
    remote_run: tuple[SuiteResult, Counter[str], int],
    record_property: pytest.RecordProperty,
) -> None:
    result, _, _ = remote_run
    rule, expected = caught_by(broken)
    failed = result.failed_by_class.get(class_of(broken.stem), set())
    record_property(
        "broken_adapter",
        {"kind": f"{KIND} (server)", "adapter": broken.stem, "rule": rule, "caught": expected in failed},
    )
    assert expected in failed, (
        f"{broken.stem} ({rule}) was not caught by {expected}; its class failed {sorted(failed)}."
        f" End of the run's output:\n{result.output[-3000:]}"
    )


def test_remote_broken_adapters_leave_the_skeleton_passing(remote_run: tuple[SuiteResult, Counter[str], int]) -> None:
    result, _, _ = remote_run
    expected = {caught_by(path)[1] for path in broken_adapters(KIND, "broken_server")}
    assert result.ran_by_class.get(REFERENCE) == expected, result.output
    assert REFERENCE not in result.failed_by_class, result.output[-3000:]


def test_remote_model_failure_is_reported_unshrunk_within_model_examples(
    remote_run: tuple[SuiteResult, Counter[str], int],
) -> None:
    """Each sequence the model test runs builds one store: on the remote suite
    at most `model_examples` of them plus the one that prints the failure.
    Both suites try the same sequences (derandomized) and fail at the same
    one: the stores the embedded store's suite builds beyond the remote
    suite's are its shrink attempts."""
    result, stores, examples = remote_run
    remote, local = class_of(COUNTING), LOCAL
    assert MODEL_TEST in result.failed_by_class.get(remote, set()), result.output[-3000:]
    assert MODEL_TEST in result.failed_by_class.get(local, set()), result.output[-3000:]
    assert 1 <= stores[remote] <= examples + 1, stores
    assert stores[local] > stores[remote], stores
    report = failure_section(result.output, remote, MODEL_TEST)
    steps = re.findall(r"^E\s+state\.(\w+)\(", report, flags=re.MULTILINE)
    assert "state = Machine()" in report, report or result.output[-5000:]
    assert "delete" in steps, report
    assert "count_matches" in report, report
