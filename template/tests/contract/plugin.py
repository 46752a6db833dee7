"""pytest plugin of the rag4code contract suites: contract tests never skip.

Template-owned: refreshed by `copier update`; do not edit. Loaded by the
template-owned conftest.py at the project root (`pytest_plugins`).

API v1 has no optional capabilities, so a skipped contract test is a hidden
failure: a class-wide `@pytest.mark.skip`, a `pytest.skip()` in a fixture or a
`skipif` would otherwise turn the suite green without running it. The only
sanctioned exception is `@pytest.mark.xfail(strict=True, reason=...)`.
"""

from __future__ import annotations

from collections.abc import Generator

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
