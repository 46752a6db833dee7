"""`copier update` brings new template versions to existing plugins and never
loses the author's work. Each test takes a throwaway template repo with tags
v0.0.1 (the working tree) and v0.0.2 (a change made here) and a plugin rendered
at v0.0.1 and committed (conftest.py's `released` and `author_plugin`: made
once per change, the plugin copied for each test), lets the "author" edit it,
and runs copier's run_update."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.helpers import (
    PYTEST,
    change_readme_only,
    commit_all,
    edit,
    make_venv,
    render,
    rendered_files,
    run,
    run_suite,
    update,
)

# Every test clones the template repo and runs `copier update` (seconds each).
pytestmark = pytest.mark.slow

CONFLICT_MARKER = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)
NEW_CONTRACT_TEST = '''
    def test_count_after_delete_of_everything_is_zero(self, seeded: Any) -> None:
        """Deleting every record leaves an empty store (added in v0.0.2).

        If this fails: `delete()` must remove every id it is given.
        """
        seeded.delete(["a", "b"])
        assert seeded.count() == 0
'''

# tests/test_contract.py of a server plugin as the template rendered it before
# `adapter_options` and `instance_options`: its one hook, `adapter_factory`,
# gives every instance a namespace of its own. Author-owned, so no update
# ever changes it.
FORMER_HOOK_TEST_CONTRACT = '''"""Runs the rag4code contract suite against this plugin."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from rag4code_qdrant.adapter import drop_namespace
from rag4code_qdrant.support import unique_namespace
from tests.contract.vector_db import VectorDbContract


class TestQdrantAdapter(VectorDbContract):
    """Runs the vector_db contract against `QdrantAdapter`."""

    plugin_name = "qdrant"
    service_url_variable = "RAG4CODE_QDRANT_URL"  # when set, it must answer
    model_examples = 25  # random-operation sequences; lower for a slow backend (>= 1)

    @pytest.fixture
    def adapter_factory(self, adapter_class: type[Any]) -> Iterator[Callable[..., Any]]:
        """Builds every instance the suite uses, each in a namespace of its own
        (unique to this run: parallel runs never meet), dropped after the test."""
        namespaces: list[str] = []

        def build(**options: Any) -> Any:
            namespaces.append(unique_namespace())
            return adapter_class(namespace=namespaces[-1], **options)

        yield build
        for namespace in namespaces:  # the suite has closed the instances by now
            drop_namespace(namespace)
'''


def add_to_vector_db_contract(repo: Path, test: str) -> None:
    """Add a test method to the VectorDbContract class of the template copy."""
    edit(
        repo / "kinds/vector_db/contract.py",
        "    # --- random operations against a reference model",
        test.lstrip("\n") + "\n    # --- random operations against a reference model",
    )


def add_contract_test_and_boilerplate(repo: Path) -> None:
    add_to_vector_db_contract(repo, NEW_CONTRACT_TEST)
    edit(
        repo / "template/README.md.jinja",
        "## License\n",
        "## Support\n\nAsk on the rag4code forum.\n\n## License\n",
    )
    edit(
        repo / "template/pyproject.toml.jinja",
        '"retrieval-augmented-generation"]',
        '"retrieval-augmented-generation", "code-search"]',
    )


def no_rejects_or_markers(dst: Path) -> None:
    assert not list(dst.rglob("*.rej"))
    for name in rendered_files(dst):
        assert not CONFLICT_MARKER.search((dst / name).read_text(encoding="utf-8")), name


def test_update_brings_new_contract_and_keeps_author_edits(author_plugin: Callable[..., Path], tmp_path: Path) -> None:
    dst = author_plugin(tmp_path, add_contract_test_and_boilerplate)
    adapter = dst / "src/rag4code_qdrant/adapter.py"
    edit(
        adapter,
        "    api_version = 1\n",
        "    api_version = 1\n    backend = 'qdrant'  # the author's edit\n",
    )
    edit(dst / "pyproject.toml", "dependencies = []", 'dependencies = ["packaging>=20"]')
    edit(dst / "README.md", "## Install\n", "## Install\n\nThe author's own paragraph.\n")
    commit_all(dst, "author edits")

    update(dst)

    no_rejects_or_markers(dst)
    assert "test_count_after_delete_of_everything_is_zero" in (dst / "tests/contract/vector_db.py").read_text(
        encoding="utf-8"
    )
    assert "backend = 'qdrant'  # the author's edit" in adapter.read_text(encoding="utf-8")
    pyproject = (dst / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dependencies = ["packaging>=20"]' in pyproject
    assert '"code-search"]' in pyproject
    readme = (dst / "README.md").read_text(encoding="utf-8")
    assert "The author's own paragraph." in readme
    assert "## Support" in readme
    assert "_commit: v0.0.2" in (dst / ".copier-answers.yml").read_text(encoding="utf-8")
    python = make_venv(tmp_path / ".venv", dst, editable=True)
    result = run_suite(python, dst, tmp_path / "junit.xml")
    assert result.returncode == 0, result.output
    # The new test ran, in the author's contract class, and passed.
    assert "test_count_after_delete_of_everything_is_zero" in result.ran_by_class["TestQdrantAdapter"]


def test_update_keeps_a_test_class_that_overrides_the_former_hook_green(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    """A plugin whose test class still overrides `adapter_factory` stays green
    after an update: the suite builds every instance through it. (A server
    plugin, whose skeleton shares one store per namespace in the process: were
    the factory bypassed, every instance would share the default namespace and
    the isolation tests would fail.)"""
    dst = author_plugin(tmp_path, add_contract_test_and_boilerplate, backend="server")
    author_file = dst / "tests/test_contract.py"
    author_file.write_text(FORMER_HOOK_TEST_CONTRACT, encoding="utf-8")
    commit_all(dst, "the test class as an earlier template rendered it")

    update(dst)

    no_rejects_or_markers(dst)
    assert author_file.read_text(encoding="utf-8") == FORMER_HOOK_TEST_CONTRACT
    python = make_venv(tmp_path / ".venv", dst, editable=True)
    result = run_suite(python, dst, tmp_path / "junit.xml")
    assert result.returncode == 0, result.output
    assert result.counts["skipped"] == 0, result.counts
    ran = result.ran_by_class["TestQdrantAdapter"]
    assert {
        "test_new_instance_does_not_see_another_instances_records",
        "test_reopened_store_has_the_records_of_the_closed_one",
        "test_count_after_delete_of_everything_is_zero",
    } <= ran, sorted(ran)


def bump_contract_version(repo: Path) -> None:
    edit(
        repo / "template/tests/contract/base.py",
        "CONTRACT_VERSION = 1\n",
        "CONTRACT_VERSION = 2\n",
    )
    edit(
        repo / "kinds/vector_db/adapter.py.jinja",
        "    api_version = 1\n",
        "    api_version = 2\n",
    )
    add_to_vector_db_contract(
        repo,
        '''
    def test_ping_answers_true(self, store: Any) -> None:
        """API v2: `ping()` returns True when the backend is reachable.

        If this fails: add `ping()` (new in contract version 2).
        """
        assert store.ping() is True
