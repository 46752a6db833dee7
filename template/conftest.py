"""pytest set-up of the rag4code contract suites.

Template-owned: `copier update` refreshes this file; do not edit it (your own
fixtures and hooks go in tests/conftest.py). It loads the contract plugins for
every run of this project's tests, whatever tests/conftest.py says: one turns a
skipped contract test into a failure, the other fails a run that did not run
every contract test. They cannot be switched off with `-p no:...`.
"""

import pytest

pytest_plugins = ["tests.contract.plugin", "tests.contract.completeness"]


def pytest_configure(config: pytest.Config) -> None:
    """Stop a run that blocks a contract plugin (`-p no:...`) at once."""
    if blocked := [n for n in pytest_plugins if not config.pluginmanager.has_plugin(n)]:
        raise pytest.UsageError(
            f"the rag4code contract plugins cannot be switched off: remove"
            f" {' '.join(f'-p no:{name}' for name in blocked)} from the command"
            " line, addopts or PYTEST_ADDOPTS."
        )
