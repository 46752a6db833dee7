"""Fixtures and plugins for this project's tests. Yours to edit: `copier update`
never touches this file, but keep the contract plugin listed."""

pytest_plugins = ["tests.contract.plugin"]
