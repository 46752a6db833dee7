"""Server-backed plugins, proven against a real server: a Chroma server
(`chroma run`, from the chromadb package) and a correct server-mode adapter
over it (tests/engines/chroma/: _chroma.py and server.py), swapped into a plugin
rendered with `backend=server`. The generated suite, unchanged, passes
against it with no skip, also twice at once against the same server; and with
no server where the URL variable points, the run stops once, before any test,
saying what to do."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import PYTEST, chroma_server, clean_env, free_port, make_venv, render, run, run_suite

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("server")]
CHROMA = Path(__file__).with_name("engines") / "chroma"
CLIENT = ("chromadb-client==1.5.9",)  # the HTTP client only, as an author's plugin would depend on


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server for this module's tests, on a free port (session-scoped,
    so that tests of other modules running in between do not restart it)."""
    with chroma_server(tmp_path_factory.mktemp("chroma")) as url:
        yield url


@pytest.fixture(scope="session")
def plugin(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """rag4code-demo (vector_db, backend=server) with the Chroma adapter swapped in."""
    root = tmp_path_factory.mktemp("server-plugin")
    project = render(template, root / "rag4code-demo", plugin_name="demo", kinds=["vector_db"], backend="server")
    package = project / "src/rag4code_demo"
    (package / "adapter.py").rename(package / "_reference.py")
    shutil.copyfile(CHROMA / "_chroma.py", package / "_chroma.py")
    shutil.copyfile(CHROMA / "server.py", package / "adapter.py")
    return project, make_venv(root / ".venv", project, editable=True, extra=CLIENT)


def test_server_generated_suite_passes_against_a_real_server(
    plugin: tuple[Path, Path], chroma_url: str, tmp_path: Path
) -> None:
    project, python = plugin
    result = run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=chroma_url)
    counts = result.counts
    assert result.returncode == 0, f"{sorted(result.failed)}\n{result.output}"
    assert counts["failures"] == counts["errors"] == counts["skipped"] == 0, counts
    assert counts["tests"] >= 90, counts


def test_server_two_runs_at_once_never_see_each_other(
    plugin: tuple[Path, Path], chroma_url: str, tmp_path: Path
) -> None:
    """Each instance works in a namespace unique to its run: two runs of the
    suite (all but its slowest tests) against one server at once both pass."""
    project, python = plugin
    env = clean_env(RAG4CODE_DEMO_URL=chroma_url)
    runs = [
        subprocess.Popen(
            [python, *PYTEST, "-k", "not model and not thousands", f"--junitxml={tmp_path / f'run{i}.xml'}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for i in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], "\n\n".join(outputs)


def test_server_down_stops_the_run_once_saying_what_to_do(plugin: tuple[Path, Path], tmp_path: Path) -> None:
    """The URL variable points where no server runs: one message naming the
    URL (its password as ***), how to start the service and the variable,
    before any test; no connection traceback per test (and chromadb's own
    ValueError on connect never comes into it)."""
    project, python = plugin
    port = free_port()
    url = f"http://rag4code:s3cret-pw@127.0.0.1:{port}"
    result = run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=url)
    assert result.returncode != 0
    shown = f"http://rag4code:***@127.0.0.1:{port}"
    assert result.output.count(f"No service answers at {shown} (from RAG4CODE_DEMO_URL)") == 1, result.output
    assert "s3cret-pw" not in result.output
    assert "docker compose up -d --wait" in result.output
    assert "or set RAG4CODE_DEMO_URL to the URL where it runs" in result.output
    assert result.counts["failures"] == result.counts["errors"] == 0
    assert "Traceback" not in result.output
    assert " passed" not in result.output
    assert " failed" not in result.output


def test_server_support_messages_show_a_url_password_as_stars(plugin: tuple[Path, Path]) -> None:
    """support.service_url's error, and redact_url() for an adapter's own
    messages: the password is `***`, everything else as given."""
    _, python = plugin
    code = (
        "from rag4code_demo.support import redact_url, service_url\n"
        "try:\n    service_url('ftp://me:s3cret-pw@db.example:21/x', 'V', 'http://localhost')\n"
        "except ValueError as error:\n    print(error)\n"
        "for url in ['postgresql://me:p@ss/w#rd@db:5432/x?y=1', 'http://me@h/', 'http://h/?to=a:b@c', 'nourl']:\n"
        "    print(redact_url(url))\n"
    )
    lines = run(python, "-c", code).stdout.splitlines()
    assert lines == [
        "the service URL must be http(s)://host[:port], got 'ftp://me:***@db.example:21/x' from url=",
        "postgresql://me:***@db:5432/x?y=1",
        "http://me@h/",
        "http://h/?to=a:b@c",
        "nourl",
    ]
