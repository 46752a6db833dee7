"""The rendered plugin really installs into a fresh venv (wheel and editable),
a consumer that only knows the entry-point group finds it lazily and uses it,
and the plugin's own test suite, lint and type checks pass in that venv."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import make_venv, run

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("qdrant")]
CONSUMER = Path(__file__).with_name("consumer.py")
MIN_CONTRACT_TESTS = 50


@pytest.fixture(scope="session", params=["wheel", "editable"])
def plugin_python(request: pytest.FixtureRequest, rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with rag4code-qdrant installed as a wheel or editable."""
    venv = tmp_path_factory.mktemp(f"venv-{request.param}") / ".venv"
    return make_venv(venv, rendered, editable=request.param == "editable")


def test_install_consumer_finds_plugin_lazily_and_uses_it(plugin_python: Path) -> None:
    seen = json.loads(run(plugin_python, CONSUMER, "rag4code.vector_db", "qdrant", "rag4code_qdrant").stdout)
    assert seen["listed"] == {"qdrant": "rag4code_qdrant.adapter:QdrantAdapter"}
    assert seen["imported_by_listing"] == []
    assert seen["loaded"] == "rag4code_qdrant.adapter:QdrantAdapter"
    assert seen["used"] == {
        "api_version": 1,
        "hits": [["src/a.py#L1-L9", pytest.approx(0.993884), {"lang": "py"}]],
        "count": 2,
    }


def test_install_generated_suite_passes_without_skips(plugin_python: Path, rendered: Path, tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    run(plugin_python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", cwd=rendered)
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    counts = {key: int(suite.get(key, "0")) for key in ("tests", "failures", "errors", "skipped")}
    assert counts["failures"] == counts["errors"] == counts["skipped"] == 0, counts
    assert counts["tests"] >= MIN_CONTRACT_TESTS, counts


@pytest.mark.parametrize("check", [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"]], ids=" ".join)
def test_install_generated_project_passes_lint_and_types(plugin_python: Path, rendered: Path, check: list[str]) -> None:
    run(plugin_python, "-m", *check, cwd=rendered)