''',
    )


def test_update_contract_bump_fails_loudly_until_the_author_adapts(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    dst = author_plugin(tmp_path, bump_contract_version)
    update(dst)
    python = make_venv(tmp_path / ".venv", dst, editable=True)

    failing = run(python, *PYTEST, cwd=dst, check=False)
    assert failing.returncode == 1
    assert "test_api_version_matches_contract" in failing.stdout
    assert "api_version is 1 but the vendored contract is version 2" in failing.stdout
    assert "CHANGELOG" in failing.stdout

    adapter = dst / "src/rag4code_qdrant/adapter.py"
    edit(
        adapter,
        "    api_version = 1\n",
        "    api_version = 2\n\n    def ping(self) -> bool:\n        return True\n",
    )
    run(python, *PYTEST, cwd=dst)


def change_build_requirement(repo: Path) -> None:
    edit(repo / "copier.yml", "'hatchling': 'hatchling>=1.27'", "'hatchling': 'hatchling>=1.28'")


def test_update_conflict_is_shown_inline_and_keeps_author_text(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    dst = author_plugin(tmp_path, change_build_requirement)
    edit(
        dst / "pyproject.toml",
        'requires = ["hatchling>=1.27"]',
        'requires = ["hatchling>=1.27,<2"]',
    )
    commit_all(dst, "author pins hatchling")

    update(dst)

    pyproject = (dst / "pyproject.toml").read_text(encoding="utf-8")
    assert "<<<<<<< before updating" in pyproject
    assert 'requires = ["hatchling>=1.27,<2"]' in pyproject
    assert 'requires = ["hatchling>=1.28"]' in pyproject
    assert not list(dst.rglob("*.rej"))


def test_update_does_not_restore_deleted_contract_file_and_the_guard_says_how(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    dst = author_plugin(tmp_path, change_readme_only)
    (dst / "tests/contract/vector_db.py").unlink()
    commit_all(dst, "author deletes a contract file")

    update(dst)

    assert not (dst / "tests/contract/vector_db.py").exists(), "copier restored it: the guard test is moot"
    python = make_venv(tmp_path / ".venv", dst, editable=True)
    result = run(python, *PYTEST, cwd=dst, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "template-owned files are missing: tests/contract/vector_db.py" in output
    assert "--data-file .copier-answers.yml" in output


def test_update_with_changed_answer_rerenders_shared_files(author_plugin: Callable[..., Path], tmp_path: Path) -> None:
    dst = author_plugin(tmp_path, change_readme_only)
    update(dst, description="Qdrant vector store for rag4code")
    assert 'description = "Qdrant vector store for rag4code"' in (dst / "pyproject.toml").read_text(encoding="utf-8")
    assert "\nQdrant vector store for rag4code\n" in (dst / "README.md").read_text(encoding="utf-8")
    assert "description: Qdrant vector store for rag4code" in (dst / ".copier-answers.yml").read_text(encoding="utf-8")


def test_update_of_unedited_plugin_equals_fresh_copy(
    released: Callable[[Callable[[Path], None]], Path], author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    dst = author_plugin(tmp_path, add_contract_test_and_boilerplate)
    update(dst)
    fresh = render(
        released(add_contract_test_and_boilerplate), tmp_path / "fresh" / "rag4code-qdrant", vcs_ref="v0.0.2"
    )
    assert rendered_files(dst) == rendered_files(fresh)
    for name in rendered_files(fresh):
        assert (dst / name).read_bytes() == (fresh / name).read_bytes(), name


def test_update_to_the_same_version_changes_nothing(author_plugin: Callable[..., Path], tmp_path: Path) -> None:
    dst = author_plugin(tmp_path, change_readme_only)
    update(dst)
    commit_all(dst, "updated to v0.0.2")
    update(dst)
    run("git", "add", "-A", cwd=dst)
    run("git", "diff", "--cached", "--exit-code", cwd=dst)


def template_update_script(project: Path) -> str:
    """The `run:` of the template-update workflow's update step, as written."""
    workflow = yaml.safe_load((project / ".github/workflows/template-update.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["update"]["steps"] if s.get("id") == "update"]
    script: str = step["run"]
    return script


def test_template_update_workflow_commits_the_update_on_a_branch(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    """The scheduled workflow's update step, run as GitHub runs it (bash -e, its
    $GITHUB_OUTPUT) on a plugin at v0.0.1 against a template with v0.0.2: a
    branch template-update/v0.0.2 with one commit holding the update (the new
    contract test, the author's edit kept, a conflict as inline markers), and
    the outputs the push step reads. Run again at the newest version, it
    changes nothing and leaves no output."""
    dst = author_plugin(tmp_path, add_contract_test_and_boilerplate)
    edit(dst / "README.md", "## Install\n", "## Install\n\nThe author's own words.\n")
    edit(dst / "pyproject.toml", 'version = "0.1.0"', 'version = "0.1.0"  # the author\'s own words')
    commit_all(dst, "author edits")
    script, outputs = tmp_path / "update.sh", tmp_path / "github-output"
    script.write_text(template_update_script(dst), encoding="utf-8")
    run("bash", "-e", script, cwd=dst, GITHUB_OUTPUT=str(outputs))
    assert outputs.read_text(encoding="utf-8").splitlines() == ["branch=template-update/v0.0.2", "version=v0.0.2"]
    assert run("git", "branch", "--show-current", cwd=dst).stdout.strip() == "template-update/v0.0.2"
    assert run("git", "status", "--porcelain", cwd=dst).stdout == "", "everything is committed"
    changed = run("git", "diff", "--name-only", "HEAD~1", "HEAD", cwd=dst).stdout.split()
    assert {".copier-answers.yml", "tests/contract/vector_db.py"} <= set(changed)
    assert "_commit: v0.0.2" in (dst / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "def test_count_after_delete_of_everything_is_zero" in (dst / "tests/contract/vector_db.py").read_text(
        encoding="utf-8"
    )
    assert "The author's own words." in (dst / "README.md").read_text(encoding="utf-8")
    message = run("git", "log", "-1", "--format=%B", cwd=dst).stdout
    assert message.startswith("Update from rag4code-plugin-template v0.0.2\n")
    outputs.unlink()
    run("git", "switch", "-q", "main", cwd=dst)
    run("git", "merge", "-q", "template-update/v0.0.2", cwd=dst)
    again = run("bash", "-e", script, cwd=dst, GITHUB_OUTPUT=str(outputs))
    assert "Already at the newest template release (v0.0.2)" in again.stdout
    assert not outputs.exists()


def test_template_update_workflow_commits_conflicts_as_markers(
    author_plugin: Callable[..., Path], tmp_path: Path
) -> None:
    """Where the author and the template changed the same lines, the update
    branch holds both, as <<<<<<< markers for the pull request to resolve."""
    dst = author_plugin(tmp_path, change_readme_only)
    edit(dst / "README.md", "## License\n", "## Licence (the author's spelling)\n")
    commit_all(dst, "author edits")
    script = tmp_path / "update.sh"
    script.write_text(template_update_script(dst), encoding="utf-8")
    run("bash", "-e", script, cwd=dst, GITHUB_OUTPUT=str(tmp_path / "github-output"))
    readme = (dst / "README.md").read_text(encoding="utf-8")
    assert CONFLICT_MARKER.search(readme), readme
    assert "the author's spelling" in readme
    assert "Ask on the rag4code forum." in readme
    assert run("git", "status", "--porcelain", cwd=dst).stdout == ""


def test_template_update_workflow_runs_only_on_schedule_or_by_hand(rendered: Path) -> None:
    """Least privilege, no untrusted trigger: a monthly schedule and workflow_dispatch
    only; contents, pull-requests and actions write in the one job, nothing else;
    the token reaches only the step that pushes and opens the pull request."""
    workflow = yaml.safe_load((rendered / ".github/workflows/template-update.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "write"}
    holding_token = [s.get("name") for s in job["steps"] if "github.token" in str(s)]
    assert holding_token == ["Push the branch and open a pull request"]
    assert job["steps"][0]["with"]["persist-credentials"] is False
