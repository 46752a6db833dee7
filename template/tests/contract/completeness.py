"""pytest plugin that makes a green run mean: every contract test ran.

Template-owned: refreshed by `copier update`; do not edit. Loaded by the
template-owned conftest.py at the project root, and by
tests/contract/test_discovery.py should pytest not load that conftest.py
(`--noconftest`).

A line of configuration can stop contract tests from running without failing
anything: `-k` or `--deselect` in `addopts`, `collect_ignore`,
`python_classes`, `__test__ = False`, a hook that drops tests or marks them
xfail, a pytest.ini that pytest reads instead of pyproject.toml. So this
plugin knows every contract test of the kinds this plugin provides
(manifest.json's `kinds`; each kind's suite class, its tests and their
parameters), and a run that is otherwise green fails, naming the contract
tests that did not run, unless each kind has a test class in which every
contract test passed (or failed as your override marked it, with
`@pytest.mark.xfail(strict=True, reason=...)`) and every test class that ran
part of a contract ran all of it. An xfail on a contract test from anywhere
else (a hook, a class or module mark, `pytest.xfail()`), or one that is not
strict with a reason, fails that test. pytest must read its settings from
the project's pyproject.toml, with `strict = true`.

A run narrowed on the command line for focused work (`-k`, `-m`,
`--deselect`, `--lf`, `--sw`, `--ignore`, a test file or node id; not `tests`
or `.`, which hold every test) is not failed for what it left out: it says
how many of the contract tests it ran.
The same options in `addopts` or in the PYTEST_ADDOPTS variable count as
configuration, not as narrowing: a CI job or a shell profile sets the
variable for every run, where nobody sees it.

The verdict is made from the tests' reports, so it holds whatever happened
during collection, and under pytest-xdist (each worker tags the reports of
contract tests; the controller judges). A hook written to forge reports is out
of reach of any check made inside the test run.
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import shlex
import sys
from collections.abc import Generator
from pathlib import Path

import pytest

from tests.contract.base import (
    CONTRACT_PLUGINS,
    PROJECT,
    ContractSuite,
    _is_contract_class,
)

PROPERTY = "rag4code_contract"
"""Name of the user property that tags the reports of a contract test."""
STRICTNESS = (
    "strict_config",
    "strict_markers",
    "strict_xfail",
    "strict_parametrization_ids",
)
NARROWING = {  # option -> whether a value follows it
    "-k": True,
    "-m": True,
    "--deselect": True,
    "--ignore": True,
    "--ignore-glob": True,
    "--lf": False,
    "--last-failed": False,
    "--sw": False,
    "--stepwise": False,
    "--sw-skip": False,
    "--stepwise-skip": False,
}
"""Options that select tests (besides test paths and node ids)."""
SHOWN = 40
"""How many missing tests a failure lists by name."""
LEFT_OUT = (
    "Something in the configuration left them out: -k, -m or --deselect in"
    " addopts or PYTEST_ADDOPTS, collect_ignore, python_classes, python_files,"
    " testpaths, `__test__ = False`, a pytest_collection_modifyitems hook. Remove"
    " it: a green `uv run pytest` runs the whole contract. To run part of it for"
    " focused work, narrow the run on the command line (`uv run pytest -k NAME`,"
    " a test path)."
)
VERDICT = pytest.StashKey[list[str]]()
NOTE = pytest.StashKey[str]()


@functools.cache
def contract_suites() -> dict[str, type[ContractSuite]]:
    """Each kind this plugin provides (manifest.json) -> its contract suite class."""
    manifest = PROJECT / "tests/contract/manifest.json"
    kinds: list[str] = json.loads(manifest.read_text(encoding="utf-8"))["kinds"]
    suites = {}
    for kind in kinds:
        module = importlib.import_module(f"tests.contract.{kind}")
        (suites[kind],) = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, ContractSuite)
            and value.__module__ == module.__name__
        ]
    return suites


def contract_tests(suite: type[ContractSuite]) -> dict[str, int]:
    """Each contract test of a suite -> how many parameter sets it runs."""
    names = {n for cls in suite.__mro__ for n in vars(cls) if n.startswith("test_")}
    tests = {}
    for name in sorted(names):
        test = getattr(suite, name)
        if callable(test):
            tests[name] = math.prod(
                len(
                    mark.kwargs["argvalues"]
                    if "argvalues" in mark.kwargs
                    else mark.args[1]
                )
                for mark in getattr(test, "pytestmark", [])
                if mark.name == "parametrize"
            )
    return tests


def _judged(config: pytest.Config) -> bool:
    """False for runs that run no test: --collect-only, --setup-only,
    --setup-plan, --fixtures, --fixtures-per-test, --help, --markers."""
    option = config.option
    return not any(
        getattr(option, name, False)
        for name in (
            "collectonly",
            "setuponly",
            "setupplan",
            "showfixtures",
            "show_fixtures_per_test",
            "help",
            "markers",
        )
    )


def settings_problems(config: pytest.Config) -> list[str]:
    """What is wrong with the settings pytest runs this project's tests with."""
    expected = PROJECT / "pyproject.toml"
    problems = []
    if config.inipath is None or config.inipath.resolve() != expected.resolve():
        problems.append(
            f"pytest read its settings from {config.inipath or 'no file'}, not from"
            f" [tool.pytest] in {expected}, so the project's strict settings,"
            " filterwarnings and testpaths do not apply. Delete that file (a"
            " pytest.ini, .pytest.ini, pytest.toml, tox.ini or setup.cfg with pytest"
            " settings in the project folder takes precedence over pyproject.toml),"
            " or drop `-c`; keep your settings in pyproject.toml."
        )
    weak = [name for name in STRICTNESS if not _strict(config, name)]
    if weak:
        problems.append(
            f"{', '.join(weak)} {'is' if len(weak) == 1 else 'are'} off: keep"
            " `strict = true` in [tool.pytest] of pyproject.toml, and do not turn"
            " it off there, with `-o` or in addopts."
        )
    return problems


