"""Session fixtures: one versioned snapshot of the template and one render per
answer set, shared read-only by the tests of a worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import render, snapshot_template


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template working tree as a git repo tagged v0.0.1."""
    return snapshot_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def rendered(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """rag4code-qdrant rendered on defaults (vector_db). Read-only: copy it to change it."""
    return render(template, tmp_path_factory.mktemp("render") / "rag4code-qdrant")
