"""The oldest copier the template declares (`_min_copier_version`) renders
every answer set exactly as the newest one does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import (
    REPO,
    SCENARIOS,
    UV,
    answers,
    change_readme_only,
    commit_all,
    edit,
    release,
    rendered_files,
    run,
    venv_python,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("copier-versions")]
MIN_COPIER = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))["_min_copier_version"]


@pytest.fixture(scope="session")
def oldest_copier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding copier == _min_copier_version; returns its copier command."""
    venv = tmp_path_factory.mktemp("copier-min") / ".venv"
    run(UV, "venv", "-q", "--python", sys.executable, venv)
    run(UV, "pip", "install", "-q", "--python", venv_python(venv), f"copier=={MIN_COPIER}")
    return venv_python(venv).parent / "copier"


@pytest.mark.parametrize("scenario_name", SCENARIOS)
def test_copier_oldest_supported_version_renders_identically(
    oldest_copier: Path, template_repo: Path, tmp_path: Path, scenario_name: str
) -> None:
    renders = {}
    for label, copier in (("oldest", oldest_copier), ("newest", Path(sys.executable).parent / "copier")):
        dst = tmp_path / label / "rag4code-plugin"
        data_file = tmp_path / "answers.yml"
        data_file.write_text(yaml.safe_dump(answers(scenario_name)), encoding="utf-8")
        run(copier, "copy", "--defaults", "--vcs-ref", "v0.0.1", "--data-file", data_file, template_repo, dst)
        renders[label] = dst
    oldest, newest = renders["oldest"], renders["newest"]
    assert rendered_files(oldest) == rendered_files(newest)
    for name in rendered_files(newest):
        assert (oldest / name).read_bytes() == (newest / name).read_bytes(), name


def test_copier_oldest_supported_version_updates_a_plugin(
    oldest_copier: Path, template_repo: Path, tmp_path: Path
) -> None:
    """`copier update` with the oldest supported copier brings a template change
    and keeps an author's edit."""
    repo = release(template_repo, tmp_path, change_readme_only)
    dst = tmp_path / "rag4code-qdrant"
    run(oldest_copier, "copy", "--defaults", "--vcs-ref", "v0.0.1", repo, dst)
    commit_all(dst, "generated", init=True)
    edit(dst / "README.md", "## Install\n", "## Install\n\nThe author's own paragraph.\n")
    commit_all(dst, "author edit")
    run(oldest_copier, "update", "--defaults", "--vcs-ref", "v0.0.2", cwd=dst)
    readme = (dst / "README.md").read_text(encoding="utf-8")
    assert "## Support" in readme
    assert "The author's own paragraph." in readme
