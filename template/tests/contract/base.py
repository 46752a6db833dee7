"""Machinery shared by every rag4code contract suite (vector_db, embedder, chunker).

Template-owned: refreshed by `copier update`; do not edit.

Each kind's suite subclasses `ContractSuite`; the author subclasses that suite
once in tests/test_contract.py and sets `plugin_name`. The suite supplies all
data. The author passes constructor options as data (`adapter_options`) and
overrides one fixture, `instance_options`, only for set-up and clean-up (a
namespace or a temporary path per instance); `model_examples` shortens the
random-operations test for slow or remote backends.
"""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from tests.contract import restore_recipe

CONTRACT_VERSION = 1
"""The rag4code plugin API version these suites check. Adapters declare the
same number as `api_version`; a template release that changes the API bumps it."""

PROJECT = Path(__file__).resolve().parent.parent.parent
"""The plugin project's root folder (this file is tests/contract/base.py)."""

CONTRACT_PLUGINS = ("tests.contract.plugin", "tests.contract.completeness")
"""The pytest plugins every contract test runs under (the root conftest.py
loads them): no skipped contract test, and a green run ran them all."""


def load_adapter_class(group: str, name: str) -> type[Any]:
    """Load the class that entry point `name` of `group` points at, as rag4code
    does; a failure names its actual cause and the fix."""
    found = [ep for ep in entry_points(group=group) if ep.name == name]
    if not found:
        raise LookupError(_missing_entry_point(group, name))
    if len(found) > 1:
        values = ", ".join(sorted(ep.value for ep in found))
        raise LookupError(
            f"{len(found)} installed distributions provide {name!r} in {group!r}"
            f" ({values}): uninstall the stale one."
        )
    point = found[0]
    module = point.value.partition(":")[0]
    try:
        loaded = point.load()
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            raise LookupError(
                f"entry point {name!r} in {group!r} names module {module!r}, which"
                " does not exist: the adapter was moved or renamed. Point the"
                " entry point in pyproject.toml at its module, then reinstall."
            ) from error
        raise LookupError(
            f"{module} imports {error.name!r}, which is not installed: add it to"
            " [project] dependencies in pyproject.toml (and import it on first"
            " use, not at module import)."
        ) from error
    except AttributeError as error:
        raise LookupError(
            f"entry point {name!r} in {group!r} is {point.value!r}, but {module}"
            f" has no such class ({error}): the class was renamed or moved. Point"
            " the entry point in pyproject.toml at it, then reinstall."
        ) from error
    if not isinstance(loaded, type):
        raise TypeError(
            f"entry point {name!r} in {group!r} loads {loaded!r}, not a class:"
            " its value must be 'module:ClassName'."
        )
    return loaded


def _missing_entry_point(group: str, name: str) -> str:
    """Why no entry point `name` is installed in `group`, read from pyproject.toml."""
    metadata = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = metadata["project"].get("entry-points", {}).get(group, {})
    distribution = metadata["project"]["name"]
    if name in declared:
        return (
            f"{group}:{name} is declared in pyproject.toml but not installed:"
            f" reinstall the project (`uv sync --reinstall-package {distribution}`);"
            " editable installs do not pick up new or renamed entry points."
        )
    if declared:
        return (
            f"plugin_name = {name!r} in tests/test_contract.py names no entry point"
            f" of this project: pyproject.toml declares {sorted(declared)} in"
            f" {group!r}. Set plugin_name to the entry-point name."
        )
    return (
        f"pyproject.toml declares no entry point in {group!r}: add"
        f' [project.entry-points."{group}"] {name} = "<package>.<module>:<Class>",'
        " then reinstall the project."
    )


def suite_of(item: pytest.Item) -> type[ContractSuite] | None:
    """The contract suite class a collected test belongs to, if any."""
    cls = getattr(item, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, ContractSuite) else None


