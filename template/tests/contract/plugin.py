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
the URL, the run stops once, before any test, saying so, instead of failing
every test with a connection traceback.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Generator
from urllib.parse import urlsplit

import pytest

from tests.contract.base import ContractSuite


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Report a skipped contract test as failed, saying what to do instead."""
    report = yield
    cls = getattr(item, "cls", None)
    is_contract = cls is not None and issubclass(cls, ContractSuite)
    if is_contract and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped, but rag4code contract tests may not be"
            " skipped: every rule of API v1 applies to every plugin. Remove the"
            " skip; to accept a known failure, override the test with"
            ' @pytest.mark.xfail(strict=True, reason="...").'
        )
    return report


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before any test runs: each service the selected suites use answers."""
    variables = {
        variable
        for item in session.items
        if isinstance(cls := getattr(item, "cls", None), type)
        and issubclass(cls, ContractSuite)
        and (variable := cls.service_url_variable)
    }
    for variable in sorted(variables):
        url = os.environ.get(variable)
        if url and (problem := unreachable(url)):
            pytest.exit(
                f"No service answers at {url} (from {variable}): {problem}."
                " Start it with `docker compose up -d --wait` (compose.yaml),"
                f" or set {variable} to the URL where it runs.",
                returncode=pytest.ExitCode.TESTS_FAILED,
            )


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
