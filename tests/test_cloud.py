"""Cloud (hosted API) plugins, proven against a real server standing in for
the API: a plugin rendered with `backend=cloud` whose service_url is a local
`chroma run`, with a correct adapter that sends its key as headers
(tests/engines/chroma/: _chroma.py and cloud.py). Its suite is recorded once
with the server up and a fake key set; then, with the server stopped and no
key, the unchanged suite passes from the cassettes, the key is in no file, a
missing cassette fails saying how to record it, and a leaked credential header
fails the cassette check. The same for an embedder over a hosted embeddings
API (tests/engines/api/), whose fresh-process test replays in the child too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import (
    ENGINES,
    api_embedder,
    assert_green,
    chroma_server,
    fake_embedding_api,
    render,
    run_suite,
    swap_in,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cloud")]
CHROMA = ENGINES / "chroma"
CLIENT = ("chromadb-client==1.5.9",)
FAKE_KEY = "sk-rag4code-fake-4f1c9e27d0b3"  # what a real key looks like, to search for
KEY_VARIABLE = "RAG4CODE_DEMO_API_KEY"


@pytest.fixture(scope="session")
def recorded(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The cloud plugin, its suite recorded against a live server with the fake
    key; the server is stopped once recording is done."""
    root = tmp_path_factory.mktemp("cloud")
    with chroma_server(root) as url:
        project = render(
            template, root / "rag4code-demo", plugin_name="demo", kinds=["vector_db"], backend="cloud", service_url=url
        )
        adapter = {"adapter.py": CHROMA / "cloud.py", "_chroma.py": CHROMA / "_chroma.py"}
        python = swap_in(project, adapter, root / ".venv", extra=CLIENT)
        result = run_suite(python, project, root / "record.xml", "--record-mode=rewrite", **{KEY_VARIABLE: FAKE_KEY})
        assert result.returncode == 0, f"recording failed {sorted(result.failed)}:\n{result.output}"
    return project, python


def cassettes(project: Path) -> list[Path]:
    return sorted((project / "tests/cassettes").rglob("*.yaml"))


def test_cloud_replays_the_unchanged_suite_with_no_server_and_no_key(
    recorded: tuple[Path, Path], tmp_path: Path
) -> None:
    project, python = recorded
    assert len(cassettes(project)) >= 50  # one per test that talks to the API
    assert_green(run_suite(python, project, tmp_path / "replay.xml"), min_tests=90)


def test_cloud_fake_key_is_written_into_no_file(recorded: tuple[Path, Path]) -> None:
    project, _ = recorded
    holding = [p for p in project.rglob("*") if p.is_file() and FAKE_KEY.encode() in p.read_bytes()]
    assert holding == []
    assert b"authorization" not in b"".join(p.read_bytes().lower() for p in cassettes(project))


def test_cloud_request_without_a_cassette_fails_saying_how_to_record(
    recorded: tuple[Path, Path], tmp_path: Path
) -> None:
    project, python = recorded
    [cassette] = [p for p in cassettes(project) if "test_count_empty_store_is_zero" in p.name]
    saved = cassette.read_bytes()
    cassette.unlink()
    try:
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", "test_count_empty_store_is_zero")
    finally:
        cassette.write_bytes(saved)
    assert result.failed == {"test_count_empty_store_is_zero"}, result.output
    assert "made an HTTP request that no cassette in tests/cassettes/ holds" in result.output
    assert f"`{KEY_VARIABLE}=<your key> uv run pytest --record-mode=rewrite`" in result.output
    assert result.counts["skipped"] == 0


def test_cloud_credential_header_in_a_cassette_fails_the_check(recorded: tuple[Path, Path], tmp_path: Path) -> None:
    project, python = recorded
    cassette = cassettes(project)[0]
    saved = cassette.read_text(encoding="utf-8")
    cassette.write_text(
        saved.replace("    headers:\n", "    headers:\n      Authorization:\n      - Bearer leaked\n", 1)
    )
    try:
        result = run_suite(python, project, tmp_path / "junit.xml", "-k", "cassettes")
    finally:
        cassette.write_text(saved, encoding="utf-8")
    assert result.failed == {"test_cassettes_hold_no_credential_header_or_parameter"}, result.output
    assert "authorization" in result.output


@pytest.fixture(scope="session")
def recorded_embedder(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cloud embedder plugin over a hosted embeddings API (a 96-input request
    limit, a bearer key), recorded once with the API up; then the API stops."""
    root = tmp_path_factory.mktemp("cloud-embedder")
    with fake_embedding_api() as url:
        project, python = api_embedder(template, root, url)
        result = run_suite(python, project, root / "record.xml", "--record-mode=rewrite", **{KEY_VARIABLE: FAKE_KEY})
        assert result.returncode == 0, f"recording failed {sorted(result.failed)}:\n{result.output}"
    return project, python


def test_cloud_embedder_replays_with_no_api_and_no_key(recorded_embedder: tuple[Path, Path], tmp_path: Path) -> None:
    """Also the fresh-process test, whose child process replays a cassette of
    its own; and reading `dimension` makes one request (the adapter learns it
    from the API), which the contract allows and the cassettes replay."""
    project, python = recorded_embedder
    assert any(p.name.endswith(".child.yaml") for p in cassettes(project))
    [cassette] = [p for p in cassettes(project) if "test_dimension_is_positive_int" in p.name]
    [probe] = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]
    assert json.loads(probe["request"]["body"])["input"] == ["dimension"], probe
    assert_green(run_suite(python, project, tmp_path / "replay.xml"))
    holding = [p for p in project.rglob("*") if p.is_file() and FAKE_KEY.encode() in p.read_bytes()]
    assert holding == []
