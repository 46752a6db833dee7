"""The generated project's guards really fire: strict pytest config, the
no-override-without-strict-xfail rule, and the vendored-files manifest.
Each case edits a copy of the render, runs its suite (only the tests that must
fail, where the case names them: the rest is proven elsewhere) and expects
them to fail, saying why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import UV, make_venv, run, run_suite, site_packages

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("guards")]

OVERRIDE = """

class TestOverride(TestQdrantAdapter):
    {decorator}
    def test_count_empty_store_is_zero(self, store: object) -> None:
        raise AssertionError("this backend counts differently")
"""
NOT_OVERRIDDEN = "test_contract_tests_are_not_overridden"
UNCHANGED = "test_vendored_suite_is_unchanged"
# name -> (file to edit, text appended, tests to run, the test that must fail, words its report must hold)
CASES = {
    "override without xfail": (
        "tests/test_contract.py",
        OVERRIDE.format(decorator=""),
        ["-k", NOT_OVERRIDDEN],
        NOT_OVERRIDDEN,
        "overridden in TestOverride without @pytest.mark.xfail(strict=True",
    ),
    "override with non-strict xfail": (
        "tests/test_contract.py",
        OVERRIDE.format(decorator='@pytest.mark.xfail(reason="counts differ")'),
        ["-k", NOT_OVERRIDDEN],
        NOT_OVERRIDDEN,
        "overridden in TestOverride without @pytest.mark.xfail(strict=True",
    ),
    "contract test deleted": (
        "tests/test_contract.py",
        "\n\nclass TestDeleted(TestQdrantAdapter):\n    test_count_empty_store_is_zero = None\n",
        ["-k", NOT_OVERRIDDEN],
        NOT_OVERRIDDEN,
        "test_count_empty_store_is_zero was removed in TestDeleted",
    ),
    "class-wide skip": (
        "tests/test_contract.py",
        "\n\n@pytest.mark.skip(reason='later')\nclass TestSkipped(TestQdrantAdapter):\n    pass\n",
        ["-k", f"TestSkipped and {NOT_OVERRIDDEN}"],
        NOT_OVERRIDDEN,
        "may not be skipped",
    ),
    "vendored contract edited": (
        "tests/contract/vector_db.py",
        "\n# tweaked by the author\n",
        ["-k", UNCHANGED],
        UNCHANGED,
        "template-owned files were edited: tests/contract/vector_db.py",
    ),
    "support module edited": (
        "src/rag4code_qdrant/support.py",
        "\n# tweaked by the author\n",
        ["-k", UNCHANGED],
        UNCHANGED,
        "template-owned files were edited: src/rag4code_qdrant/support.py",
    ),
    "model_examples lowered to zero": (
        "tests/test_contract.py",
        "\n\nclass TestNoExamples(TestQdrantAdapter):\n    model_examples = 0\n",
        ["-k", f"TestNoExamples and {NOT_OVERRIDDEN}"],
        NOT_OVERRIDDEN,
        "model_examples must be an int of at least 1",
    ),
    "skip in the options hook": (
        "tests/test_contract.py",
        (
            "\n\nclass TestSkippy(TestQdrantAdapter):\n"
            "    @pytest.fixture\n"
            "    def adapter_factory(self) -> None:\n"
            "        pytest.skip('no server here')\n"
        ),
        ["-k", "TestSkippy and test_count_empty_store_is_zero"],
        "test_count_empty_store_is_zero",
        "may not be skipped",
    ),
    "unregistered marker": (
        "tests/test_extra.py",
        "import pytest\n\n\n@pytest.mark.slwo\ndef test_x() -> None:\n    pass\n",
        ["tests/test_extra.py"],
        "tests.test_extra",  # a collection error
        "'slwo' not found in `markers` configuration option",
    ),
    "stray DeprecationWarning": (
        "tests/test_extra.py",
        "import warnings\n\n\ndef test_warns() -> None:\n    warnings.warn('old', DeprecationWarning, stacklevel=1)\n",
        ["tests/test_extra.py"],
        "test_warns",
        "DeprecationWarning: old",
    ),
    "xpass": (
        "tests/test_extra.py",
        "import pytest\n\n\n@pytest.mark.xfail(reason='fixed now')\ndef test_fixed() -> None:\n    pass\n",
        ["tests/test_extra.py"],
        "test_fixed",
        "[XPASS(strict)]",
    ),
}


@pytest.fixture(scope="session")
def bench(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A private copy of rag4code-qdrant installed editable: the cases edit it."""
    root = tmp_path_factory.mktemp("guards")
    project = root / "rag4code-qdrant"
    shutil.copytree(rendered, project)
    return project, make_venv(root / ".venv", project, editable=True)


def test_guard_accepts_a_strict_xfail_override(bench: tuple[Path, Path], tmp_path: Path) -> None:
    project, python = bench
    author_file = project / "tests/test_contract.py"
    original = author_file.read_text(encoding="utf-8")
    decorator = '@pytest.mark.xfail(strict=True, reason="counts differ")'
    author_file.write_text(
        "import pytest\n" + original + OVERRIDE.format(decorator=decorator),
        encoding="utf-8",
    )
    try:
        result = run_suite(python, project, tmp_path / "junit.xml")
    finally:
        author_file.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.output
    assert "1 xfailed" in result.output


