"""The vendored contract suites: rendered byte for byte from kinds/, listed with
their hashes in the rendered manifest, and guarded in the generated project."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from helpers import REPO


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_render_vendors_contract_files_byte_for_byte(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    data, rendered = scenario
    vendored = rendered / "tests/contract"
    for kind in data["kinds"]:
        assert (vendored / f"{kind}.py").read_bytes() == (REPO / "kinds" / kind / "contract.py").read_bytes()
    for name in ("__init__.py", "base.py", "plugin.py"):
        assert (vendored / name).read_bytes() == (REPO / "template/tests/contract" / name).read_bytes()


def test_render_manifest_lists_the_vendored_hashes(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    data, rendered = scenario
    manifest = json.loads((rendered / "tests/contract/manifest.json").read_text(encoding="utf-8"))
    assert manifest["kinds"] == sorted(data["kinds"])
    vendored = {p.name for p in (rendered / "tests/contract").glob("*.py")}
    assert vendored == {"__init__.py", "base.py", "plugin.py"} | {f"{kind}.py" for kind in data["kinds"]}
    assert manifest["files"] == {name: sha256(rendered / "tests/contract" / name) for name in vendored}


def test_contract_files_contain_no_jinja_delimiters() -> None:
    """Contract files are included through Jinja: delimiters would be evaluated."""
    for path in [
        *REPO.glob("kinds/*/contract.py"),
        *REPO.glob("template/tests/contract/*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        assert not any(mark in text for mark in ("{{", "{%", "{#")), path
