"""Template-owned files of a generated plugin: the contract suites, their
machinery, the support module and the root conftest are rendered byte for byte
from this repository, listed with their hashes in the rendered manifest, and
their failures show the compared values (pytest's assertion rewriting)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, make_venv, render, run_suite

# Template-owned files copied as they are (project path -> source in this repository).
PLAIN = {
    "conftest.py": "template/conftest.py",
    "tests/contract/__init__.py": "template/tests/contract/__init__.py",
    "tests/contract/base.py": "template/tests/contract/base.py",
    "tests/contract/completeness.py": "template/tests/contract/completeness.py",
    "tests/contract/plugin.py": "template/tests/contract/plugin.py",
}
# The support module: copied as it is, then (server and cloud plugins) the
# service's URL and variables, rendered from the answers.
SUPPORT = REPO / "template/src/{{ package_name }}/support.py.jinja"
SERVICE_BLOCK = "{%- if remote %}"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_render_vendors_template_owned_files_byte_for_byte(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    data, rendered = scenario
    package = f"rag4code_{data['plugin_name']}"
    for kind in data["kinds"]:
        assert (rendered / f"tests/contract/{kind}.py").read_bytes() == (
            REPO / "kinds" / kind / "contract.py"
        ).read_bytes()
    for target, source in PLAIN.items():
        assert (rendered / target.format(package=package)).read_bytes() == (REPO / source).read_bytes(), target
    support = (rendered / f"src/{package}/support.py").read_text(encoding="utf-8")
    copied, _, service = support.partition("\n\n\n# --- this plugin's service ---")
    source = SUPPORT.read_text(encoding="utf-8").partition(SERVICE_BLOCK)[0]
    assert copied.rstrip("\n") == source.rstrip("\n")
    assert bool(service) == (data.get("backend", "embedded") != "embedded")


def test_render_manifest_lists_every_template_owned_file_with_its_hash(
    scenario: tuple[dict[str, Any], Path],
) -> None:
    data, rendered = scenario
    package = f"rag4code_{data['plugin_name']}"
    manifest = json.loads((rendered / "tests/contract/manifest.json").read_text(encoding="utf-8"))
    assert manifest["kinds"] == sorted(data["kinds"])
    expected = {target.format(package=package) for target in PLAIN} | {
        "tests/test_discovery.py",
        f"src/{package}/support.py",
    }
    expected |= {f"tests/contract/{kind}.py" for kind in data["kinds"]}
    assert set(manifest["files"]) == expected
    assert {p.relative_to(rendered).as_posix() for p in (rendered / "tests/contract").glob("*.py")} <= expected
    assert manifest["files"] == {name: sha256(rendered / name) for name in expected}


def test_contract_files_contain_no_jinja_delimiters() -> None:
    """Plain template-owned files are hashed through Jinja's include: delimiters
    in them would be evaluated."""
    copied = SUPPORT.read_text(encoding="utf-8").partition(SERVICE_BLOCK)[0]
    texts = {str(SUPPORT): copied} | {
        str(path): path.read_text(encoding="utf-8")
        for path in [*REPO.glob("kinds/*/contract.py"), *(REPO / source for source in PLAIN.values())]
    }
    for path, text in texts.items():
        assert not any(mark in text for mark in ("{{", "{%", "{#")), path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "breakage", "shown"),
    [
        (
            "vector_db",
            ("        return len(self._client().vectors)\n", "        return len(self._client().vectors) + 1\n"),
            ["assert 1 == 0", "where 1 = count()"],
        ),
        (
            "embedder",
            ("        return self._dimension\n", "        return 0\n"),
            ["assert 0 > 0"],
        ),
        (
            "chunker",
            (
                "        return chunks_from_spans(source, spans, max_lines=self.max_lines)\n",
                (
                    "        return [Chunk(c.text.strip(), c.start_line, c.end_line)"
                    " for c in chunks_from_spans(source, spans, max_lines=self.max_lines)]\n"
                ),
            ),
            ["has text", "but those lines of the source are"],
        ),
    ],
)
def test_contract_failures_show_the_compared_values(
    template: Path, tmp_path: Path, kind: str, breakage: tuple[str, str], shown: list[str]
) -> None:
    """A broken adapter's contract failures print the values pytest compared,
    never a bare `AssertionError` (the vendored modules are rewritten)."""
    project = render(template, tmp_path / "rag4code-demo", plugin_name="demo", kinds=[kind])
    adapter = project / "src/rag4code_demo/adapter.py"
    old, new = breakage
    text = adapter.read_text(encoding="utf-8")
    assert old in text, old
    adapter.write_text(text.replace(old, new), encoding="utf-8")
    python = make_venv(tmp_path / ".venv", project, editable=True)
    result = run_suite(python, project, tmp_path / "junit.xml")
    assert result.returncode == 1, result.output
    for fragment in shown:
        assert fragment in result.output, fragment
    bare = [line for line in result.output.splitlines() if line.strip() == "E       AssertionError"]
    assert not bare, f"{len(bare)} failures show a bare AssertionError"
