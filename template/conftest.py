"""pytest set-up of the rag4code contract suites.

Template-owned: `copier update` refreshes this file; do not edit it (your own
fixtures and hooks go in tests/conftest.py). It loads the contract plugin, which
turns a skipped contract test into a failure, for every run of this project's
tests, whatever tests/conftest.py says.
"""

pytest_plugins = ["tests.contract.plugin"]
