"""The vendored contract suites: rendered byte for byte from kinds/, listed with
their hashes in the rendered manifest, and guarded in the generated project."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers import REPO


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_render_vendors_contract_files_byte_for_byte(rendered: Path) -> None:
    vendored = rendered / "tests/contract"
    assert (vendored / "vector_db.py").read_bytes() == (REPO / "kinds/vector_db/contract.py").read_bytes()
    for name in ("__init__.py", "base.py"):
        assert (vendored / name).read_bytes() == (REPO / "template/tests/contract" / name).read_bytes()


def test_render_manifest_lists_the_vendored_hashes(rendered: Path) -> None:
    manifest = json.loads((rendered / "tests/contract/manifest.json").read_text(encoding="utf-8"))
    assert manifest["kinds"] == ["vector_db"]
    assert manifest["files"] == {
        name: sha256(rendered / "tests/contract" / name) for name in ("__init__.py", "base.py", "vector_db.py")
    }


