"""pytest plugin of the rag4code contract suites.

Template-owned: refreshed by `copier update`; do not edit. Loaded by the
template-owned conftest.py at the project root (`pytest_plugins`).

Contract tests never skip: API v1 has no optional capabilities, so a skipped
contract test is a hidden failure (a class-wide `@pytest.mark.skip`, a
`pytest.skip()` in a fixture or a `skipif` would turn the suite green without
running it). The only sanctioned exception is
`@pytest.mark.xfail(strict=True, reason=...)`.

A suite whose backend runs as a server names its URL variable
(`service_url_variable`); when that variable is set and nothing accepts a TCP
connection at the URL's host and port (any scheme: `http`, `postgresql`,
`redis`...), the run stops once, before any test, saying so (a password in
the URL shown as `***`), instead of failing every test with a connection
traceback.

A suite for a hosted API (`api_key_variable`) runs through recorded HTTP:
tests/contract/cassettes.py, rendered for such plugins (backend=cloud), does
that. The hook `pytest_rag4code_child_env` lets it record what a contract test's
child process sends; it does nothing in other plugins.
"""

from __future__ import annotations

import importlib
import os
import socket
from collections.abc import Generator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.contract.base import manifest, suite_of

CASSETTES_PLUGIN = "tests.contract.cassettes"
"""The plugin that records and replays a hosted API's HTTP (backend=cloud)."""


class ContractHooks:
    """Hooks the contract suites call, implemented by the plugins that need them."""

    @pytest.hookspec(firstresult=True)
    def pytest_rag4code_child_env(
        self, request: pytest.FixtureRequest
    ) -> dict[str, str] | None:
        """Environment variables for a child process that the test of `request`
        starts (the embedder's fresh-process test), or None: none by default.

        `RAG4CODE_CHILD_CONTEXT` set to "module:function" (importable from the
        folder `RAG4CODE_CHILD_PROJECT`) makes the child run inside the context
        manager that function returns: tests/contract/cassettes.py records or
        replays the child's HTTP that way.
        """


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    """Declare the contract suites' own hooks (`ContractHooks`)."""
    pluginmanager.add_hookspecs(ContractHooks)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skipped contract test is a failure."""
    report = yield
    if (
        suite_of(item) is not None
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped, but rag4code contract tests may not be"
            " skipped: every rule of API v1 applies to every plugin. Remove the"
            " skip; to accept a known failure, override the test with"
            ' @pytest.mark.xfail(strict=True, reason="...").'
        )
    return report


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before any test runs: each service the selected suites use answers, and
    a hosted-API suite has the plugin that records its HTTP."""
    suites = {suite for item in session.items if (suite := suite_of(item)) is not None}
    hosted = sorted(s.__name__ for s in suites if s.api_key_variable)
    if hosted and not session.config.pluginmanager.has_plugin(CASSETTES_PLUGIN):
        raise pytest.UsageError(
            f"{', '.join(hosted)} set api_key_variable, which runs the suite"
            " through recorded HTTP, but this plugin was not generated for a"
            " hosted API: tests/contract/cassettes.py, which records, is missing."
            " Render the plugin with -d backend=cloud, or remove api_key_variable."
        )
    services = {s.service_url_variable for s in suites if s.service_url_variable}
    for variable in sorted(services):
        url = os.environ.get(variable)
        if url and (problem := unreachable(url)):
            pytest.exit(
                f"No service answers at {_redacted(url)} (from {variable}):"
                f" {problem}. Start it with `docker compose up -d --wait`"
                f" (compose.yaml), or set {variable} to the URL where it runs.",
                returncode=pytest.ExitCode.TESTS_FAILED,
            )


def _redacted(url: str) -> str:
    """`url`, its password shown as `***`, by the plugin's service module
    (src/<package>/support/service.py, which the manifest names); a plugin
    generated without one (backend=embedded) shows no URL."""
    found = [name for name in manifest() if name.endswith("/support/service.py")]
    if not found:
        return "the URL"
    module = importlib.import_module(".".join(Path(found[0]).with_suffix("").parts[1:]))
    shown: str = module.redact_url(url)
    return shown


DEFAULT_PORTS = {
    "http": 80,
    "https": 443,
    "ws": 80,
    "wss": 443,
    "postgres": 5432,
    "postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "redis": 6379,
    "rediss": 6379,
    "valkey": 6379,
    "mongodb": 27017,
    "amqp": 5672,
    "amqps": 5671,
    "nats": 4222,
    "memcached": 11211,
}
"""The port a URL without one means, by scheme (`postgresql+psycopg` is
`postgresql`); a scheme not listed here needs its port in the URL."""


def unreachable(url: str, timeout: float = 5.0) -> str | None:
    """Why nothing accepts a TCP connection at `url`'s host and port, or None.

    Whatever the scheme (`http`, `postgresql`, `redis`, `grpc`...): plain
    sockets, so the check does not depend on the backend's client or its
    exception types. A URL without a port uses its scheme's (`DEFAULT_PORTS`).
    """
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.partition("+")[0])
    except ValueError as error:
        return f"its port is not valid ({error})"
    if not parts.scheme or not parts.hostname:
        return "it is not a scheme://host[:port] URL"
    if port is None:
        return f"it names no port, and {parts.scheme}:// has no usual one: add it"
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except (OSError, ValueError) as error:  # ValueError: a host IDNA cannot encode
        return f"{type(error).__name__}: {error}"
