"""The generated project's guards really fire: strict pytest config, the
no-override-without-strict-xfail rule, the vendored-files manifest, and the
rule that a green run ran every contract test.
Each case edits a copy of the render, runs its suite (only the tests that must
fail, where the case names them: the rest is proven elsewhere) and expects
them to fail, saying why."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.helpers import UV, make_venv, run, run_suite, site_packages

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
        "src/rag4code_qdrant/support/vector_db.py",
        "\n# tweaked by the author\n",
        ["-k", UNCHANGED],
        UNCHANGED,
        "template-owned files were edited: src/rag4code_qdrant/support/vector_db.py",
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
            "    def instance_options(self) -> None:\n"
            "        pytest.skip('no server here')\n"
        ),
        ["-k", "TestSkippy and test_count_empty_store_is_zero"],
        "test_count_empty_store_is_zero",
        "may not be skipped",
    ),
    "former hook beside the options": (
        "tests/test_contract.py",
        (
            "\n\nclass TestBothHooks(TestQdrantAdapter):\n"
            "    adapter_options: ClassVar[dict[str, Any]] = {'path': 'here'}\n\n"
            "    @pytest.fixture\n"
            "    def adapter_factory(self, adapter_class: type[Any]) -> type[Any]:\n"
            "        return adapter_class\n"
        ),
        ["-k", "TestBothHooks and test_count_empty_store_is_zero"],
        "test_count_empty_store_is_zero",
        "overrides `adapter_factory`, the former hook, and sets `adapter_options`",
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

# A configuration that switches the contract off, one line at a time: each made
# the run of an adapter that fails 16 contract tests (count() off by one) green.
BROKEN_COUNT = (
    "src/rag4code_qdrant/adapter.py",
    "        return len(self._client().vectors)\n",
    "        return len(self._client().vectors) + 1\n",
)
ADDOPTS = 'addopts = ["-ra"]'


def addopts(*extra: str) -> tuple[str, str, str]:
    """The edit of pyproject.toml that appends `extra` to addopts."""
    return ("pyproject.toml", ADDOPTS, ADDOPTS[:-1] + "".join(f", {json.dumps(e)}" for e in extra) + "]")


def hook(body: str) -> tuple[str, None, str]:
    """A pytest_collection_modifyitems hook appended to the author's tests/conftest.py."""
    return ("tests/conftest.py", None, f"\n\nimport pytest\n\n\ndef pytest_collection_modifyitems(items):\n{body}")


COUNT_TEST = "TestQdrantAdapter::test_count_empty_store_is_zero"
NO_CLASS = "no test class that subclasses VectorDbContract ran"
KEEP_ONE = "    items[:] = [i for i in items if 'Qdrant' not in i.nodeid or 'api_version' in i.name]\n"
XFAIL_COUNTS = (
    "    items[:] = [i for i in items if 'count' in i.name]\n"
    "    for item in items:\n"
    "        item.add_marker(pytest.mark.xfail(reason='counts differ'))\n"
)
# name -> (edits: (file, text replaced or None to append, new text), environment, words the output must hold)
SWITCHED_OFF = {
    "-k in addopts": ([addopts("-k", "test_api_version_matches_contract")], {}, COUNT_TEST),
    "-k in PYTEST_ADDOPTS": ([], {"PYTEST_ADDOPTS": "-k test_api_version_matches_contract"}, COUNT_TEST),
    "--deselect in addopts": ([addopts("--deselect", "tests/test_contract.py::TestQdrantAdapter")], {}, NO_CLASS),
    "collect_ignore": ([("tests/conftest.py", None, '\ncollect_ignore = ["test_contract.py"]\n')], {}, NO_CLASS),
    "python_classes": (
        [("pyproject.toml", 'testpaths = ["tests"]', 'testpaths = ["tests"]\npython_classes = ["Check*"]')],
        {},
        NO_CLASS,
    ),
    "__test__ = False": ([("tests/test_contract.py", None, "\nTestQdrantAdapter.__test__ = False\n")], {}, NO_CLASS),
    "root pytest.ini": (
        [("pytest.ini", None, "[pytest]\ntestpaths = tests\n")],
        {},
        "pytest read its settings from {project}/pytest.ini, not from [tool.pytest]",
    ),
    "strict_xfail off in addopts": ([addopts("-o", "strict_xfail=false")], {}, "strict_xfail is off"),
    "hook drops tests": ([hook(KEEP_ONE)], {}, COUNT_TEST),
    "hook adds non-strict xfail": ([hook(XFAIL_COUNTS)], {}, f"{COUNT_TEST} was expected to fail"),
    "pytest.xfail() in the options hook": (
        [("tests/test_contract.py", "        return dict", "        pytest.xfail('later')\n        return dict")],
        {},
        "pytest.xfail() was called",
    ),
    "-p no:tests.contract.plugin plus skips": (
        [
            addopts("-p", "no:tests.contract.plugin"),
            ("tests/test_contract.py", None, "\npytestmark = pytest.mark.skip\n"),
        ],
        {},
        "the rag4code contract plugins cannot be switched off: remove -p no:tests.contract.plugin",
    ),
    "--noconftest plus -k": (
        [addopts("--noconftest", "-k", "not TestQdrantAdapter")],
        {},
        "The contract plugins tests.contract.plugin are not active",
    ),
}