def file_digest(path: Path) -> str:
    """sha256 of a text file with CRLF read as LF, so a git checkout on Windows
    (core.autocrlf) does not count as an edit."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def manifest() -> dict[str, str]:
    """Template-owned file (path relative to the project root) -> its sha256."""
    data = json.loads(
        (PROJECT / "tests/contract/manifest.json").read_text(encoding="utf-8")
    )
    files: dict[str, str] = data["files"]
    return files


def changed_vendored_files() -> list[str]:
    """Template-owned files whose content differs from what the template shipped."""
    return [
        name
        for name, digest in sorted(manifest().items())
        if file_digest(PROJECT / name) != digest
    ]


def is_close(actual: float, expected: float) -> bool:
    """Float comparison fit for float32 storage (about 7 significant digits)."""
    return math.isclose(actual, expected, rel_tol=1e-5, abs_tol=1e-5)


def assert_rejected(call: Callable[[], object]) -> None:
    """`call` raises ValueError or TypeError with a message naming the problem."""
    with pytest.raises((ValueError, TypeError)) as excinfo:
        call()
    assert str(excinfo.value).strip(), "the error message must name the problem"


class ContractSuite:
    """Tests every plugin kind shares: loading, construction, version, life cycle,
    integrity.

    Subclassed by each kind's suite, which sets `group` and `api_calls()`; the
    author's subclass sets `plugin_name`.
    """

    group: ClassVar[str]
    plugin_name: ClassVar[str]
    model_examples: ClassVar[int] = 60
    """How many random operation sequences the model-based test tries. Lower it
    in your subclass for a slow or remote backend (at least 1): the test still
    runs, deterministically, with fewer sequences. On a remote backend a
    failing sequence is shown as found, not shrunk (see `run_model`)."""

    service_url_variable: ClassVar[str | None] = None
    """For a backend behind a server: the environment variable holding its URL.
    When it is set and nothing answers there, the run stops before any test."""
    api_key_variable: ClassVar[str | None] = None
    """For a hosted API: the environment variable holding its key. The suite
    then runs through recorded HTTP (tests/cassettes/, pytest-recording):
    replayed by default, recorded with `--record-mode=rewrite`."""

    adapter_options: ClassVar[Mapping[str, Any]] = {}
    """Keyword arguments given to every instance the suite builds (data, e.g.
    `{"url": "http://localhost:8000"}`): set them in your subclass."""

    def api_calls(self) -> dict[str, Callable[[Any], object]]:
        """Each API method of the kind, called with valid arguments (set per kind)."""
        raise NotImplementedError

    def run_model(self, machine: type[RuleBasedStateMachine], steps: int) -> None:
        """Run a model-based test: `model_examples` random sequences of up to
        `steps` calls, the same sequences on every run (derandomized, no
        example database), however slow the backend.

        A failing sequence is printed step by step. Against a local backend
        hypothesis first shrinks it to the shortest one that still fails; a
        remote backend (`service_url_variable` or `api_key_variable` set)
        reports the first failing sequence as found, unshrunk: every shrink
        attempt replays a whole sequence over the network, and hypothesis
        stops shrinking only after five minutes. So a failure costs at most
        `model_examples` sequences, plus one to print it.
        """
        remote = bool(self.service_url_variable or self.api_key_variable)
        skipped = {Phase.shrink, Phase.explain} if remote else set()
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=self.model_examples,
                stateful_step_count=steps,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[phase for phase in Phase if phase not in skipped],
                suppress_health_check=list(HealthCheck),
            ),
        )

    @pytest.fixture(autouse=True)
    def _contract_plugins_are_active(self, request: pytest.FixtureRequest) -> None:
        """Fails a contract test that runs without the contract plugins: pytest
        did not load the project's conftest.py, which loads them."""
        manager = request.config.pluginmanager
        if inactive := [n for n in CONTRACT_PLUGINS if not manager.has_plugin(n)]:
            pytest.fail(
                f"the rag4code contract plugins {', '.join(inactive)} are not"
                " active: pytest did not load the project's conftest.py, which"
                " loads them. Remove --noconftest or --confcutdir from addopts,"
                " PYTEST_ADDOPTS or the command line, and run from the project.",
                pytrace=False,
            )

    @pytest.fixture
    def adapter_class(self) -> type[Any]:
        """The class behind this plugin's entry point, loaded as rag4code loads it."""
        return load_adapter_class(self.group, self.plugin_name)

    @pytest.fixture
    def instance_options(self) -> Callable[[], Mapping[str, Any]]:
        """THE set-up and clean-up hook: a callable that returns the options giving
        ONE new instance its own, empty data; the suite calls it once per instance.

        Default: no options (an in-memory store is empty and isolated anyway).
        Override it in tests/test_contract.py for a backend that keeps data: a
        namespace per instance (`{"namespace": unique_namespace()}`) or a folder
        per instance under pytest's `tmp_path`; make it a generator fixture to
        clean up after the test (drop the namespaces it handed out: the suite
        has closed every instance by then). The generated file shows how.
        """
        return dict

    @pytest.fixture
    def make(
        self,
        adapter_class: type[Any],
        instance_options: Callable[[], Mapping[str, Any]],
        request: pytest.FixtureRequest,
    ) -> Iterator[Instances]:
        """Build instances, `adapter_class(**adapter_options, **instance_options(),
        **options)` (later keys win); close them all after the test.

        `make.reopen(instance)` (also the `reopen` fixture) builds a new instance
        with exactly the keyword arguments `instance` was built with.

        A test class written for an earlier template that overrides the former
        hook, `adapter_factory` (a fixture returning a callable that builds an
        empty instance), keeps working: instances come from it, called with the
        suite's own options only, and a reopened instance is another call with
        those same options. Such a factory usually picks a new namespace or path
        per call, so its reopened store is a new, empty one: for the persistence
        test's `persists = True`, move that set-up into `instance_options`.
        """
        if _author_defines(type(self), "adapter_factory"):
            if self.adapter_options or _author_defines(type(self), "instance_options"):
                pytest.fail(
                    f"{type(self).__name__} overrides `adapter_factory`, the former"
                    " hook, and sets `adapter_options` or `instance_options`, which"
                    " the factory would ignore: move what the factory does into"
                    " them and delete `adapter_factory`.",
                    pytrace=False,
                )
            factory: Callable[..., Any] = request.getfixturevalue("adapter_factory")
            instances = Instances(factory, dict)
        else:
            shared = dict(self.adapter_options)
            instances = Instances(
                adapter_class,
                lambda options: {**shared, **instance_options(), **options},
            )
        try:
            yield instances
        finally:
            instances.close_all()

    @pytest.fixture
    def reopen(self, make: Instances) -> Callable[[Any], Any]:
        """`reopen(instance)`: a new instance built with exactly the keyword
        arguments of `instance` (which `make` built); closed after the test."""
        return make.reopen

    # --- loading and construction -------------------------------------------------

    def test_api_version_matches_contract(self, adapter_class: type[Any]) -> None:
        """The adapter's `api_version` equals the contract version of these tests.

        If this fails after `copier update`: the rag4code plugin API changed. Read
        the template's CHANGELOG for what changed in this contract version, adapt
        the adapter, then set `api_version` to the new number.
        """
        declared = getattr(adapter_class, "api_version", None)
        assert declared == CONTRACT_VERSION, (
            f"{adapter_class.__name__}.api_version is {declared!r} but the vendored"
            f" contract is version {CONTRACT_VERSION}. The rag4code plugin API"
            " changed: see the template CHANGELOG, adapt the adapter, then set"
            f" api_version = {CONTRACT_VERSION}."
        )

    def test_class_constructs_without_arguments(self, adapter_class: type[Any]) -> None:
        """`Class()` works with no arguments (an embedded or in-memory default).

        If this fails: give every `__init__` option a default; connect lazily on
        first use rather than in `__init__` if the default needs a backend.
        """
        adapter_class().close()

    def test_loading_imports_only_stdlib_and_the_plugin(self) -> None:
        """`EntryPoint.load()` imports nothing but the plugin's own package and the
        standard library, so that rag4code can load a plugin cheaply.

        If this fails: a backend client is imported at module level. Import it
        inside the method that first needs it (the skeleton's `_client()`), or
        under `if TYPE_CHECKING:` for type hints only.
        """
        result = subprocess.run(
            [
                sys.executable,
                "-X",
                "utf8",
                "-P",
                "-c",
                _LOAD_PROBE,
                self.group,
                self.plugin_name,
            ],
            capture_output=True,
            encoding="utf-8",  # the child's too (-X utf8), whatever the locale (Windows)
            errors="replace",
            check=False,
        )
        assert result.returncode == 0, result.stderr
        imported = json.loads(result.stdout)
        assert imported == [], (
            f"loading {self.plugin_name!r} from {self.group!r} imported {imported}:"
            " import backend libraries on first use, not at module import."
        )

    # --- life cycle -----------------------------------------------------------------

    def test_close_twice_is_allowed(self, make: Callable[..., Any]) -> None:
        """`close()` may be called twice (a `with` block and a `finally` both close).

        If this fails: make `close()` idempotent: remember that it ran, and
        release the client only the first time.
        """
        instance = make()
        instance.close()
        instance.close()

    def test_call_after_close_raises_value_error(
        self, make: Callable[..., Any]
    ) -> None:
        """Every API call on a closed instance raises ValueError.

        If this fails: a closed instance went on working, or failed with another
        error (AttributeError on a released client, the backend's own error).
        Check at the start of every method, e.g. with `self.ensure_open()` of
        the support module's `Adapter`.
        """
        problems = []
        for name, call in self.api_calls().items():
            instance = make()
            instance.close()
            try:
                call(instance)
            except ValueError:
                continue
            problems.append(f"{name}() worked on a closed instance")
        assert not problems, "after close(): " + "; ".join(problems)

    def test_instance_is_context_manager_that_closes(
        self, make: Callable[..., Any]
    ) -> None:
        """`with instance as x:` gives back the instance itself and closes it on exit.

        If this fails: define `__enter__` (return self) and `__exit__` (call
        close), or inherit them from the skeleton's `Adapter` base class.
        """
        instance = make()
        with instance as entered:
            assert entered is instance, "__enter__ must return the instance itself"
        name, call = next(iter(self.api_calls().items()))
        with pytest.raises(ValueError, match=r".") as excinfo:
            call(instance)
        assert str(excinfo.value).strip(), (
            f"{name}() after the with block must say the instance is closed"
        )

    # --- integrity of the vendored suite ------------------------------------------

    def test_vendored_suite_is_unchanged(self) -> None:
        """The template-owned files are exactly what the template shipped.

        If this fails: run the command in the message, which renders the
        template version recorded in .copier-answers.yml and copies the files
        back (your changes belong in tests/test_contract.py or your own
        modules). To accept a failing contract test, override it in
        tests/test_contract.py with @pytest.mark.xfail(strict=True, reason=...).
        """
        changed = changed_vendored_files()
        assert not changed, (
            f"template-owned files were edited: {', '.join(changed)}. From the"
            " project folder, restore them as the recorded template version made"
            f" them: {restore_recipe(changed)}"
        )

    def test_contract_tests_are_not_overridden(self) -> None:
        """Contract tests are neither deleted nor overridden, except as strict xfail.

        If this fails: remove your override, or mark it
        @pytest.mark.xfail(strict=True, reason="why the backend cannot comply"),
        so the exception is visible and fails once the backend complies.
        """
        contract = [c for c in type(self).__mro__ if _is_contract_class(c)]
        names = {n for c in contract for n in vars(c) if n.startswith("test_")}
        problems = []
        for name in sorted(names):
            owner = next((c for c in type(self).__mro__ if name in vars(c)), None)
            if owner is None or owner in contract:
                continue
            test = vars(owner)[name]
            if not callable(test):
                problems.append(f"{name} was removed in {owner.__name__}")
            elif not _is_strict_xfail(test):
                problems.append(
                    f"{name} is overridden in {owner.__name__} without @pytest.mark.xfail(strict=True, reason=...)"
                )
        class_marks = [m.name for m in getattr(type(self), "pytestmark", [])]
        if {"skip", "skipif", "xfail"} & set(class_marks):
            problems.append(f"{type(self).__name__} carries class-wide {class_marks}")
        examples: object = self.model_examples
        if not (isinstance(examples, int) and examples >= 1):
            problems.append(
                f"model_examples must be an int of at least 1, got {examples!r}"
            )
        assert not problems, "; ".join(problems)