@pytest.mark.parametrize("case", CASES)
def test_guard_fails_the_suite(bench: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    """Each case's one broken rule fails the one test that states it, saying why
    (only that test runs: the rest of the suite is proven elsewhere)."""
    project, python = bench
    name, addition, selection, must_fail, words = CASES[case]
    target = project / name
    original = target.read_text(encoding="utf-8") if target.exists() else None
    target.write_text((original or "") + addition, encoding="utf-8")
    try:
        result = run_suite(python, project, tmp_path / "junit.xml", *selection)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_text(original, encoding="utf-8")
    assert result.returncode != 0, result.output
    assert must_fail in result.failed, result.output
    assert words in result.output, result.output


def test_guard_missing_entry_point_says_reinstall(rendered: Path, tmp_path: Path) -> None:
    """Code importable but entry point not installed (the state after renaming an
    entry point in an editable install): the failures tell the author to reinstall."""
    project = tmp_path / "rag4code-qdrant"
    shutil.copytree(rendered, project)
    python = make_venv(tmp_path / ".venv", project, editable=True)
    run(UV, "pip", "uninstall", "-q", "--python", python, "rag4code-qdrant")
    selection = "test_entry_point_is_in_installed_metadata or test_api_version_matches_contract"
    result = run_suite(python, project, tmp_path / "junit.xml", "-k", selection, PYTHONPATH=str(project / "src"))
    assert result.returncode != 0
    assert {"test_entry_point_is_in_installed_metadata", "test_api_version_matches_contract"} <= result.failed
    assert "uv sync --reinstall-package rag4code-qdrant" in result.output
    assert "editable installs do not pick up new or renamed entry points" in result.output


def test_guard_kind_without_contract_subclass_fails(bench: tuple[Path, Path], tmp_path: Path) -> None:
    project, python = bench
    author_file = project / "tests/test_contract.py"
    original = author_file.read_text(encoding="utf-8")
    author_file.write_text('"""The author removed the contract subclass."""\n', encoding="utf-8")
    try:
        result = run_suite(python, project, tmp_path / "junit.xml")
    finally:
        author_file.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "test_contract_suite_is_subclassed_for_each_kind" in result.failed
    assert "the vector_db contract never runs" in result.output


def test_guard_second_distribution_with_the_same_name_fails(bench: tuple[Path, Path], tmp_path: Path) -> None:
    """Another installed distribution declaring the same entry point (a renamed or
    forked plugin left installed) fails the exactly-one-provider check."""
    project, python = bench
    stale = site_packages(python) / "rag4code_qdrant_old-0.1.0.dist-info"
    stale.mkdir()
    try:
        (stale / "METADATA").write_text("Metadata-Version: 2.1\nName: rag4code-qdrant-old\nVersion: 0.1.0\n")
        (stale / "entry_points.txt").write_text("[rag4code.vector_db]\nqdrant = rag4code_qdrant_old.adapter:X\n")
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", "test_entry_point_has_exactly_one_provider")
    finally:
        shutil.rmtree(stale)
    assert "test_entry_point_has_exactly_one_provider" in result.failed, result.output
    assert "rag4code-qdrant-old" in result.output


@pytest.mark.parametrize("name", ["conftest.py", "tests/test_discovery.py", "src/rag4code_qdrant/support.py"])
def test_guard_deleted_template_owned_file_stops_the_run(bench: tuple[Path, Path], tmp_path: Path, name: str) -> None:
    """`copier update` does not bring back a deleted file: the run stops at once,
    naming the file and how to restore it."""
    project, python = bench
    target = project / name
    original = target.read_bytes()
    target.unlink()
    try:
        result = run_suite(python, project, tmp_path / "junit.xml")
    finally:
        target.write_bytes(original)
    assert result.returncode != 0
    assert f"template-owned files are missing: {name}" in result.output, result.output


def test_guard_moved_adapter_names_the_missing_module(bench: tuple[Path, Path], tmp_path: Path) -> None:
    """The adapter module renamed, pyproject.toml left as it was: the failures
    say the entry point names a module that is not there (not "reinstall")."""
    project, python = bench
    package = project / "src/rag4code_qdrant"
    (package / "adapter.py").rename(package / "backend.py")
    try:
        selection = "test_load_returns_the_adapter_class or test_api_version_matches_contract"
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", selection)
    finally:
        (package / "backend.py").rename(package / "adapter.py")
    assert {"test_load_returns_the_adapter_class", "test_api_version_matches_contract"} <= result.failed
    assert "names module 'rag4code_qdrant.adapter', which does not exist" in result.output
    assert (
        "point it in pyproject.toml at it" in result.output
        or "Point the entry point in pyproject.toml" in result.output
    )


def test_guard_wrong_plugin_name_points_at_tests_test_contract(bench: tuple[Path, Path], tmp_path: Path) -> None:
    """plugin_name in tests/test_contract.py no longer the entry point's name: the
    failure says to fix plugin_name there, listing the declared names."""
    project, python = bench
    author_file = project / "tests/test_contract.py"
    original = author_file.read_text(encoding="utf-8")
    author_file.write_text(original.replace('plugin_name = "qdrant"', 'plugin_name = "qdrant2"'), encoding="utf-8")
    try:
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", "test_api_version_matches_contract")
    finally:
        author_file.write_text(original, encoding="utf-8")
    assert "test_api_version_matches_contract" in result.failed
    assert "plugin_name = 'qdrant2' in tests/test_contract.py names no entry point" in result.output
    assert "declares ['qdrant']" in result.output