@contextlib.contextmanager
def edited(project: Path, edits: list[tuple[str, str | None, str]]) -> Iterator[None]:
    """`project` with each edit made (a replacement, or text appended to a file
    that may not exist yet); every file as it was afterwards."""
    originals = {name: (project / name).read_bytes() if (project / name).exists() else None for name, _, _ in edits}
    try:
        for name, old, new in edits:
            target = project / name
            text = target.read_text(encoding="utf-8") if target.exists() else ""
            assert old is None or old in text, f"{old!r} not in {name}"
            target.write_text(text + new if old is None else text.replace(old, new, 1), encoding="utf-8")
        yield
    finally:
        for name, original in originals.items():
            if original is None:
                (project / name).unlink()
            else:
                (project / name).write_bytes(original)


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
    assert "rag4code contract" not in result.output, result.output  # it ran whole: nothing to say


@pytest.mark.parametrize("case", CASES)
def test_guard_fails_the_suite(bench: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    """Each case's one broken rule fails the one test that states it, saying why
    (only that test runs: the rest of the suite is proven elsewhere)."""
    project, python = bench
    name, addition, selection, must_fail, words = CASES[case]
    with edited(project, [(name, None, addition)]):
        result = run_suite(python, project, tmp_path / "junit.xml", *selection)
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


def test_guard_api_key_variable_without_the_recording_plugin_stops_the_run(
    bench: tuple[Path, Path], tmp_path: Path
) -> None:
    """`api_key_variable` (a hosted API's: its suite runs through recorded HTTP)
    set in a plugin generated without the recording plugin: the run stops
    before any test, saying what is missing."""
    project, python = bench
    line = '    plugin_name = "qdrant"\n'
    key = '    api_key_variable = "RAG4CODE_QDRANT_API_KEY"\n'
    with edited(project, [("tests/test_contract.py", line, line + key)]):
        result = run_suite(python, project, tmp_path / "junit.xml")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.output
    assert "TestQdrantAdapter set api_key_variable" in result.output
    assert "tests/contract/cassettes.py, which records, is missing" in result.output
    assert " passed" not in result.output


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


@pytest.mark.parametrize(
    "name", ["conftest.py", "tests/contract/test_discovery.py", "src/rag4code_qdrant/support/vector_db.py"]
)
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


@pytest.mark.parametrize("case", SWITCHED_OFF)
def test_guard_configuration_cannot_switch_the_contract_off(
    bench: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    """A plain run (nothing narrowed on the command line) of an adapter that
    fails contract tests, with one line of configuration that kept them from
    running or failing, fails, saying what did not run or what is wrong."""
    project, python = bench
    edits, environment, words = SWITCHED_OFF[case]
    with edited(project, [BROKEN_COUNT, *edits]):
        result = run_suite(python, project, tmp_path / "junit.xml", **environment)
    assert result.returncode != 0, result.output
    assert words.format(project=project) in result.output, result.output


@pytest.mark.parametrize(
    "selection",
    [
        ["-k", "test_api_version_matches_contract"],
        ["tests/test_contract.py::TestQdrantAdapter::test_api_version_matches_contract"],
    ],
    ids=["-k", "node id"],
)
def test_guard_command_line_narrowing_passes_and_says_it_ran_part(
    bench: tuple[Path, Path], tmp_path: Path, selection: list[str]
) -> None:
    """A run narrowed on the command line for focused work stays green, and
    says how much of the contract it ran."""
    project, python = bench
    result = run_suite(python, project, tmp_path / "junit.xml", *selection)
    assert result.returncode == 0, result.output
    assert re.search(r"this run ran 1 of the \d+ contract tests, narrowed on the command line", result.output)


def test_guard_completeness_is_judged_under_xdist(bench: tuple[Path, Path], tmp_path: Path) -> None:
    """With pytest-xdist (an author may add it), the workers' reports reach the
    controller, which counts them: two selected tests, one per worker, are two
    contract tests run; and -k in addopts still fails the run."""
    project, python = bench
    plugins = [f"{name}=={version(name)}" for name in ("pytest-xdist", "execnet")]
    run(UV, "pip", "install", "-q", "--no-deps", "--python", python, *plugins)
    try:
        narrowed = run_suite(
            python, project, tmp_path / "narrowed.xml", "-n", "2", "-k", "api_version_matches or count_empty_store"
        )
        with edited(project, [addopts("-k", "test_api_version_matches_contract")]):
            configured = run_suite(python, project, tmp_path / "configured.xml", "-n", "2")
    finally:
        run(UV, "pip", "uninstall", "-q", "--python", python, "pytest-xdist", "execnet")
    assert narrowed.returncode == 0, narrowed.output
    assert "this run ran 2 of the" in narrowed.output, narrowed.output
    assert configured.returncode != 0, configured.output
    assert COUNT_TEST in configured.output, configured.output