class Instances:
    """What the `make` fixture gives: `make(**options)` builds an instance and
    remembers its keyword arguments; `make.reopen(instance)` builds a new one
    with the same; `close_all()` closes every instance built (after the test)."""

    def __init__(
        self,
        build: Callable[..., Any],
        arguments: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> None:
        self._build = build
        self._arguments = arguments  # a test's options -> the constructor's
        self._made: list[tuple[Any, dict[str, Any]]] = []

    def __call__(self, **options: Any) -> Any:
        return self._keep(self._arguments(options))

    def reopen(self, instance: Any) -> Any:
        for made, arguments in self._made:
            if made is instance:
                return self._keep(arguments)
        raise LookupError("reopen() takes an instance that make() built")

    def close_all(self) -> None:
        for instance, _ in self._made:
            instance.close()

    def _keep(self, arguments: dict[str, Any]) -> Any:
        instance = self._build(**arguments)
        self._made.append((instance, arguments))
        return instance


_LOAD_PROBE = """
import json, sys
from importlib.metadata import entry_points

group, name = sys.argv[1:]
(point,) = [ep for ep in entry_points(group=group) if ep.name == name]
before = set(sys.modules)
own = point.value.partition(":")[0].split(".")[0]
point.load()
added = {module.split(".")[0] for module in set(sys.modules) - before}
print(json.dumps(sorted(added - set(sys.stdlib_module_names) - {own, "__future__"})))
"""


def _is_contract_class(cls: type) -> bool:
    """True for the vendored suite classes (defined in this package)."""
    return cls.__module__.rpartition(".")[0] == __name__.rpartition(".")[0]


def _author_defines(cls: type, name: str) -> bool:
    """True when `name` comes from a class outside the vendored suite (the
    author's test class, or a class between it and the suite)."""
    owner = next((c for c in cls.__mro__ if name in vars(c)), None)
    return owner is not None and not _is_contract_class(owner)


def _is_strict_xfail(test: Any) -> bool:
    """True when a test carries xfail with strict=True and a non-empty reason."""
    return any(
        mark.name == "xfail"
        and mark.kwargs.get("strict") is True
        and str(mark.kwargs.get("reason", "")).strip()
        for mark in getattr(test, "pytestmark", [])
    )
