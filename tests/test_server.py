"""Server-backed plugins, proven against a real server: a Chroma server
(`chroma run`, from the chromadb package) and a correct server-mode adapter
over it (tests/engines/chroma/: _chroma.py and server.py), swapped into a plugin
rendered with `backend=server`. The generated suite, unchanged, passes
against it with no skip, also twice at once against the same server; and with
no server where the URL variable points, the run stops once, before any test,
saying what to do."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import (
    ENGINES,
    assert_green,
    assert_stopped_before_any_test,
    chroma_server,
    free_port,
    render,
    run,
    run_suite,
    run_suites_at_once,
    swap_in,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("server")]
CHROMA = ENGINES / "chroma"
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
    adapter = {"adapter.py": CHROMA / "server.py", "_chroma.py": CHROMA / "_chroma.py"}
    return project, swap_in(project, adapter, root / ".venv", extra=CLIENT)


def test_server_generated_suite_passes_against_a_real_server(
    plugin: tuple[Path, Path], chroma_url: str, tmp_path: Path
) -> None:
    project, python = plugin
    assert_green(run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=chroma_url), min_tests=90)


def test_server_two_runs_at_once_never_see_each_other(
    plugin: tuple[Path, Path], chroma_url: str, tmp_path: Path
) -> None:
    """Each instance works in a namespace unique to its run: two runs of the
    suite (all but its slowest tests) against one server at once both pass."""
    project, python = plugin
    reports = [tmp_path / "run0.xml", tmp_path / "run1.xml"]
    runs = run_suites_at_once(
        python, project, reports, "-k", "not model and not thousands", RAG4CODE_DEMO_URL=chroma_url
    )
    for suite in runs:
        assert_green(suite)


@pytest.mark.parametrize(
    "url", ["http://rag4code:s3cret-pw@127.0.0.1:{port}", "postgresql://rag4code:s3cret-pw@127.0.0.1:{port}/postgres"]
)
def test_server_down_stops_the_run_once_saying_what_to_do(plugin: tuple[Path, Path], tmp_path: Path, url: str) -> None:
    """The URL variable points where no server runs, whatever its scheme: one
    message naming the URL (its password as ***), how to start the service and
    the variable, before any test; no connection traceback per test (and
    chromadb's own ValueError on connect never comes into it)."""
    project, python = plugin
    url = url.format(port=free_port())
    result = run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=url)
    assert_stopped_before_any_test(result, url, "s3cret-pw")


def test_server_precheck_opens_a_tcp_connection_whatever_the_scheme(plugin: tuple[Path, Path]) -> None:
    """The pre-check (tests/contract/plugin.py) connects to the URL's host and
    port, any scheme; a URL without a port uses its scheme's usual one, and one
    whose scheme has none is refused, saying so."""
    project, python = plugin
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port, dead = listener.getsockname()[1], free_port()
        code = (
            "from tests.contract.plugin import DEFAULT_PORTS, unreachable\n"
            f"print(unreachable('postgresql://me:pw@127.0.0.1:{port}/postgres'))\n"
            f"print(unreachable('grpc://localhost:{port}'))\n"
            f"print(unreachable('redis://127.0.0.1:{dead}/0').split(':')[0])\n"
            "print(unreachable('grpc://localhost'))\n"
            "print(unreachable('localhost:5432'))\n"
            "print(DEFAULT_PORTS['postgresql'], DEFAULT_PORTS['redis'], DEFAULT_PORTS['mongodb'])\n"
        )
        lines = run(python, "-c", code, cwd=project).stdout.splitlines()
    assert lines == [
        "None",
        "None",
        "ConnectionRefusedError",
        "it names no port, and grpc:// has no usual one: add it",
        "it is not a scheme://host[:port] URL",
        "5432 6379 27017",
    ]


def test_server_support_messages_show_a_url_password_as_stars(plugin: tuple[Path, Path]) -> None:
    """support.service_url's error, redact_url() for an adapter's own
    messages and connection_errors(): the password is `***`, everything else
    as given; any scheme with a host is a service URL."""
    _, python = plugin
    code = (
        "from rag4code_demo.support import connection_errors, redact_url, service_url\n"
        "try:\n    service_url('postgresql://me:s3cret-pw@/x', 'V', 'http://localhost')\n"
        "except ValueError as error:\n    print(error)\n"
        "for url in ['postgresql://me:p@ss/w#rd@db:5432/x?y=1', 'http://me@h/', 'http://h/?to=a:b@c', 'nourl']:\n"
        "    print(redact_url(url))\n"
        "for url in ['postgresql://postgres@localhost:5432/postgres/', 'redis://localhost:6379/0', 'http://h:1/?q=/']:\n"
        "    print(service_url(url, 'V', 'http://localhost'))\n"
        "class DriverError(Exception):\n    pass\n"
        "for url, error in [('postgresql://me:s3cret-pw@127.0.0.1:1/db', DriverError('password s3cret-pw failed')),\n"
        "                   ('redis://127.0.0.1:1/0', ConnectionRefusedError(111, 'refused'))]:\n"
        "    try:\n        with connection_errors(url, DriverError):\n            raise error\n"
        "    except ConnectionError as wrapped:\n        print(wrapped, '|', repr(wrapped.__cause__))\n"
        "try:\n    with connection_errors('redis://127.0.0.1:1/0', DriverError):\n        raise KeyError('x')\n"
        "except KeyError as error:\n    print('KeyError passes through')\n"
    )
    lines = run(python, "-c", code).stdout.splitlines()
    assert lines == [
        "the service URL must be scheme://host[:port][/path], got 'postgresql://me:***@/x' from url=",
        "postgresql://me:***@db:5432/x?y=1",
        "http://me@h/",
        "http://h/?to=a:b@c",
        "nourl",
        "postgresql://postgres@localhost:5432/postgres",
        "redis://localhost:6379/0",
        "http://h:1/?q=/",
        "cannot reach the service at postgresql://me:***@127.0.0.1:1/db: password *** failed | None",
        "cannot reach the service at redis://127.0.0.1:1/0: [Errno 111] refused | ConnectionRefusedError(111, 'refused')",
        "KeyError passes through",
    ]
