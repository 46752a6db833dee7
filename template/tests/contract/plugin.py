"""pytest plugin of the rag4code contract suites.

Template-owned: refreshed by `copier update`; do not edit. Loaded by the
template-owned conftest.py at the project root (`pytest_plugins`).

Contract tests never skip: API v1 has no optional capabilities, so a skipped
contract test is a hidden failure (a class-wide `@pytest.mark.skip`, a
`pytest.skip()` in a fixture or a `skipif` would turn the suite green without
running it). The only sanctioned exception is
`@pytest.mark.xfail(strict=True, reason=...)`.

A suite whose backend runs as a server names its URL variable
(`service_url_variable`); when that variable is set and nothing answers at
the URL, the run stops once, before any test, saying so (a password in the
URL shown as `***`), instead of failing every test with a connection
traceback.

A suite for a hosted API names its key variable (`api_key_variable`): its
tests then run through pytest-recording, replaying tests/cassettes/ (no key,
no network) unless `--record-mode=rewrite` records them again. Credentials
are filtered out of every recording; a request no cassette holds fails with
the command that records it; a run that wrote the key into a cassette fails.
"""

from __future__ import annotations

import importlib
import os
import socket
from collections.abc import Generator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.contract.base import PROJECT, ContractSuite, manifest

CASSETTES = PROJECT / "tests" / "cassettes"
#: Request headers and parameters that carry credentials: never recorded.
CREDENTIAL_HEADERS = (
    "authorization",
    "proxy-authorization",
    "api-key",
    "x-api-key",
    "x-goog-api-key",
    "x-auth-token",
    "x-chroma-token",
    "cookie",
)
CREDENTIAL_PARAMETERS = ("key", "api_key", "apikey", "api-key", "token", "access_token")


def _suite(item: pytest.Item) -> type[ContractSuite] | None:
    """The contract suite class a collected test belongs to, if any."""
    cls = getattr(item, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, ContractSuite) else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skipped contract test is a failure; a request no cassette holds says
    how to record it."""
    report = yield
    suite = _suite(item)
    if suite is None:
        return report
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped, but rag4code contract tests may not be"
            " skipped: every rule of API v1 applies to every plugin. Remove the"
            " skip; to accept a known failure, override the test with"
            ' @pytest.mark.xfail(strict=True, reason="...").'
        )
    elif report.failed and call.excinfo and _is_missing_recording(call.excinfo.value):
        report.longrepr = (
            f"{item.nodeid} made an HTTP request that no cassette in"
            " tests/cassettes/ holds. Record the cassettes against the live API:"
            f" `{suite.api_key_variable}=<your key> uv run pytest"
            " --record-mode=rewrite`, check them (`uv run pytest` replays them),"
            f" then commit tests/cassettes/.\n\n{report.longrepr}"
        )
    return report


def _is_missing_recording(error: BaseException | None) -> bool:
    """True when vcrpy refused a request it has no recording of, even if the
    backend's client wrapped that error in its own."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__name__ == "CannotOverwriteExistingCassetteException":
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of a hosted-API suite runs through its cassette."""
    for item in items:
        suite = _suite(item)
        if suite is not None and suite.api_key_variable:
            item.add_marker(pytest.mark.vcr)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """What pytest-recording records: never a credential header or parameter."""
    return {
        "filter_headers": list(CREDENTIAL_HEADERS),
        "filter_query_parameters": list(CREDENTIAL_PARAMETERS),
        "filter_post_data_parameters": list(CREDENTIAL_PARAMETERS),
        "decode_compressed_response": True,
    }


REPLAY_KEY = "rag4code-replay-placeholder"
"""The key a replaying run gives adapters whose variable is unset: clients can
be built as with a real key, and vcrpy answers every request from the
cassettes (a request with no recording fails, saying how to record it)."""


def _replaying(config: pytest.Config) -> bool:
    """True unless this run records (`--record-mode` other than none) or talks
    to the live API (`--disable-recording`)."""
    mode = config.getoption("--record-mode", default=None) or "none"
    return mode == "none" and not config.getoption("--disable-recording", default=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """After recording: fail the run if a key ended up in a cassette."""
    variables = {
        suite.api_key_variable
        for item in session.items
        if (suite := _suite(item)) is not None and suite.api_key_variable
    }
    for variable in sorted(variables):
        key = os.environ.get(variable)
        if key == REPLAY_KEY:  # set by this plugin for the replay: unset it
            del os.environ[variable]
            continue
        leaks = [path for path in cassette_files() if key and key in _text(path)]
        if leaks:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
            reporter = session.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(
                    f"The value of {variable} is in {', '.join(map(str, leaks))}:"
                    " delete those cassettes, add the header or parameter that"
                    " carried it to the filters, and record again.",
                    red=True,
                )


def cassette_files() -> list[Path]:
    """Every recorded cassette of this project."""
    return sorted(CASSETTES.rglob("*.yaml")) if CASSETTES.is_dir() else []


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before any test runs: each service the selected suites use answers, and
    a replaying hosted-API suite has a key to build its client with."""
    suites = {suite for item in session.items if (suite := _suite(item)) is not None}
    services = {s.service_url_variable for s in suites if s.service_url_variable}
    for variable in sorted(services):
        url = os.environ.get(variable)
        if url and (problem := unreachable(url)):
            pytest.exit(
                f"No service answers at {_support().redact_url(url)} (from"
                f" {variable}): {problem}."
                " Start it with `docker compose up -d --wait` (compose.yaml),"
                f" or set {variable} to the URL where it runs.",
                returncode=pytest.ExitCode.TESTS_FAILED,
            )
    if _replaying(session.config):
        for variable in {s.api_key_variable for s in suites if s.api_key_variable}:
            os.environ.setdefault(variable, REPLAY_KEY)


def _support() -> Any:
    """The plugin's support module (tests/contract/manifest.json names its file)."""
    [name] = [name for name in manifest() if name.endswith("/support.py")]
    return importlib.import_module(".".join(Path(name).with_suffix("").parts[1:]))


def unreachable(url: str, timeout: float = 5.0) -> str | None:
    """Why nothing accepts a TCP connection at `url`'s host and port, or None.

    Plain sockets, so the check does not depend on the backend's client or its
    exception types.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "it is not an http(s)://host[:port] URL"
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except (OSError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
