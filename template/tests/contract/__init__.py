"""The rag4code contract suites, vendored from rag4code-plugin-template.

Template-owned: `copier update` refreshes every file in this folder; do not edit
them (an edited contract is no contract, and `manifest.json` lists their hashes).

How to use (the author-owned file is tests/test_contract.py):

    from tests.contract.vector_db import VectorDbContract

    class TestQdrantVectorDb(VectorDbContract):
        plugin_name = "qdrant"            # the entry-point name

That runs every contract test against the class your installed entry point
loads. Options are data: `adapter_options = {"url": ...}` gives keyword
arguments to every instance the suite builds. Set-up and clean-up go in one
fixture, `instance_options`: it returns a callable giving ONE new instance its
own, empty data (`{"namespace": ...}`, `{"path": ...}` under `tmp_path`), and
cleans up after the test (tests/test_contract.py shows it). A vector store
whose data outlives the instance (a server, a hosted API, an engine on disk)
sets `persists = True`. A slow or remote backend may lower `model_examples`.
A test class that overrides `adapter_factory`, the hook of earlier versions,
keeps working (see `ContractSuite.make`).

To accept a known failure, override that one test with
`@pytest.mark.xfail(strict=True, reason="...")`; any other override, or a
deleted test, fails `test_contract_tests_are_not_overridden`.

Importing this package first checks that every template-owned file is present,
because `copier update` does not bring back files that a project deleted; then
it registers the contract modules for pytest's assertion rewriting, so that a
failing contract shows the values it compared.
"""

import json
import re
from pathlib import Path

import pytest

_PROJECT = Path(__file__).resolve().parent.parent.parent


def _template_owned_files() -> list[str]:
    """Project-relative paths of the files the manifest lists (plus the manifest)."""
    manifest = _PROJECT / "tests/contract/manifest.json"
    if not manifest.is_file():
        return ["tests/contract/manifest.json"]
    return sorted(json.loads(manifest.read_text(encoding="utf-8"))["files"])


def restore_recipe(names: list[str]) -> str:
    """Shell commands that put back template-owned files as the template version
    recorded in .copier-answers.yml made them: right after an update, and
    whether the edit was committed or not (a git checkout would bring back the
    edit, or the previous version)."""
    answers = _PROJECT / ".copier-answers.yml"
    text = answers.read_text(encoding="utf-8") if answers.is_file() else ""
    recorded = {
        key: value.strip().strip("'\"")
        for key, value in re.findall(
            r"^(_commit|_src_path): *(.+)$", text, re.MULTILINE
        )
    }
    commit = recorded.get("_commit", "<_commit of .copier-answers.yml>")
    source = recorded.get("_src_path", "<_src_path of .copier-answers.yml>")
    copies = " && ".join(
        f'mkdir -p {Path(name).parent.as_posix()} && cp "$d/p/{name}" {name}'
        for name in names
    )
    return (
        'd="$(mktemp -d)" && uvx copier copy --defaults --data-file'
        f' .copier-answers.yml --vcs-ref {commit} {source} "$d/p" && {copies}'
    )


if _missing := [
    name for name in _template_owned_files() if not (_PROJECT / name).is_file()
]:
    raise ImportError(
        "template-owned files are missing: "
        + ", ".join(_missing)
        + ". `copier update` does not bring back deleted files. From the project"
        " folder, restore them as the recorded template version made them: "
        + restore_recipe(_missing)
    )

# Every contract module, registered before any is imported: registering only
# this package would warn (it is being imported right now) and rewrite nothing.
pytest.register_assert_rewrite(
    *(
        "tests.contract." + Path(name).stem
        for name in _template_owned_files()
        if name.startswith("tests/contract/")
        and name.endswith(".py")
        and not name.endswith("__init__.py")
    )
)
