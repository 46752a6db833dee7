"""Generated plugins are publishable as they come: every build backend gives a
wheel and an sdist with the right entry points, tests and license; the wheel
alone makes the plugin discoverable; metadata passes twine; workflows pass
actionlint; the optional pre-commit config is valid."""

from __future__ import annotations

import importlib.metadata
import json
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import tomlkit

from tests.helpers import KINDS, UV, answers, consume, expected_entry_points, render, run, venv_python

BACKENDS = ["hatchling", "uv_build", "setuptools"]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session", params=BACKENDS)
def built(
    request: pytest.FixtureRequest, template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    """Every kind rendered with one backend, then `uv build`: (project, wheel, sdist)."""
    root = tmp_path_factory.mktemp(request.param)
    project = render(template, root / "rag4code-toolkit", **answers("all_kinds"), build_backend=request.param)
    run(UV, "build", "-q", "--out-dir", root / "dist", project)
    [wheel] = (root / "dist").glob("*.whl")
    [sdist] = (root / "dist").glob("*.tar.gz")
    return project, wheel, sdist


@pytest.mark.slow
def test_publish_wheel_declares_exact_entry_points(built: tuple[Path, Path, Path]) -> None:
    """The wheel's metadata, read the way an installer reads it, declares one entry
    point per kind and nothing else."""
    _, wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        assert "rag4code_toolkit/py.typed" in archive.namelist()
        [dist_info] = {name.partition("/")[0] for name in archive.namelist() if ".dist-info/" in name}
        distribution = importlib.metadata.PathDistribution(zipfile.Path(archive, f"{dist_info}/"))
        declared = {(ep.group, ep.name, ep.value) for ep in distribution.entry_points}
    expected = expected_entry_points(answers("all_kinds"))
    assert declared == {(f"rag4code.{kind}", "toolkit", value) for kind, value in expected.items()}


@pytest.mark.slow
def test_publish_sdist_contains_tests_and_license(built: tuple[Path, Path, Path]) -> None:
    _, _, sdist = built
    with tarfile.open(sdist) as archive:
        names = {name.partition("/")[2] for name in archive.getnames()}
    assert {"LICENSE", "pyproject.toml", "tests/contract/base.py"} <= names
    assert {f"tests/contract/{kind}.py" for kind in KINDS} <= names
    assert {"tests/test_contract.py", "tests/contract/test_discovery.py", "conftest.py"} <= names
    assert {f"src/rag4code_toolkit/support/{module}.py" for module in ("__init__", *KINDS)} <= names


@pytest.mark.slow
def test_publish_metadata_passes_twine_check(built: tuple[Path, Path, Path]) -> None:
    _, wheel, sdist = built
    run(BIN / "twine", "check", "--strict", wheel, sdist)


@pytest.mark.slow
def test_publish_wheel_alone_makes_plugin_discoverable(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """Installed from its wheel alone, each kind is found lazily and loads."""
    _, wheel, _ = built
    run(UV, "venv", "-q", "--python", sys.executable, tmp_path / "venv")
    python = venv_python(tmp_path / "venv")
    run(UV, "pip", "install", "-q", "--python", python, wheel)
    for kind, value in expected_entry_points(answers("all_kinds")).items():
        seen = consume(python, kind, "toolkit")
        assert seen["imported_by_listing"] == []
        assert seen["loaded"] == value


@pytest.mark.parametrize(
    "extra",
    [*({"build_backend": backend} for backend in BACKENDS), {"with_pre_commit": False}],
    ids=[*BACKENDS, "no-pre-commit"],
)
def test_publish_sp_repo_review_passes_or_says_why(template: Path, tmp_path: Path, extra: dict[str, object]) -> None:
    """Scientific Python's repo-review: every check passes, except those listed with
    a reason in the generated pyproject's [tool.repo-review.ignore]."""
    project = render(template, tmp_path / "rag4code-toolkit", **answers("all_kinds"), **extra)
    report = json.loads(run(BIN / "sp-repo-review", "--format", "json", project).stdout)
    failed = {code: check["description"] for code, check in report["checks"].items() if check["result"] is False}
    assert failed == {}
    ignored = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["tool"]["repo-review"]
    for code, reason in ignored["ignore"].items():
        assert report["checks"][code]["skip_reason"] == reason, code


@pytest.mark.parametrize(
    ("url", "issues", "changelog"),
    [
        ("https://github.com/jane/rag4code-qdrant", "/issues", "/blob/main/CHANGELOG.md"),
        ("https://gitlab.com/jane/tools/rag4code-qdrant", "/-/issues", "/-/blob/main/CHANGELOG.md"),
    ],
)
def test_publish_project_urls_link_back_to_the_repository(
    template: Path, tmp_path: Path, url: str, issues: str, changelog: str
) -> None:
    project = render(template, tmp_path / "rag4code-qdrant", only=("pyproject.toml",), repository_url=url)
    metadata = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert metadata["urls"] == {"Source": url, "Issues": url + issues, "Changelog": url + changelog}


def test_publish_without_repository_url_declares_no_urls(rendered: Path) -> None:
    metadata = tomlkit.parse((rendered / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert "urls" not in metadata


def test_publish_after_copy_message_gives_next_steps(template_repo: Path, tmp_path: Path) -> None:
    dst = tmp_path / "rag4code-qdrant"
    result = run(BIN / "copier", "copy", "--defaults", "--vcs-ref", "v0.0.1", template_repo, dst)
    message = result.stdout + result.stderr
    for step in (f"cd {dst}", "uv run pytest", "src/rag4code_qdrant/", "trusted publishing", "copier update"):
        assert step in message, step


def test_publish_readme_has_the_sections_an_author_needs(rendered: Path) -> None:
    headings = [
        line[3:] for line in (rendered / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("## ")
    ]
    for section in (
        "Install",
        "Use from rag4code",
        "Configure",
        "Develop",
        "Contract tests",
        "Updating from the template",
        "Release",
    ):
        assert section in headings, section
