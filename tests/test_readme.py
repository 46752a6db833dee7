"""The README is the contract with a new user: its quick-start commands work
exactly as written, from a clone of the template."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import KINDS, REPO, UV, run, template_files

README = (REPO / "README.md").read_text(encoding="utf-8")
# A path in the template repo, or in a generated plugin, as the README names it.
NAMED_PATH = re.compile(r"(?<![\w./<>-])(?:tests|kinds|template)/[\w./<>*-]*")
# Paths the README names that no file gives, and why.
NAMED_BUT_MADE_LATER = {
    "kinds/reranker/": "the kind that the walk-through of adding a kind creates",
    "tests/cassettes/": "a cloud plugin's recordings, written by its first recorded run",
}


def quick_start() -> list[list[str]]:
    """The commands of the README's Quick start block, comments stripped."""
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert block, "the Quick start section has no console block"
    return [shlex.split(line.split("#", 1)[0]) for line in block.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_two_commands() -> None:
    render, test = quick_start()
    assert render[:3] == ["uvx", "copier", "copy"]
    assert test == ["uv", "run", "pytest"]


@pytest.mark.slow
def test_readme_quick_start_renders_a_green_plugin(template_repo: Path, tmp_path: Path) -> None:
    """Run the render command from a clone, then the generated project's tests
    the way the README says (`cd ../rag4code-demo && uv run pytest`)."""
    clone = tmp_path / "rag4code-plugin-template"
    run("git", "clone", "-q", template_repo, clone)
    render, _ = quick_start()
    copier = Path(sys.executable).parent / "copier"  # the locked copier instead of uvx's download
    run(copier, *render[2:], cwd=clone)
    plugin = (clone / render[-1]).resolve()
    assert plugin == tmp_path / "rag4code-demo"
    result = run(UV, "run", "--quiet", "pytest", "-q", "-p", "no:cacheprovider", cwd=plugin)
    assert re.search(r"^\d+ passed in ", result.stdout, re.MULTILINE), result.stdout


def test_readme_shows_what_copier_prints_for_a_rejected_answer(template_repo: Path, tmp_path: Path) -> None:
    """The "When something goes wrong" example: the command fails and its last
    line is exactly the one the README shows."""
    section = README.split("## When something goes wrong", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert block, "the section has no console block"
    lines = block.group(1).strip().splitlines()
    command = shlex.split(lines[0].removeprefix("$ "))
    assert command[:3] == ["uvx", "copier", "copy"]
    copier = Path(sys.executable).parent / "copier"
    args = [
        str(template_repo) if a == "." else str(tmp_path / "out") if a.startswith("../") else a for a in command[2:]
    ]
    result = run(copier, *args, "--vcs-ref", "v0.0.1", check=False)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == lines[-1]
    assert not (tmp_path / "out").exists()


def test_readme_postgres_walk_through_renders_what_it_says(template_repo: Path, tmp_path: Path) -> None:
    """The server section's PostgreSQL walk-through: its render command, as
    written (the published template's address replaced by a clone), gives the
    compose.yaml, support/service.py line and export line the README shows."""
    section = README.split("#### A PostgreSQL plugin, end to end", 1)[1].split("\n### ", 1)[0]
    render_block, steps = re.findall(r"```console\n(.*?)```", section, re.DOTALL)[:2]
    command = shlex.split(render_block.replace("\\\n", " ").splitlines()[0])
    assert command[:3] == ["uvx", "copier", "copy"]
    assert command[-2:] == ["gh:org/rag4code-plugin-template", "rag4code-pgvector"]
    copier = Path(sys.executable).parent / "copier"
    run(copier, *command[2:-2], "--vcs-ref", "v0.0.1", template_repo, tmp_path / "rag4code-pgvector")
    project = tmp_path / "rag4code-pgvector"
    compose = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))["services"]["backend"]
    assert compose["environment"] == {"POSTGRES_HOST_AUTH_METHOD": "trust"}
    assert f"`{compose['healthcheck']['test'][1].removesuffix(' || exit 1')}`" in " ".join(section.split())
    [default] = re.findall(
        r"^DEFAULT_URL = .*$",
        (project / "src/rag4code_pgvector/support/service.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert f"`{default}`" in " ".join(section.split())
    [export] = [line for line in steps.splitlines() if line.startswith("export ")]
    assert export in (project / "README.md").read_text(encoding="utf-8").splitlines()


def plugin_paths() -> set[str]:
    """The paths a generated plugin can hold, read from the template's file
    names (no render): their Jinja conditions dropped, a per-kind name once
    per kind, any other value as <its name>; folders end with "/"."""
    files = set()
    for name in template_files():
        if name.startswith("template/"):
            name = re.sub(r"\{% if [^%]*%\}(.*?)\{% endif %\}", r"\1", name.removeprefix("template/"))
            name = re.sub(r"\{\{ *([\w.]+) *\}\}", r"<\1>", name)  # {{ package_name }}: <package_name>
            files |= {re.sub(r"\{% yield .*?\{% endyield %\}", kind, name).removesuffix(".jinja") for kind in KINDS}
    folders = {f"{'/'.join(Path(name).parts[:end])}/" for name in files for end in range(1, len(Path(name).parts))}
    return files | folders


def test_readme_names_only_paths_that_exist() -> None:
    """Every tests/..., kinds/... and template/... path in the README is a file
    or folder of the template repo, or of a generated plugin (as the template's
    file names give them): `<kind>` stands for any kind, `*` for any name."""
    plugin = plugin_paths()
    assert not [name for name in plugin if "{" in name], "a file name whose Jinja plugin_paths() cannot read"
    named = {match.group().rstrip(".,") for match in NAMED_PATH.finditer(README)}
    assert set(NAMED_BUT_MADE_LATER) <= named, "NAMED_BUT_MADE_LATER lists paths the README no longer names"
    missing = []
    for path in sorted(named - set(NAMED_BUT_MADE_LATER)):
        candidates = {path.replace("<kind>", kind) for kind in KINDS}
        in_repo = any(
            REPO.glob(candidate) if "*" in candidate else (REPO / candidate).exists() for candidate in candidates
        )
        if not in_repo and not candidates & (plugin | {name.rstrip("/") for name in plugin}):
            missing.append(path)
    assert missing == [], f"README.md names paths that exist neither in the template repo nor in a plugin: {missing}"
