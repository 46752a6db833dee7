"""Template-owned files of a generated plugin: the contract suites, their
machinery, the support package and the root conftest are rendered from this
repository (the plain ones byte for byte), listed with their hashes in the
rendered manifest, and their failures show the compared values (pytest's
assertion rewriting)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    KINDS,
    REPO,
    VARIANTS,
    caught_by,
    kind_facts,
    kind_folder,
    render,
    run_suite,
    swap_in_adapters,
    template_owned_files,
    write_contract_classes,
)

# Template-owned files copied as they are (project path -> source in this
# repository), by the backends that have them.
PLAIN = {
    "tests/contract/__init__.py": "template/tests/contract/__init__.py",
    "tests/contract/base.py": "template/tests/contract/base.py",
    "tests/contract/completeness.py": "template/tests/contract/completeness.py",
    "tests/contract/plugin.py": "template/tests/contract/plugin.py",
}
REMOTE = {"tests/contract/namespaces.py": "template/tests/contract/{% if remote %}namespaces.py{% endif %}"}
CLOUD = {"tests/contract/cassettes.py": "template/tests/contract/{% if backend == 'cloud' %}cassettes.py{% endif %}"}
# Per kind (project path with {kind} and {package} -> source with {kind}).
PER_KIND = {
    "tests/contract/{kind}.py": "kinds/{kind}/contract.py",
    "src/{package}/support/{kind}.py": "kinds/{kind}/support.py",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plain_files(data: dict[str, Any]) -> dict[str, str]:
    """The template-owned files a render of `data` copies as they are."""
    backend = data.get("backend", "embedded")
    plain = PLAIN | (REMOTE if backend != "embedded" else {}) | (CLOUD if backend == "cloud" else {})
    for kind in data["kinds"]:
        package = f"rag4code_{data['plugin_name']}"
        plain |= {
            target.format(kind=kind, package=package): source.format(kind=kind) for target, source in PER_KIND.items()
        }
    return plain


def assert_vendored_byte_for_byte(data: dict[str, Any], rendered: Path) -> None:
    for target, source in plain_files(data).items():
        assert (rendered / target).read_bytes() == (REPO / source).read_bytes(), target


def assert_manifest_lists_the_template_owned_files(data: dict[str, Any], rendered: Path) -> None:
    """Exactly the template-owned files (every one of them: README's table),
    each with the hash of its rendered bytes."""
    manifest = json.loads((rendered / "tests/contract/manifest.json").read_text(encoding="utf-8"))
    assert manifest["kinds"] == sorted(data["kinds"])
    expected = template_owned_files(data) - {"tests/contract/manifest.json"}
    assert set(manifest["files"]) == expected
    assert set(plain_files(data)) < expected
    assert manifest["files"] == {name: sha256(rendered / name) for name in expected}


def test_render_vendors_template_owned_files_byte_for_byte(scenario: tuple[dict[str, Any], Path]) -> None:
    assert_vendored_byte_for_byte(*scenario)


def test_render_vendors_remote_template_owned_files_byte_for_byte(
    remote_scenario: tuple[dict[str, Any], Path],
) -> None:
    assert_vendored_byte_for_byte(*remote_scenario)


def test_render_manifest_lists_every_template_owned_file_with_its_hash(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    assert_manifest_lists_the_template_owned_files(*scenario)


def test_render_remote_manifest_lists_every_template_owned_file_with_its_hash(
    remote_scenario: tuple[dict[str, Any], Path],
) -> None:
    assert_manifest_lists_the_template_owned_files(*remote_scenario)


def test_contract_files_contain_no_jinja_delimiters() -> None:
    """Plain template-owned files are hashed through Jinja's include: delimiters
    in them would be evaluated."""
    sources = [*PLAIN.values(), *REMOTE.values(), *CLOUD.values()]
    sources += [
        source.format(kind=path.name)
        for path in (REPO / "kinds").iterdir()
        if path.is_dir()
        for source in PER_KIND.values()
    ]
    for source in sources:
        assert not any(mark in (REPO / source).read_text(encoding="utf-8") for mark in ("{{", "{%", "{#")), source


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_contract_failures_show_the_compared_values(template: Path, tmp_path: Path, kind: str) -> None:
    """A broken adapter's contract failures print the values pytest compared,
    never a bare `AssertionError` (the vendored modules are rewritten): the
    whole generated suite against the kind's `shows_values` broken adapter."""
    shows = kind_facts(kind)["shows_values"]
    broken = kind_folder(kind) / "broken" / f"{shows['broken']}.py"
    project = render(template, tmp_path / "rag4code-demo", plugin_name="demo", kinds=[kind])
    write_contract_classes(project, {"TestBroken": {"plugin_name": "broken"}})
    python = swap_in_adapters(project, kind, {"broken": broken}, tmp_path / ".venv")
    result = run_suite(python, project, tmp_path / "junit.xml", VARIANTS)
    assert result.returncode == 1, result.output
    assert caught_by(broken)[1] in result.failed, result.output
    for fragment in shows["output"]:
        assert fragment in result.output, fragment
    bare = [line for line in result.output.splitlines() if line.strip() == "E       AssertionError"]
    assert not bare, f"{len(bare)} failures show a bare AssertionError"
