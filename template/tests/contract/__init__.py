"""The rag4code contract suites, vendored from rag4code-plugin-template.

Template-owned: `copier update` replaces every file in this folder; do not edit
them (an edited contract is no contract, and `manifest.json` lists their hashes).

How to use (the author-owned file is tests/test_contract.py):

    from tests.contract.vector_db import VectorDbContract

    class TestQdrantVectorDb(VectorDbContract):
        plugin_name = "qdrant"            # the entry-point name

That runs every contract test against the class your installed entry point
loads, built with no arguments. To pass options (a URL, a temporary path, API
keys), override the one hook, `adapter_factory`, in your subclass: it returns a
callable that builds an EMPTY, isolated instance (see tests/contract/base.py).

To accept a known failure, override that one test with
`@pytest.mark.xfail(strict=True, reason="...")`; any other override, or a
deleted test, fails `test_contract_tests_are_not_overridden`.

Importing this package first checks that every vendored file is present, because
`copier update` does not bring back files that a project deleted.
"""

import json
from pathlib import Path

_HERE = Path(__file__).parent


def _missing_files() -> list[str]:
    """Names of vendored files that the manifest lists but the project lacks."""
    manifest = _HERE / "manifest.json"
    if not manifest.is_file():
        return ["manifest.json"]
    listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    return [name for name in listed if not (_HERE / name).is_file()]


if _missing := _missing_files():
    raise ImportError(
        "rag4code contract files are missing from tests/contract/: "
        + ", ".join(_missing)
        + ". They are template-owned and `copier update` does not restore deleted"
        " files. Restore them with `git checkout -- tests/contract`, or render the"
        " template again into a scratch folder and copy tests/contract/ back:"
        " `uvx copier copy --defaults --data-file .copier-answers.yml"
        " --vcs-ref <_commit> <_src_path> ../scratch` (both values are in"
        " .copier-answers.yml)."
    )
