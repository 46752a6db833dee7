"""`copier update` from a plugin of the layout before the first release (one
template-owned `support.py`, `tests/test_discovery.py` beside the author's
tests) to the frozen layout (the `support/` package, everything template-owned
under `tests/contract/`): the author's adapter and tests are kept, template
files arrive at their new paths, the old ones are removed, and the suite is
green afterwards.

The old template is this repository at OLD_LAYOUT, read from its git history
(`git archive`), so the test needs a clone with history: a shallow one fails,
saying how to fetch it."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.helpers import REPO, assert_green, commit_all, copy_template, make_venv, render, run, run_suite, update

# Renders from an archive of an old commit (not through the template fixtures).
pytestmark = [pytest.mark.slow, pytest.mark.render]

OLD_LAYOUT = "1748a9e3dc0e299cbd36ac0ab90f20ec576e708f"
"""The last commit of this repository whose plugins have the old layout."""
OLD_FILES = ["src/rag4code_qdrant/support.py", "tests/test_discovery.py"]
NEW_FILES = ["src/rag4code_qdrant/support/__init__.py", "tests/contract/test_discovery.py"]
AUTHOR_TEST = '''"""The author's own test."""

from rag4code_qdrant.adapter import QdrantAdapter


def test_author_own_test() -> None:
    assert QdrantAdapter.api_version == 1
'''


@pytest.fixture(scope="module")
def two_layouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template repository: OLD_LAYOUT tagged v0.0.1, the working tree v0.0.2."""
    repo = tmp_path_factory.mktemp("layouts") / "template"
    archive = subprocess.run(["git", "archive", OLD_LAYOUT], cwd=REPO, capture_output=True, check=False)
    if archive.returncode != 0:
        pytest.fail(
            f"commit {OLD_LAYOUT[:7]} is not in this clone (a shallow one?): `git fetch --unshallow`,"
            f" then run the tests again.\n{archive.stderr.decode(errors='replace')}"
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as old:
        old.extractall(repo, filter="data")
    commit_all(repo, "template with the old layout", init=True)
    run("git", "tag", "v0.0.1", cwd=repo)
    run("git", "rm", "-rq", ".", cwd=repo)
    copy_template(repo)
    commit_all(repo, "template with the frozen layout")
    run("git", "tag", "v0.0.2", cwd=repo)
    return repo


@pytest.mark.parametrize("backend", ["embedded", "server"])
def test_update_to_the_frozen_layout_keeps_author_code_and_moves_template_files(
    two_layouts: Path, tmp_path: Path, backend: str
) -> None:
    dst = render(two_layouts, tmp_path / "rag4code-qdrant", vcs_ref="v0.0.1", backend=backend)
    assert all((dst / name).is_file() for name in OLD_FILES), "v0.0.1 must be the old layout"
    commit_all(dst, "generated from the template", init=True)
    adapter = dst / "src/rag4code_qdrant/adapter.py"
    adapter.write_text(adapter.read_text(encoding="utf-8") + "\n# the author's backend code\n", encoding="utf-8")
    (dst / "tests/test_author.py").write_text(AUTHOR_TEST, encoding="utf-8")
    contract_tests = (dst / "tests/test_contract.py").read_bytes()
    commit_all(dst, "the author's work")

    update(dst)

    assert "_commit: v0.0.2" in (dst / ".copier-answers.yml").read_text(encoding="utf-8")
    assert adapter.read_text(encoding="utf-8").endswith("# the author's backend code\n")
    assert (dst / "tests/test_author.py").read_text(encoding="utf-8") == AUTHOR_TEST
    assert (dst / "tests/test_contract.py").read_bytes() == contract_tests, "author-owned: never touched"
    assert [name for name in OLD_FILES if (dst / name).exists()] == [], "old template files are removed"
    assert all((dst / name).is_file() for name in NEW_FILES), "template files arrive at their new paths"
    status = run("git", "status", "--porcelain", "--untracked-files=all", cwd=dst).stdout
    assert ".rej" not in status
    markers = run("git", "grep", "--untracked", "-l", "-e", "^<<<<<<< ", "-e", "^>>>>>>> ", cwd=dst, check=False).stdout
    assert markers == "", f"conflicts: {markers}"
    python = make_venv(tmp_path / ".venv", dst, editable=True)
    result = run_suite(python, dst, tmp_path / "junit.xml")
    assert_green(result)
    assert "test_author_own_test" in result.ran_by_class.get("test_author", set()), result.ran_by_class
    shutil.rmtree(tmp_path / ".venv", ignore_errors=True)
