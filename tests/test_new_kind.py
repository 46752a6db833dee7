"""A kind is one folder plus one choice: a copy of the template gets a toy
fourth kind, tests/toy_kind/reranker/ (the parts every kind has, around a
four-test contract: `rerank(query, documents) -> list[int]`, best first), and
one line among copier.yml's `kinds` choices. Then everything the template's
tests do for a kind works for it, each fact read from its folder: the checks
of kinds (tests/helpers.py, KIND_CHECKS), a render, an install, its generated
suite (contract and discovery) green, the consumer's smoke call, its broken
adapter caught."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import tomlkit

from tests.helpers import (
    KIND_CHECKS,
    VARIANTS,
    assert_green,
    broken_adapters,
    caught_by,
    check_readme_table,
    consume,
    copy_template,
    defined_tests,
    edit,
    kind_facts,
    kind_folder,
    kinds,
    make_venv,
    render,
    run,
    run_suite,
    smoke_expected,
    swap_in_adapters,
    write_contract_classes,
)

KIND = "reranker"
TOY = Path(__file__).with_name("toy_kind") / KIND
LAST_CHOICE = "    chunker (rag4code.chunker): chunker\n"


@pytest.fixture
def template_with_toy_kind(tmp_path: Path) -> Path:
    """A copy of the template with the toy kind's folder and its choice."""
    root = copy_template(tmp_path / "template")
    shutil.copytree(TOY, kind_folder(KIND, root))
    edit(root / "copier.yml", LAST_CHOICE, f"{LAST_CHOICE}    reranker (rag4code.reranker): {KIND}\n")
    return root


def test_new_kind_passes_the_checks_of_kinds(template_with_toy_kind: Path) -> None:
    """README's table of caught adapters is derived from the folders: stale
    until `python tests/helpers.py` writes the new kind's row; then every
    check of kinds passes for the copy."""
    root = template_with_toy_kind
    assert kinds(root)[-1] == KIND
    with pytest.raises(AssertionError, match="not what kinds/\\*/ say"):
        check_readme_table(root)
    run(sys.executable, root / "tests/helpers.py")
    assert "| reranker | 1 / 1 | the order reversed |" in (root / "README.md").read_text(encoding="utf-8")
    for check in KIND_CHECKS:
        check(root)


@pytest.mark.slow
@pytest.mark.render  # from the copy of the template with the toy kind
def test_new_kind_renders_installs_passes_and_catches_its_broken_adapter(
    template_with_toy_kind: Path, tmp_path: Path
) -> None:
    root = template_with_toy_kind
    project = render(root, tmp_path / "rag4code-demo", plugin_name="demo", kinds=[KIND])
    pyproject = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    assert pyproject["project"]["entry-points"] == {"rag4code.reranker": {"demo": "rag4code_demo.adapter:DemoAdapter"}}
    python = make_venv(tmp_path / ".venv", project, editable=True)

    # The plugin as rendered: its whole suite green, discovery included.
    result = run_suite(python, project, tmp_path / "junit.xml")
    assert_green(result, min_tests=kind_facts(KIND, root)["min_contract_tests"])
    assert defined_tests(kind_folder(KIND, root) / "contract.py") <= result.ran_by_class["TestDemoAdapter"]
    assert "test_load_returns_the_adapter_class" in result.ran_by_class["test_discovery"], result.ran_by_class
    seen = consume(python, KIND, "demo", root)
    assert seen["listed"] == {"demo": "rag4code_demo.adapter:DemoAdapter"}
    assert seen["loaded"] == "rag4code_demo.adapter:DemoAdapter"
    assert seen["imported_by_listing"] == []
    assert seen["used"] == {"api_version": 1, **smoke_expected(KIND, root)}

    # Its broken adapters, each under an entry point of its own: caught by
    # their CAUGHT_BY test; the skeleton passes those tests in the same run.
    broken = broken_adapters(KIND, root=root)
    write_contract_classes(
        project,
        {f"TestBroken_{path.stem}": {"plugin_name": f"broken_{path.stem}"} for path in broken}
        | {"TestReference": {"plugin_name": "reference"}},
    )
    python = swap_in_adapters(
        project, KIND, {f"broken_{path.stem}": path for path in broken}, tmp_path / ".venv-variants"
    )
    caught = {path.stem: caught_by(path)[1] for path in broken}
    nodes = [f"{VARIANTS}::TestBroken_{stem}::{test}" for stem, test in caught.items()]
    result = run_suite(python, project, tmp_path / "broken.xml", *nodes, f"{VARIANTS}::TestReference")
    for stem, test in caught.items():
        assert test in result.failed_by_class.get(f"TestBroken_{stem}", set()), result.output[-3000:]
    assert "TestReference" not in result.failed_by_class, result.output[-3000:]
    assert set(caught.values()) <= result.ran_by_class["TestReference"]