def _strict(config: pytest.Config, name: str) -> bool:
    """The effective value of one strictness setting (unset: `strict`'s)."""
    value = config.getini(name)
    return bool(config.getini("strict") if value is None else value)


class Tally:
    """The contract tests that passed, or failed as a sanctioned strict xfail,
    in this run (in the controller, under pytest-xdist)."""

    def __init__(self) -> None:
        #: kind -> test class node id -> test name -> parameter set ids
        self.ran: dict[str, dict[str, dict[str, set[str]]]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        expected_failure = report.skipped and hasattr(report, "wasxfail")
        if not (report.when == "call" and report.passed) and not expected_failure:
            return  # (an xfail may fail in setup, in a fixture)
        for name, value in report.user_properties:
            if name == PROPERTY and isinstance(value, dict):
                for kind in value["kinds"]:
                    tests = self.ran.setdefault(kind, {}).setdefault(value["class"], {})
                    tests.setdefault(value["test"], set()).add(value["param"])


TALLY = pytest.StashKey[Tally]()


def pytest_configure(config: pytest.Config) -> None:
    """Stop at once when pytest does not read the project's strict settings."""
    if _judged(config) and (problems := settings_problems(config)):
        raise pytest.UsageError("\n".join(problems))
    config.stash[TALLY] = Tally()
    config.pluginmanager.register(config.stash[TALLY])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Fail a contract test's unsanctioned xfail; tag its setup and call reports."""
    report = yield
    cls = getattr(item, "cls", None)
    if not (isinstance(cls, type) and issubclass(cls, ContractSuite)):
        return report
    assert isinstance(item, pytest.Function)
    if hasattr(report, "wasxfail") and (problem := xfail_problem(item)):
        report.outcome = "failed"
        del report.wasxfail
        report.longrepr = problem
    if call.when in {"setup", "call"}:
        callspec = getattr(item, "callspec", None)
        parent = item.getparent(pytest.Class)
        tag = {
            "class": parent.nodeid if parent else item.nodeid,
            "test": item.originalname,
            "param": callspec.id if callspec else "",
            "kinds": [k for k, s in contract_suites().items() if issubclass(cls, s)],
        }
        report.user_properties.append((PROPERTY, tag))
    return report


def xfail_problem(item: pytest.Function) -> str | None:
    """Why an xfail of this contract test is not sanctioned, or None: only an
    override of the test in the author's class may expect it to fail, marked
    @pytest.mark.xfail(strict=True, reason=...)."""
    assert item.cls is not None
    name = item.originalname
    owner = next((c for c in item.cls.__mro__ if name in vars(c)), None)
    own = getattr(item.function, "pytestmark", [])
    overridden = owner is not None and not _is_contract_class(owner)
    marks = list(item.iter_markers("xfail"))
    bad = [
        mark
        for mark in marks
        if not overridden
        or mark not in own
        or mark.kwargs.get("strict") is not True
        or not str(mark.kwargs.get("reason", "")).strip()
        or mark.kwargs.get("run", True) is not True
    ]
    if marks and not bad:
        return None
    found = ", ".join(map(repr, bad)) if bad else "pytest.xfail() was called"
    return (
        f"{item.nodeid} was expected to fail ({found}), but a rag4code contract"
        " test may be expected to fail only through an override of that test in"
        " your test class, marked @pytest.mark.xfail(strict=True,"
        ' reason="..."): not by a mark added by a hook or set on a class or'
        " module, not by a non-strict mark, a mark without a reason or with"
        " run=False, and not by pytest.xfail()."
    )


def narrowing(config: pytest.Config) -> list[str]:
    """The arguments that narrow this run on the command line (not addopts,
    not PYTEST_ADDOPTS): selection options, and test paths or node ids other
    than the tests folder or a folder above it."""
    given = [str(arg) for arg in config.invocation_params.args]
    found = []
    for index, arg in enumerate(given):
        if arg in NARROWING:
            found.append(shlex.join(given[index : index + 1 + NARROWING[arg]]))
        elif arg.partition("=")[0] in NARROWING or arg[:2] in {"-k", "-m"}:
            found.append(shlex.quote(arg))  # --deselect=ID, -kNAME
    if config.args_source is pytest.Config.ArgsSource.ARGS:
        found += [
            shlex.quote(arg)
            for arg in config.args
            if arg in given and not _holds_all_tests(config.invocation_params.dir / arg)
        ]
    return found


def _holds_all_tests(path: Path) -> bool:
    """True for the project's tests folder or a folder above it (`pytest .`)."""
    tests = PROJECT / "tests"
    return path.is_dir() and path.resolve() in {tests, *tests.parents}


def missing_tests(tally: Tally) -> tuple[list[str], int, int]:
    """The contract tests that should have run and did not (one line each),
    how many contract tests there are, and how many of them ran."""
    missing: list[str] = []
    total = ran = 0
    for kind, suite in contract_suites().items():
        expected = contract_tests(suite)
        total += sum(expected.values())
        classes = tally.ran.get(kind, {})
        for name, count in expected.items():
            seen = set().union(*(tests.get(name, set()) for tests in classes.values()))
            ran += min(count, len(seen))
        if not classes:
            missing.append(
                f"all {sum(expected.values())} tests of the {kind} contract: no test"
                f" class that subclasses {suite.__name__} ran"
            )
        for cls, tests in sorted(classes.items()):
            for name, count in expected.items():
                done = len(tests.get(name, ()))
                if done < count:
                    part = f" ({done} of {count} parameter sets ran)" if done else ""
                    missing.append(f"{cls}::{name}{part}")
    return missing, total, ran


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a run that is otherwise green: fail it when a contract test did not
    run, or note what a run narrowed on the command line left out."""
    config = session.config
    if hasattr(config, "workerinput") or not _judged(config):
        return  # a pytest-xdist worker: the controller judges
    if session.exitstatus not in {
        pytest.ExitCode.OK,
        pytest.ExitCode.NO_TESTS_COLLECTED,
    }:
        return  # already red, or interrupted: its own messages say why
    inactive = [n for n in CONTRACT_PLUGINS if not config.pluginmanager.has_plugin(n)]
    missing, total, ran = missing_tests(config.stash[TALLY])
    narrowed = narrowing(config)
    if narrowed and not inactive:
        if missing:
            config.stash[NOTE] = (
                f"rag4code contract: this run ran {ran} of the {total} contract"
                f" tests, narrowed on the command line ({' '.join(narrowed)});"
                " `uv run pytest` with no selection runs them all, as CI does."
            )
        return
    lines = []
    if inactive:
        lines.append(
            f"The contract plugins {', '.join(inactive)} are not active: pytest did"
            " not load the project's conftest.py (--noconftest, --confcutdir?)."
        )
    if missing:
        shown = missing[:SHOWN]
        if len(missing) > SHOWN:
            shown.append(f"... and {len(missing) - SHOWN} more")
        headline = (
            f"This run ran {ran} of the {total} contract tests of this plugin. Not"
            " run (or neither passed nor failed as a strict xfail):"
        )
        lines += [headline, *(f"  {line}" for line in shown), LEFT_OUT]
    if lines:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        config.stash[VERDICT] = lines
        if config.pluginmanager.get_plugin("terminalreporter") is None:
            sys.stderr.write("\n".join(lines) + "\n")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the verdict (or the note) just above the last line."""
    stash = terminalreporter.config.stash
    if lines := stash.get(VERDICT, None):
        terminalreporter.write_sep("=", "rag4code contract incomplete", red=True)
        for line in lines:
            terminalreporter.write_line(line, red=True)
    elif note := stash.get(NOTE, None):
        terminalreporter.write_line(note, yellow=True)
